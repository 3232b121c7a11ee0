/**
 * The per-field merge rule, defined once (issue 9 "one protocol package"): `fieldOrder` is the
 * register comparison both sides make (sync-server/src/store/apply.ts through `merge`, the tablet
 * through src/lib/sync/merge.ts), and `merge` is the server's merge of one mutation into one
 * stored record. Pure: no I/O, no zod (the tablet bundle imports this file).
 *
 * Invariants (each makes the final state independent of delivery order):
 * - a field holds the value with the greatest HLC ever received for it; equal clocks are the
 *   same write (the node id is part of the clock), so replays change nothing. This holds for
 *   tombstoned records too, so their hidden data converges and a restore brings back the same
 *   values everywhere;
 * - liveness is its own LWW register over delete/restore clocks: deleted iff the newest of
 *   them is a delete (`deletedHlc` = newest delete, `restoredHlc` = newest restore). Edits
 *   never resurrect: an edit reaching a tombstone is also kept as a conflict (rule 6);
 * - losers (rule 9): an incoming value older than the stored one from another node always
 *   loses visibly. A stored value overwritten by a newer one is a loser only when the writer's
 *   `base` (the clocks it had when editing) shows it had not seen that value; without `base`
 *   the overwrite is taken as sequential, the common case of editing synced data;
 * - insert-only rows (rule 10): a second insert of an id with the same content (key order aside)
 *   is a duplicate; with other content the stored row stays and every differing field of the
 *   incoming one is a loser (reason `insert-clash`). The unchanged row is returned as `next`, so
 *   it gets a new server_seq and every tablet pulls the kept version again;
 * - field names may be Object.prototype names (`constructor`): clocks are read with `own`,
 *   never through the prototype chain.
 */
import { hlcNode } from '../format';
import type { ConflictReason, ConflictSide, WireMutation } from '../wire';

/** What `merge` reads of a mutation (the zod-parsed Mutation has it, as does a WireMutation). */
export type MergeMutation = Pick<WireMutation, 'op' | 'fields' | 'base'>;

/**
 * The one per-field register rule: the incoming clock `inc` against the held clock `cur`.
 * 'take' when nothing is held or `inc` is greater; 'same' for equal clocks (one write: clocks
 * carry the node id, so equal clocks never name two writes); 'keep' when the held one is newer.
 */
export function fieldOrder(cur: string | undefined, inc: string): 'take' | 'same' | 'keep' {
  if (cur === undefined || inc > cur) return 'take';
  return inc === cur ? 'same' : 'keep';
}

/** Two clocks of different nodes: an overwrite between them may have been concurrent. */
export const otherNodes = (a: string, b: string): boolean => hlcNode(a) !== hlcNode(b);

export interface RecordState {
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  /** Newest delete clock while deleted; null when live. */
  deletedHlc: string | null;
  /** Newest restore clock; a delete older than it is stale. */
  restoredHlc: string | null;
}

export interface Loser {
  field: string;
  value: unknown;
  hlc: string | null;
  winnerHlc: string;
  /** Which side lost: the incoming mutation or the value that was stored. */
  side: ConflictSide;
  reason: ConflictReason;
}

export interface MergeResult {
  /** Null when nothing changed: no new server_seq, nothing to write. */
  next: RecordState | null;
  losers: Loser[];
  /** An insert-only row that already exists. */
  duplicate: boolean;
}

/** Field clocks after defaulting a single clock to every field and clamping. */
export type FieldClocks = Record<string, string>;

/** `o[k]` only when `k` is o's own property: `constructor` of a plain object is not a clock. */
export function own<T>(o: Readonly<Record<string, T>>, k: string): T | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

export function opClock(clocks: FieldClocks): string {
  let max = '';
  for (const c of Object.values(clocks)) if (c > max) max = c;
  return max;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** JSON with object keys sorted, so equal content compares equal whatever its key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function insertClash(prev: RecordState, m: MergeMutation, clocks: FieldClocks, clock: string): MergeResult {
  const winnerOp = opClock(prev.clocks);
  const losers: Loser[] = [];
  for (const field of new Set([...Object.keys(prev.data), ...Object.keys(m.fields)])) {
    const mine = own(m.fields, field);
    if (canonical(own(prev.data, field)) === canonical(mine)) continue;
    losers.push({
      field, value: mine ?? null, hlc: own(clocks, field) ?? clock, winnerHlc: own(prev.clocks, field) ?? winnerOp, side: 'incoming', reason: 'insert-clash'
    });
  }
  if (losers.length === 0) return { next: null, losers, duplicate: true };
  return { next: { ...prev }, losers, duplicate: false };
}

export function merge(prev: RecordState | null, m: MergeMutation, clocks: FieldClocks, clock: string): MergeResult {
  if (m.op === 'insert') {
    if (prev) return insertClash(prev, m, clocks, clock);
    return { next: { data: { ...m.fields }, clocks, deletedHlc: null, restoredHlc: null }, losers: [], duplicate: false };
  }
  const base = prev ?? { data: {}, clocks: {}, deletedHlc: null, restoredHlc: null };
  const life = nextLife(base, m.op, clock);
  const fields = m.op === 'delete' ? { data: base.data, clocks: base.clocks, losers: [], changed: false } : mergeFields(base, m, clocks);
  let losers = fields.losers;
  if (life.deletedHlc !== null && m.op !== 'delete') {
    const winnerHlc = life.deletedHlc;
    losers = Object.entries(m.fields).map(([field, value]) => ({
      field, value, hlc: own(clocks, field) ?? null, winnerHlc, side: 'incoming' as const, reason: 'tombstone' as const
    }));
  }
  const lifeChanged = life.deletedHlc !== base.deletedHlc || life.restoredHlc !== base.restoredHlc;
  const next = prev === null || fields.changed || lifeChanged ? { data: fields.data, clocks: fields.clocks, ...life } : null;
  return { next, losers, duplicate: false };
}

type Life = Pick<RecordState, 'deletedHlc' | 'restoredHlc'>;

function nextLife(s: RecordState, op: 'upsert' | 'delete' | 'restore', clock: string): Life {
  const { deletedHlc, restoredHlc } = s;
  if (op === 'upsert') return { deletedHlc, restoredHlc };
  if (op === 'restore') {
    const r = restoredHlc !== null && restoredHlc > clock ? restoredHlc : clock;
    return { deletedHlc: deletedHlc !== null && deletedHlc > clock ? deletedHlc : null, restoredHlc: r };
  }
  if (restoredHlc !== null && clock <= restoredHlc) return { deletedHlc, restoredHlc }; // restored after it
  if (deletedHlc !== null && clock <= deletedHlc) return { deletedHlc, restoredHlc };
  return { deletedHlc: clock, restoredHlc };
}

function mergeFields(base: RecordState, m: MergeMutation, clocks: FieldClocks) {
  const data = { ...base.data };
  const nextClocks = { ...base.clocks };
  const losers: Loser[] = [];
  let changed = false;
  for (const [field, value] of Object.entries(m.fields)) {
    const inc = own(clocks, field);
    if (inc === undefined) continue; // the schema guarantees a clock; be defensive anyway
    const cur = own(nextClocks, field);
    const order = fieldOrder(cur, inc);
    if (order === 'take') {
      if (cur !== undefined && !same(own(data, field), value) && concurrent(cur, inc, m.base, field)) {
        losers.push({ field, value: own(data, field), hlc: cur, winnerHlc: inc, side: 'stored', reason: 'lww' });
      }
      data[field] = value;
      nextClocks[field] = inc;
      changed = true;
    } else if (order === 'keep' && cur !== undefined && !same(own(data, field), value) && otherNodes(inc, cur)) {
      losers.push({ field, value, hlc: inc, winnerHlc: cur, side: 'incoming', reason: 'lww' });
    }
  }
  return { data, clocks: nextClocks, losers, changed };
}

/** The stored value lost without its overwriter having seen it. */
function concurrent(stored: string, incoming: string, base: Record<string, string> | undefined, field: string): boolean {
  if (!base || !otherNodes(stored, incoming)) return false; // unknown, or one node's own history
  return own(base, field) !== stored;
}
