/**
 * Compact clocks on pull pages (asked for with `clocks=compact`): a row's per-field clocks were
 * about half of a first sync's JSON (a 57-character HLC per field, mostly all the same), which
 * the server serializes and compresses and the tablet parses. A compact row names its most
 * common clock once as `clock`; `clocks` keeps only the fields whose clock differs, or that
 * have no data. Pure, shared by the server (compactMap, sync-server/src/store/pull-page.ts) and
 * the tablet (expandClocks, transport.ts), so expanding gives back exactly the stored map.
 *
 * Invariants:
 * - expand(compact(r)) has exactly r's clock entries (same keys, same values);
 * - a row with a data field that has no clock is sent as it is (the compact form cannot say
 *   "no clock"); the server serves only rows whose clocks are all strings;
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

/**
 * A row's compact clocks, from its clock map and the names of its data fields (the server splices
 * the stored data in unparsed and reads its field names off the text): the most common clock,
 * shared by at least two fields, and the clocks that differ or have no data field; null when
 * the row must go as it is (a data field without a clock, or nothing shared).
 */
export function compactMap(clocks: Record<string, string>, dataKeys: readonly string[]): { clock: string; rest: Record<string, string> } | null {
  for (const k of dataKeys) if (!Object.hasOwn(clocks, k)) return null;
  const counts = new Map<string, number>();
  for (const k in clocks) counts.set(clocks[k]!, (counts.get(clocks[k]!) ?? 0) + 1);
  let clock = '';
  let most = 0;
  for (const [c, n] of counts) if (n > most) [clock, most] = [c, n];
  if (most < 2) return null; // nothing to save
  const inData = new Set(dataKeys);
  const rest: Record<string, string> = {};
  for (const k of Object.keys(clocks)) if (clocks[k] !== clock || !inData.has(k)) put(rest, k, clocks[k]!);
  return { clock, rest };
}

export function expandClocks(r: CompactRecord): PulledRecord {
  const { clock, ...row } = r;
  if (typeof clock !== 'string') return r;
  const clocks: Record<string, string> = {};
  for (const k of Object.keys(row.data)) put(clocks, k, Object.hasOwn(row.clocks, k) ? row.clocks[k]! : clock);
  for (const [k, c] of Object.entries(row.clocks)) if (!Object.hasOwn(clocks, k)) put(clocks, k, c);
  return { ...row, clocks };
}

