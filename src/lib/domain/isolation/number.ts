/**
 * A number typed at the panel, read by the locale's rules or refused; never guessed.
 *
 * Both interface languages (en, zh-CN) write "1,500.5": "." is the decimal mark and "," groups
 * thousands. So:
 * - "1,500" is 1500 (grouping by threes, as the locale writes it);
 * - "1,5", "12,34", "1,5000", "1.500,0" do not follow the locale and are refused as ambiguous
 *   (a European "1,5" would otherwise turn 1.5 kΩ into 15 kΩ, or 1500 into 1.5, silently);
 * - a space inside the digits ("1 500") is refused the same way: one number or two?
 * - exponents ("1e3"), letters and stray signs are not numbers.
 * A leading minus is read (−5 °C is a temperature); the rules judge whether a negative makes sense.
 * Full-width digits and marks from a Chinese IME count as their ASCII forms. A leading "≥", ">=",
 * ">" (or "≤", "<=", "<") marks a device's range end, read as a bound. Empty text is no reading.
 */
import type { Lang } from './explain';
import type { Bound } from './readings';

export type ParsedNumber =
  | { ok: true; value: number; bound: Bound }
  | { ok: false; reason: 'ambiguous' | 'notANumber'; text: string };

export const NUMBER_FORMAT: Record<Lang, { decimal: string; group: string }> = {
  en: { decimal: '.', group: ',' },
  'zh-CN': { decimal: '.', group: ',' }
};

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF1E\uFF1C\uFF1D\u3000]/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toAscii(text: string): string {
  return text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).replace(/\u2212/g, '-');
}

/** null: nothing typed. */
export function parseTypedNumber(text: string, lang: Lang): ParsedNumber | null {
  let s = toAscii(typeof text === 'string' ? text : '').trim();
  if (s === '') return null;
  const original = s;
  let bound: Bound = 'exact';
  const m = /^(≥|>=|>|≤|<=|<)\s*/.exec(s);
  if (m) {
    bound = m[1]!.startsWith('≥') || m[1]!.startsWith('>') ? 'atLeast' : 'atMost';
    s = s.slice(m[0].length);
  }
  const { decimal, group } = NUMBER_FORMAT[lang];
  const d = escape(decimal);
  const g = escape(group);
  const plain = new RegExp(`^-?(\\d+(${d}\\d*)?|${d}\\d+)$`);
  const grouped = new RegExp(`^-?\\d{1,3}(${g}\\d{3})+(${d}\\d*)?$`);
  if (plain.test(s)) return { ok: true, value: Number(s.replace(decimal, '.')), bound };
  if (grouped.test(s)) return { ok: true, value: Number(s.split(group).join('').replace(decimal, '.')), bound };
  // Digits with a separator or a space that the locale does not write this way: refuse, do not guess.
  if (/^-?[\d.,\s]+$/.test(s) && /\d/.test(s) && /[.,\s]/.test(s)) return { ok: false, reason: 'ambiguous', text: original };
  return { ok: false, reason: 'notANumber', text: original };
}
