/**
 * GS1 element strings as manufacturers print them on cartons and rating plates.
 * Two spellings are accepted:
 *  - human-readable: `(01)09506000134352(21)ABC123`;
 *  - raw: `0109506000134352 21ABC123…` where variable-length fields end at GS (ASCII 29) or at the
 *    end of the data, as the symbol carries them after FNC1.
 * Only the application identifiers this app uses or must step over are known; an unknown AI in
 * raw data stops the parse (its length cannot be known), which is reported, not guessed.
 */
import { GS } from './text';

/** AI → [fixed length] or [0, max length] of its data. */
const AI: Record<string, [number, number?]> = {
  '00': [18], '01': [14], '02': [14],
  '10': [0, 20], '11': [6], '12': [6], '13': [6], '15': [6], '16': [6], '17': [6],
  '20': [2], '21': [0, 20], '22': [0, 20], '30': [0, 8], '37': [0, 8],
  '240': [0, 30], '241': [0, 30], '250': [0, 30], '251': [0, 30], '400': [0, 30],
  '422': [3], '7003': [10], '8004': [0, 30], '8005': [6],
  '90': [0, 30], '91': [0, 90], '92': [0, 90], '93': [0, 90], '94': [0, 90],
  '95': [0, 90], '96': [0, 90], '97': [0, 90], '98': [0, 90], '99': [0, 90]
};

const NUMERIC_AI = new Set(['00', '01', '02', '11', '12', '13', '15', '16', '17', '20', '30', '37', '422', '7003', '8005']);

export type Gs1Parse =
  | { ok: true; fields: Record<string, string> }
  | { ok: false; reason: 'unknownAi' | 'badLength' | 'badCheckDigit' | 'empty'; at: string };

/** GS1 mod-10 check digit over all digits but the last (GTIN-8/12/13/14, SSCC). */
export function gs1CheckDigitOk(digits: string): boolean {
  if (!/^\d{8,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

function aiAt(s: string, i: number): string | null {
  for (const len of [2, 3, 4]) {
    const ai = s.slice(i, i + len);
    if (ai in AI) return ai;
  }
  return null;
}

function check(fields: Record<string, string>): Gs1Parse {
  for (const [ai, v] of Object.entries(fields)) {
    const spec = AI[ai];
    if (!spec) return { ok: false, reason: 'unknownAi', at: ai };
    const [fixed, max] = spec;
    if (fixed > 0 ? v.length !== fixed : v.length === 0 || v.length > (max ?? 0)) return { ok: false, reason: 'badLength', at: ai };
    if (NUMERIC_AI.has(ai) && !/^\d+$/.test(v)) return { ok: false, reason: 'badLength', at: ai };
    if ((ai === '01' || ai === '02' || ai === '00') && !gs1CheckDigitOk(v)) return { ok: false, reason: 'badCheckDigit', at: ai };
  }
  return Object.keys(fields).length ? { ok: true, fields } : { ok: false, reason: 'empty', at: '' };
}

/** `(01)…(21)…` form. */
export function parseGs1Bracketed(s: string): Gs1Parse | null {
  if (!/^(\(\d{2,4}\)[^()]+)+$/.test(s)) return null;
  const fields: Record<string, string> = {};
  for (const m of s.matchAll(/\((\d{2,4})\)([^()]+)/g)) fields[m[1]!] = m[2]!;
  return check(fields);
}

/** Raw element string (FNC1 already stripped from the front). */
export function parseGs1Raw(s: string): Gs1Parse {
  const fields: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    if (s[i] === GS) { i++; continue; }
    const ai = aiAt(s, i);
    if (!ai) return { ok: false, reason: 'unknownAi', at: s.slice(i, i + 4) };
    const [fixed, max = 0] = AI[ai]!;
    i += ai.length;
    let v: string;
    if (fixed > 0) {
      v = s.slice(i, i + fixed);
      i += fixed;
    } else {
      const end = s.indexOf(GS, i);
      v = s.slice(i, end < 0 ? s.length : end);
      i += v.length;
      if (v.length > max) return { ok: false, reason: 'badLength', at: ai };
    }
    fields[ai] = v;
  }
  return check(fields);
}

/**
 * Raw data that announces itself as GS1 only by content: a GTIN with a valid check digit under
 * AI 01 that is either the whole text or followed by another known AI. Anything else is not GS1.
 */
export function looksLikeRawGs1(s: string): boolean {
  if (!/^01\d{14}/.test(s) || !gs1CheckDigitOk(s.slice(2, 16))) return false;
  return s.length === 16 || s[16] === GS || aiAt(s, 16) !== null;
}
