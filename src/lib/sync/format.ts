// Small display helpers for clocks (pure; the UI and resolve.ts share them).
import { parseHlc } from './hlc';

/** The node (tablet) id inside an HLC string, '' when it is not one. */
export function hlcNode(hlc: string): string {
  return parseHlc(hlc)?.node ?? '';
}

/** The wall time of an HLC string in ms, null when it is not one. */
export function hlcTime(hlc: string): number | null {
  return parseHlc(hlc)?.wall ?? null;
}

/** A conflict value as one line of text (objects as compact JSON, cut to `max` characters). */
export function showValue(v: unknown, max = 80): string {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '—' : JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
