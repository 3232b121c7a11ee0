// Text of the monthly report shared by the screen and the PDF, in an explicitly chosen language.
import { INCIDENT_CATEGORIES } from '$lib/domain/service/types';
import type { Lang } from '$lib/i18n/define';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { translator, type Tr } from '$lib/isolation/text';

export { translator, type Tr };

/** Business time as "2 h 05 min" / "2 小时 5 分钟"; '—' when nothing was measured. */
export function durationText(ms: number | null, lang: Lang): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const t = translator(lang);
  const total = Math.round(ms / 60_000);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? t('rep.duration.hm', { h, m: lang === 'en' ? String(m).padStart(2, '0') : m }) : t('rep.duration.m', { m });
}

export function percentText(p: number | null): string {
  return p === null ? '—' : `${p.toFixed(1)} %`;
}

const CATEGORIES: ReadonlySet<string> = new Set(INCIDENT_CATEGORIES);

/** A category's label; a category the team added outside the list shows as typed. */
export function categoryLabel(key: string, t: Tr): string {
  return CATEGORIES.has(key) ? t(`rep.cat.${key}` as MessageKey) : key;
}

/** "2026-11" → "November 2026" / "2026年11月". */
export function monthLabel(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return lang === 'en' ? new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : `${y}年${m}月`;
}
