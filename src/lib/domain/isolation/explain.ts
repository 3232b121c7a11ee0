/**
 * Explanations: what a rule or validator found, as a code plus the numbers behind it, so the UI can
 * say "48 kΩ, 2 kΩ below the 50 kΩ response value" in either language without the domain baking in
 * English. `formatExplanation` is the one place that turns them into text.
 *
 * Conventions in params:
 * - `value` with `bound` ('atLeast' | 'atMost') prints as "≥ 999" / "≤ 10" and adds "(device range end)".
 * - list params (`field`, `leads`, `steps`, `items`) hold comma-separated tokens, translated one by one.
 * - numbers print with at most two decimals, without grouping ("1200 kΩ", not "1,200 kΩ").
 * - `unit` may be '' (a slave address has none); the spaces it leaves are tidied.
 * - a placeholder without its param prints "?", never the raw "{name}".
 */
import { MESSAGES, TOKENS, type Lang } from './explain-messages';

export type { Lang } from './explain-messages';

export interface Explanation {
  code: string;
  params: Record<string, number | string>;
}

export function explain(code: string, params: Record<string, number | string | undefined> = {}): Explanation {
  const clean: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return { code, params: clean };
}

const LIST_KEYS = new Set(['field', 'leads', 'steps', 'items']);

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 2, useGrouping: false }),
  'zh-CN': new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, useGrouping: false })
};

export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  return numberFormats[lang].format(n);
}

function translateList(raw: string, lang: Lang): string {
  const parts = raw.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return parts.map((t) => TOKENS[t]?.[lang] ?? t).join(lang === 'zh-CN' ? '、' : ', ');
}

function renderParam(key: string, v: number | string, params: Explanation['params'], lang: Lang): string {
  if (typeof v === 'number') {
    const text = formatNumber(v, lang);
    if (key === 'value' && params.bound === 'atLeast') return `≥ ${text}`;
    if (key === 'value' && params.bound === 'atMost') return `≤ ${text}`;
    return text;
  }
  if (LIST_KEYS.has(key)) return translateList(v, lang);
  return v;
}

/** A rule id, status, test step, visual item, lead or panel field as a short label. */
export function label(token: string, lang: Lang): string {
  return TOKENS[token]?.[lang] ?? token;
}

/** Text for an explanation. An unknown code returns the code itself, so nothing ever throws. */
export function formatExplanation(expl: Explanation, lang: Lang): string {
  const template = MESSAGES[expl.code]?.[lang];
  if (template === undefined) return expl.code;
  let text = template.replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const v = expl.params[key];
    return v === undefined ? '?' : renderParam(key, v, expl.params, lang);
  });
  const bound = expl.params.bound;
  if (bound === 'atLeast' || bound === 'atMost') text += lang === 'zh-CN' ? '（仪表量程端点）' : ' (device range end)';
  // An empty {unit} (e.g. slave address) leaves stray spaces: tidy them.
  return text.replace(/ {2,}/g, ' ').replace(/ +(?=[，。、；：（）])/g, '').trim();
}
