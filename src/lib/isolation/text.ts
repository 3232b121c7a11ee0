// Text shared by the screens and the PDF reports, in an explicitly chosen language (a report may be
// printed in English from a tablet set to Chinese), plus the few formats both need.
import { formatExplanation, formatNumber, label, type Explanation } from '$lib/domain/isolation/explain';
import type { CheckReadings, WorstSeen } from '$lib/domain/isolation/check';
import type { RuleResult, RuleValue } from '$lib/domain/isolation/rules';
import type { RuleStatus } from '$lib/domain/isolation/status';
import { interpolate, type Lang } from '$lib/i18n/define';
import { catalogues, type MessageKey } from '$lib/i18n/index.svelte';

export type Tr = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Tr {
  return (key, params) => interpolate(catalogues[lang][key] ?? key, params, lang);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time, "2026-03-02 09:00"; '—' for a missing or invalid time. */
export function dateTime(t: string | number | null | undefined): string {
  const ms = typeof t === 'number' ? t : t ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function dateOnly(t: string | number | null | undefined): string {
  return dateTime(t).slice(0, 10);
}

export function timeOnly(t: string | number | null | undefined): string {
  const s = dateTime(t);
  return s.length > 10 ? s.slice(11) : s;
}

/** Local time with seconds, "10:02:07": when a live reading was seen. */
export function clockTime(t: string | number | null | undefined): string {
  const ms = typeof t === 'number' ? t : t ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "Alarm: Insulation resistance 45 kΩ at 10:02:07" — the worst seen during a check. */
export function worstText(w: WorstSeen, lang: Lang): string {
  return translator(lang)('isolation.worst.line', {
    status: statusLabel(w.status, lang), rule: label(w.rule, lang),
    value: w.value ? valueText(w.value, lang) : explanationText(w.explanation, lang), time: clockTime(w.at)
  });
}

/** "Readings of 2026-03-02 09:00 (read over serial)", plus which values were typed beside them. */
export function readingsText(r: CheckReadings | null, lang: Lang): string {
  if (!r) return '—';
  const t = translator(lang);
  const base = t('isolation.readings.readAt', { time: dateTime(r.readAt), source: t(`isolation.source.${r.source}`) });
  const typed = [...new Set((r.typed ?? []).map((k) => (k === 'loadA' || k === 'loadPercent' ? 'load' : 'temperature')))];
  if (typed.length === 0) return base;
  return `${base}; ${t('isolation.readings.valueSource', { what: typed.map((k) => label(k, lang)).join(', '), source: t('isolation.source.manual') })}`;
}

/** "≥ 999 kΩ", "12.3 %", or '—' when the rule has no value. */
export function valueText(v: RuleValue | null | undefined, lang: Lang): string {
  if (!v) return '—';
  const n = formatNumber(v.value, lang);
  const prefix = v.bound === 'atLeast' ? '≥ ' : v.bound === 'atMost' ? '≤ ' : '';
  return `${prefix}${n} ${v.unit}`.trim();
}

export function limitText(r: RuleResult, lang: Lang): string {
  if (!r.limit) return '—';
  const key = `isolation.limit.${r.rule}` as MessageKey;
  if (!(key in catalogues[lang])) return '—';
  return translator(lang)(key, { alarm: formatNumber(r.limit.alarm, lang), warning: r.limit.warning === null ? '—' : formatNumber(r.limit.warning, lang) });
}

export function explanationText(e: Explanation, lang: Lang): string {
  return formatExplanation(e, lang);
}

export function statusLabel(s: RuleStatus, lang: Lang): string {
  return label(s, lang);
}

/** The headline of a verdict, as shown across the whole screen and at the top of a report. */
export function verdictHeadline(s: RuleStatus, lang: Lang): string {
  return translator(lang)(`isolation.verdict.${s}`);
}

export { label };
