// Display helpers of the service desk (durations in business time, instants in the calendar zone).
import type { Lang } from '$lib/i18n/define';
import type { ClockState } from '$lib/domain/service/sla';

export function formatDuration(ms: number, lang: Lang): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (lang === 'zh-CN') return h > 0 ? `${h} 小时 ${m} 分` : `${m} 分钟`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function formatInstant(iso: string, lang: Lang, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** 'ok' | 'warn' (under a fifth left) | 'bad' (breached) for a clock's colour. */
export function clockTone(c: ClockState): 'ok' | 'warn' | 'bad' {
  if (c.breached) return 'bad';
  return c.targetMs > 0 && !c.done && c.remainingMs < c.targetMs * 0.2 ? 'warn' : 'ok';
}
