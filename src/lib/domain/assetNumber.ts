/**
 * Asset numbers of the label scheme: `PREFIX-DIGITS-C`.
 *  - PREFIX: the client's prefix, 1–10 characters A–Z/0–9 starting with a letter;
 *  - DIGITS: the running number, 6–9 decimal digits;
 *  - C: an ISO 7064 MOD 37,36 check character over PREFIX+DIGITS (0–9, A–Z).
 * MOD 37,36 is a hybrid system: it detects every single-character substitution and every
 * transposition of adjacent characters, and its check character is itself alphanumeric, so it
 * survives Code 128, QR alphanumeric mode and URLs without escaping.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

export const ASSET_NUMBER_RE = /^([A-Z][A-Z0-9]{0,9})-(\d{6,9})-([0-9A-Z])$/;

export function checkChar(body: string): string {
  let p = M;
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not alphanumeric: ${ch}`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

export function formatAssetNumber(prefix: string, running: number, digits = 6): string {
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(prefix)) throw new Error(`invalid prefix: ${prefix}`);
  if (!Number.isSafeInteger(running) || running < 0) throw new Error(`invalid running number: ${running}`);
  const d = String(running).padStart(digits, '0');
  if (d.length > 9) throw new Error(`running number too large: ${running}`);
  return `${prefix}-${d}-${checkChar(prefix + d)}`;
}

export type AssetNumberParse =
  | { ok: true; value: string; prefix: string; running: number }
  | { ok: false; reason: 'format' | 'checkChar'; value: string };

/** Parses a typed or scanned number (case-insensitive, spaces trimmed). */
export function parseAssetNumber(input: string): AssetNumberParse {
  const value = input.trim().toUpperCase();
  const m = ASSET_NUMBER_RE.exec(value);
  if (!m) return { ok: false, reason: 'format', value };
  const [, prefix, digits, c] = m as unknown as [string, string, string, string];
  if (checkChar(prefix + digits) !== c) return { ok: false, reason: 'checkChar', value };
  return { ok: true, value, prefix, running: Number(digits) };
}

/** The URL a label's QR carries: any phone camera opens it, the app resolves it offline. */
export function assetUrl(origin: string, assetNumber: string): string {
  return `${origin.replace(/\/+$/, '')}/a/${encodeURIComponent(assetNumber)}`;
}
