/**
 * What a scanned or typed text is, before anything is looked up. Accepted:
 *  - an asset-label URL `<base>/a/<NUMBER>` where base is one of the app's own bases (the origin
 *    printed in labels, the origin the app runs at);
 *  - a room-label URL `<base>/audit/room/<locationId>`;
 *  - the bare asset number (1-D guns, typing), scheme `PREFIX-DIGITS-C` or a legacy client tag;
 *  - a GS1 element string, a MAC address, or a plain manufacturer serial.
 * Rejected, with the reason shown next to what was read: URLs of any other origin (never opened),
 * other paths of our own origin, a scheme number whose check character is wrong, text with
 * characters no label or serial has, and text too long to be either.
 */
import { ASSET_NUMBER_RE } from '../assetNumber';
import { checkAssetNumber, isValidSerial, normalizeAssetNumber, normalizeMac } from '../validate';
import { looksLikeRawGs1, parseGs1Bracketed, parseGs1Raw } from './gs1';
import { GS, unwrap } from './text';

export type RejectReason =
  | 'empty' | 'tooLong' | 'foreignOrigin' | 'unknownPath' | 'checkChar' | 'badGs1' | 'unrecognised';

export type ScanCode =
  /** scheme: the number follows PREFIX-DIGITS-C with a correct check character; else a legacy tag. */
  | { kind: 'asset'; assetNumber: string; scheme: boolean; via: 'bare' | 'url'; text: string }
  | { kind: 'room'; locationId: string; text: string }
  | { kind: 'gs1'; gtin: string | null; serial: string | null; fields: Record<string, string>; text: string }
  | { kind: 'mac'; mac: string; text: string }
  /** Plain text that may be a legacy asset tag or a manufacturer serial. */
  | { kind: 'plain'; value: string; text: string }
  | { kind: 'rejected'; reason: RejectReason; text: string; detail?: string };

export interface ClassifyContext {
  /** Bases whose `/a/` links are ours, e.g. settings.labelOrigin and location.origin. */
  bases: readonly string[];
}

const MAX_LENGTH = 512;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

interface Base { origin: string; path: string }

function parseBases(bases: readonly string[]): Base[] {
  const out: Base[] = [];
  for (const b of bases) {
    try {
      const u = new URL(b);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.push({ origin: u.origin, path: u.pathname.replace(/\/+$/, '') });
    } catch {
      // An unset or malformed setting is simply not a base.
    }
  }
  return out;
}

function classifyUrl(text: string, bases: Base[]): ScanCode {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { kind: 'rejected', reason: 'unrecognised', text };
  }
  const base = bases.find((b) => b.origin === u.origin && (u.pathname === b.path || u.pathname.startsWith(b.path + '/')));
  if (!base) return { kind: 'rejected', reason: 'foreignOrigin', text, detail: u.protocol.startsWith('http') ? u.origin : u.protocol };
  const rest = u.pathname.slice(base.path.length);
  const asset = /^\/a\/([^/]+)\/?$/.exec(rest);
  if (asset) {
    let n: string;
    try {
      n = decodeURIComponent(asset[1]!);
    } catch {
      return { kind: 'rejected', reason: 'unknownPath', text };
    }
    return classifyNumber(n, 'url', text) ?? { kind: 'rejected', reason: 'unrecognised', text };
  }
  const room = /^\/audit\/room\/([A-Za-z0-9-]{1,64})\/?$/.exec(rest);
  if (room) return { kind: 'room', locationId: room[1]!, text };
  return { kind: 'rejected', reason: 'unknownPath', text };
}

/** A scheme number, a scheme-shaped number with a wrong check char, a legacy tag, or null. */
function classifyNumber(raw: string, via: 'bare' | 'url', text: string): ScanCode | null {
  // The same rule as the device and panel forms (checkAssetNumber).
  const c = checkAssetNumber(raw);
  if (c.ok && c.kind === 'scheme') return { kind: 'asset', assetNumber: c.value, scheme: true, via, text };
  if (!c.ok && c.error === 'assetNumberCheckChar') return { kind: 'rejected', reason: 'checkChar', text };
  if (via === 'url' && c.ok) return { kind: 'asset', assetNumber: c.value, scheme: false, via, text };
  return null;
}

function gs1Code(fields: Record<string, string>, text: string): ScanCode {
  return { kind: 'gs1', gtin: fields['01'] ?? null, serial: fields['21'] ?? null, fields, text };
}

/** Classifies a scan. `text` in the result is always the raw input, for display. */
export function classifyScan(raw: string, ctx: ClassifyContext): ScanCode {
  const text = raw;
  if (raw.length > MAX_LENGTH) return { kind: 'rejected', reason: 'tooLong', text };
  const { body, gs1 } = unwrap(raw);
  if (body === '') return { kind: 'rejected', reason: 'empty', text };

  if (URL_RE.test(body)) return classifyUrl(body, parseBases(ctx.bases));

  const bracketed = parseGs1Bracketed(body);
  if (bracketed) return bracketed.ok ? gs1Code(bracketed.fields, text) : { kind: 'rejected', reason: 'badGs1', text, detail: bracketed.at };
  if (gs1 || body.includes(GS) || looksLikeRawGs1(body)) {
    const r = parseGs1Raw(body);
    return r.ok ? gs1Code(r.fields, text) : { kind: 'rejected', reason: 'badGs1', text, detail: r.at };
  }

  const mac = normalizeMac(body);
  if (mac) return { kind: 'mac', mac, text };

  const number = classifyNumber(body, 'bare', text);
  if (number) return number;

  if (isValidSerial(body)) return { kind: 'plain', value: body, text };
  return { kind: 'rejected', reason: 'unrecognised', text };
}

/** True when the text is one of this app's asset numbers by scheme (used to warn in serial fields). */
export function isSchemeAssetNumber(s: string): boolean {
  return ASSET_NUMBER_RE.test(normalizeAssetNumber(s));
}
