/**
 * Compact clocks on pull pages (asked for with `clocks=compact`): a row's per-field clocks were
 * about half of a first sync's JSON (a 57-character HLC per field, mostly all the same), which
 * the server serializes and compresses and the tablet parses. A compact row names its most
 * common clock once as `clock`; `clocks` keeps only the fields whose clock differs, or that
 * have no data. Pure, shared by the server (sync-server/src/routes/sync.ts) and the tablet
 * (transport.ts), so expanding gives back exactly the stored map.
 *
 * Invariants:
 * - expand(compact(r)) has exactly r's clock entries (same keys, same values);
 * - a row with a data field that has no clock is sent as it is (the compact form cannot say
 *   "no clock"), as is any row whose clocks are not all strings;
 * - field names are read as own properties and written as own data properties, so
 *   `constructor` or `__proto__` stay fields, never the prototype.
 */
import type { PulledRecord } from '../wire';

/** A pull row with compact clocks: `clock` applies to every data field not named in `clocks`. */
export type CompactRecord = PulledRecord & { clock?: string };

function put(o: Record<string, string>, k: string, v: string): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export function compactClocks(r: PulledRecord): CompactRecord {
  const counts = new Map<string, number>();
  for (const c of Object.values(r.clocks)) {
    if (typeof c !== 'string') return r;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  for (const k of Object.keys(r.data)) if (!Object.hasOwn(r.clocks, k)) return r;
  let clock = '';
  let most = 0;
  for (const [c, n] of counts) if (n > most) [clock, most] = [c, n];
  if (most < 2) return r; // nothing to save
  const rest: Record<string, string> = {};
  for (const [k, c] of Object.entries(r.clocks)) if (c !== clock || !Object.hasOwn(r.data, k)) put(rest, k, c);
  return { ...r, clock, clocks: rest };
}

export function expandClocks(r: CompactRecord): PulledRecord {
  const { clock, ...row } = r;
  if (typeof clock !== 'string') return r;
  const clocks: Record<string, string> = {};
  for (const k of Object.keys(row.data)) put(clocks, k, Object.hasOwn(row.clocks, k) ? row.clocks[k]! : clock);
  for (const [k, c] of Object.entries(row.clocks)) if (!Object.hasOwn(clocks, k)) put(clocks, k, c);
  return { ...row, clocks };
}
