/**
 * Merges one pulled server row into the tablet's copy of it. Pure: no I/O (pull.ts does that).
 *
 * Invariants (the register rule is the server's own: `fieldOrder` of protocol/merge-rule.ts,
 * so tablet and server converge whatever the order of pushes and pulls):
 * - per field, the value with the greater HLC wins; equal clocks are the same write, so a row
 *   pulled twice (or our own edit echoed back) changes nothing;
 * - fields the server sends that this tablet does not know (a newer client's) are stored as-is,
 *   and local fields the server does not mention are kept: nothing is dropped;
 * - a tombstone wins over edits: once the server says deleted, the row stays deleted locally
 *   and pending local edits to it are kept as conflicts (reason: tombstone). A local delete
 *   still waiting in the outbox keeps the row deleted although the server says live. A live
 *   server row for a local tombstone that is no longer pending is a server-side restore; so is
 *   one whose restore clock is newer than our pending delete (that delete will lose on push and
 *   the unchanged row never comes back); a local restore still in the outbox, newer than the
 *   server's tombstone, keeps the row live;
 * - insert-only tables: a row is inserted when absent; the same id pulled with other content is
 *   an insert clash (rule 10): the server kept the first row, so it replaces ours here and each
 *   differing value of ours is recorded as a loser;
 * - losers (rule 9) are recorded when the overwrite was concurrent, i.e. one side had not
 *   seen the other's value:
 *   (a) a remote value beats a local value still in the outbox (the server never had it);
 *   (b) a local value still in the outbox beats a remote value it had not seen (the remote
 *       clock is newer than the edit's `base`): ours will win on push;
 *   (c) a remote value beats our own value the server already acknowledged, and the remote
 *       clock is older than that acknowledgement: its writer cannot have pulled our value
 *       first. A later concurrent overwrite is not detectable from a pulled row (rows carry no
 *       `base`); the server still records it in its own conflicts table.
 * - a field whose local and remote clocks are both ours, with no edit of it pending, takes the
 *   server's clock and value even when older: the server stored our write under a clamped clock
 *   (sync-protocol rule 9) and its copy is the truth both sides must share. Only this node mints
 *   clocks with its id, and the server keeps one node's writes in order, so this never brings
 *   back an older write of ours.
 */
import type { ConflictEntry, OutboxEntry } from '$lib/db/types';
import { parseHlc } from './hlc';
import { fieldOrder, own } from './protocol/merge-rule';
import type { PulledRecord } from './transport';
import { isSyncedField, sameValue } from '$lib/db/writer';

export interface LocalRow {
  id: string;
  clocks: Record<string, string>;
  createdAt?: string;
  updatedAt?: string;
  /** Tombstone clock. */
  deleted?: string;
  [field: string]: unknown;
}

/** This tablet's unacknowledged edits to one record. */
export interface Pending {
  /** Field → clock of its newest outbox entry. */
  fields: Map<string, string>;
  /** Field → the clock the oldest pending edit overwrote (what we had seen); absent when unknown. */
  base: Map<string, string>;
  deleteHlc: string | null;
  /** Newest pending restore: the record stays live here when it is newer than the tombstone. */
  restoreHlc: string | null;
}

export interface MergeInput {
  local: LocalRow | undefined;
  remote: PulledRecord;
  insertOnly: boolean;
  pending: Pending | undefined;
  /** This tablet's node id. */
  node: string;
  /** Server time at which one of our clocks was acknowledged, if we remember it. */
  ackAt: (hlc: string) => number | undefined;
  /** ISO time stamped on conflicts recorded now. */
  recordedAt: string;
}

export interface RowMerge {
  /** Null: nothing to write. */
  next: LocalRow | null;
  conflicts: ConflictEntry[];
}

const nodeOf = (h: string): string => parseHlc(h)?.node ?? '';
const wallOf = (h: string): number => parseHlc(h)?.wall ?? 0;

function isoOfClocks(clocks: Record<string, string>, pick: 'min' | 'max'): string {
  // Well-formed clocks are fixed width, so the string extreme is the wall extreme: parse one
  // clock per row instead of every field's (a first sync does this for every row).
  let ext: string | undefined;
  for (const c of Object.values(clocks)) {
    if (ext === undefined || (pick === 'max' ? c > ext : c < ext)) ext = c;
  }
  if (ext === undefined) return new Date(0).toISOString();
  const w0 = wallOf(ext);
  if (w0 > 0) return new Date(w0).toISOString();
  const walls = Object.values(clocks).map(wallOf).filter((w) => w > 0);
  const w = walls.length === 0 ? 0 : pick === 'min' ? Math.min(...walls) : Math.max(...walls);
  return new Date(w).toISOString();
}

/**
 * mergeRow's result for a record this tablet does not hold, with nothing pending for it (every
 * row of a first sync), built without the per-field comparisons: the same fields and clocks,
 * tombstone, createdAt and updatedAt. No conflicts are possible. fastpath.spec.ts checks it
 * against mergeRow.
 */
export function freshRow(remote: PulledRecord, insertOnly: boolean): LocalRow {
  if (insertOnly) {
    return { ...remote.data, id: remote.id, clocks: { ...remote.clocks }, createdAt: isoOfClocks(remote.clocks, 'min'), updatedAt: isoOfClocks(remote.clocks, 'max') };
  }
  const row: LocalRow = { id: remote.id, clocks: {} };
  for (const field of Object.keys(remote.clocks)) {
    if (!isSyncedField(field)) continue;
    row[field] = own(remote.data, field);
    row.clocks[field] = remote.clocks[field]!;
  }
  for (const field of Object.keys(remote.data)) if (!Object.hasOwn(row, field) && isSyncedField(field)) row[field] = remote.data[field];
  if (remote.deletedHlc !== null) row.deleted = remote.deletedHlc;
  row.createdAt ??= isoOfClocks(row.clocks, 'min');
  const remoteAt = isoOfClocks(remote.clocks, 'max');
  row.updatedAt = row.updatedAt && row.updatedAt > remoteAt ? row.updatedAt : remoteAt;
  return row;
}

export function mergeRow(i: MergeInput): RowMerge {
  const { local, remote } = i;
  if (i.insertOnly) {
    const next: LocalRow = {
      ...remote.data, id: remote.id, clocks: { ...remote.clocks },
      createdAt: isoOfClocks(remote.clocks, 'min'), updatedAt: isoOfClocks(remote.clocks, 'max')
    };
    if (!local) return { next, conflicts: [] };
    // Two inserts of one id with different content (two tablets closing the same room audit):
    // the server keeps the first; ours becomes a visible loser, never silently kept or dropped.
    const fields = new Set([...Object.keys(local), ...Object.keys(remote.data)].filter(isSyncedField));
    const differ = [...fields].filter((f) => !sameValue(local[f] ?? null, remote.data[f] ?? null));
    if (differ.length === 0) return { next: null, conflicts: [] };
    const conflicts = differ.map((field) => ({
      table: remote.table, recordId: remote.id, field, value: local[field] ?? null,
      hlc: local.clocks?.[field] ?? '', winnerHlc: remote.clocks[field] ?? '', at: i.recordedAt
    }));
    return { next, conflicts };
  }

  const row: LocalRow = local ? { ...local, clocks: { ...local.clocks } } : { id: remote.id, clocks: {} };
  const conflicts: ConflictEntry[] = [];
  const lose = (field: string, value: unknown, hlc: string, winnerHlc: string) =>
    conflicts.push({ table: remote.table, recordId: remote.id, field, value: value ?? null, hlc, winnerHlc, at: i.recordedAt });
  let changed = local === undefined;

  for (const [field, rc] of Object.entries(remote.clocks)) {
    if (!isSyncedField(field)) continue; // never let the wire overwrite bookkeeping
    const lc = own(row.clocks, field); // `constructor` of a plain object is no clock
    const rv = own(remote.data, field);
    const pendingHlc = i.pending?.fields.get(field);
    const order = fieldOrder(lc, rc);
    if (order === 'take') {
      if (lc !== undefined && !sameValue(row[field], rv) && nodeOf(lc) !== nodeOf(rc)) {
        const ack = nodeOf(lc) === i.node ? i.ackAt(lc) : undefined;
        if (pendingHlc === lc || (ack !== undefined && wallOf(rc) < ack)) lose(field, row[field], lc, rc);
      }
      row[field] = rv;
      row.clocks[field] = rc;
      changed = true;
    } else if (order === 'keep' && lc !== undefined && pendingHlc === undefined && nodeOf(lc) === i.node && nodeOf(rc) === i.node) {
      row[field] = rv;
      row.clocks[field] = rc;
      changed = true;
    } else if (order === 'keep' && lc !== undefined && pendingHlc === lc && !sameValue(row[field], rv) && nodeOf(lc) !== nodeOf(rc)) {
      // Concurrent only if our edit had not seen the remote value (rc newer than our base).
      const seen = i.pending?.base.get(field);
      if (seen === undefined || rc > seen) lose(field, rv, rc, lc);
    }
  }
  // A field without a clock should not happen (the server stores one per field); keep its value
  // rather than drop it, without letting it overwrite anything local.
  for (const [field, v] of Object.entries(remote.data)) {
    if (!Object.hasOwn(row, field) && isSyncedField(field)) {
      row[field] = v;
      changed = true;
    }
  }

  const wasDeleted = row.deleted;
  const restore = i.pending?.restoreHlc ?? null;
  const restoredHere = restore !== null && remote.deletedHlc !== null && restore > remote.deletedHlc && restore > (i.pending?.deleteHlc ?? '');
  if (restoredHere) {
    // Our restore is newer than the tombstone: the server will take it (liveness is last-writer-wins).
  } else if (remote.deletedHlc !== null) {
    const ownClamped = wasDeleted !== undefined && !i.pending?.deleteHlc && nodeOf(wasDeleted) === i.node && nodeOf(remote.deletedHlc) === i.node;
    if (wasDeleted === undefined || remote.deletedHlc > wasDeleted || ownClamped) row.deleted = remote.deletedHlc;
    if (wasDeleted === undefined && i.pending) {
      for (const [field, hlc] of i.pending.fields) lose(field, row[field], hlc, remote.deletedHlc);
    }
  } else if (wasDeleted !== undefined && !i.pending?.deleteHlc) {
    delete row.deleted; // restored on the server after our delete was acknowledged
  } else if (wasDeleted !== undefined && remote.restoredHlc != null && remote.restoredHlc > (i.pending?.deleteHlc ?? '')) {
    // Our pending delete is older than a restore the server already holds: it will lose there,
    // leave the row unchanged, and the row will not come back in a pull. Live now, as there.
    delete row.deleted;
  }
  if (row.deleted !== wasDeleted) changed = true;
  if (!changed) return { next: null, conflicts };

  row.createdAt ??= isoOfClocks(row.clocks, 'min');
  const remoteAt = isoOfClocks(remote.clocks, 'max');
  row.updatedAt = row.updatedAt && row.updatedAt > remoteAt ? row.updatedAt : remoteAt;
  return { next: row, conflicts };
}

/** Pending edits per record, from the outbox entries that are still unacknowledged. */
/** Entries must come in clientSeq order (the outbox's key order), so the first seen is the oldest. */
export function pendingIndex(entries: readonly Pick<OutboxEntry, 'table' | 'recordId' | 'op' | 'fields' | 'hlc' | 'base'>[]): Map<string, Pending> {
  const out = new Map<string, Pending>();
  for (const e of entries) {
    const key = recordKey(e.table, e.recordId);
    let p = out.get(key);
    if (!p) out.set(key, (p = { fields: new Map(), base: new Map(), deleteHlc: null, restoreHlc: null }));
    if (e.op === 'delete') p.deleteHlc = p.deleteHlc !== null && p.deleteHlc > e.hlc ? p.deleteHlc : e.hlc;
    if (e.op === 'restore') p.restoreHlc = p.restoreHlc !== null && p.restoreHlc > e.hlc ? p.restoreHlc : e.hlc;
    for (const f of Object.keys(e.fields)) {
      const cur = p.fields.get(f);
      const seen = e.base?.[f];
      if (cur === undefined && seen !== undefined) p.base.set(f, seen);
      if (cur === undefined || e.hlc > cur) p.fields.set(f, e.hlc);
    }
  }
  return out;
}

export const recordKey = (table: string, id: string): string => `${table}\u0000${id}`;
