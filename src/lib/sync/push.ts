/**
 * Drains the outbox to POST /api/sync/push (sync-protocol rules 1, 4, 7, 11).
 *
 * Invariants:
 * - entries go in clientSeq order, in batches of at most `batchSize`; with a PushScope only the
 *   entries of its tenant, under its tenant header (the others wait for their tenant's turn);
 * - an entry leaves the outbox only on the server's answer for its mutation id: `applied` or
 *   `duplicate` delete it; `rejected` moves it to the `meta` list REJECTED_KEY (still visible,
 *   never retried, never blocking the entries behind it). Every outcome of one reply is stored
 *   in one Dexie transaction;
 * - any other reply (offline, 401/403, 5xx, a lost reply) deletes nothing: the same entries,
 *   with the same mutation ids, go again later, and the server answers them `duplicate`;
 * - 413 halves the batch; so does a 4xx that names the batch's content (a batch is refused whole
 *   when one mutation is invalid), until the one offending mutation is isolated and moved to
 *   the rejected list;
 * - clocks the server stored differently (a clock too far ahead is clamped, rule 9) are adopted
 *   in the same transaction as the acknowledgement: the record's field clock becomes the stored
 *   one where it is still the clock we sent, so tablet and server hold the same clock. Once the
 *   outbox is empty, an HLC that ran more than MAX_DRIFT_MS ahead of server time is brought back
 *   to the newest clock we hold (never below it, so our clocks stay increasing).
 */
import type { AssetWalkDB } from '$lib/db/schema';
import type { OutboxEntry } from '$lib/db/types';
import { HLC_KEY } from '$lib/db/writer';
import { parseHlc, type HlcState } from './hlc';
import type { MutationResult, Reply, Timing, Transport, WireMutation } from './transport';
import { MAX_DRIFT_MS } from './wire';

export const REJECTED_KEY = 'sync.rejected';
/** `ack:<hlc>` → server time the mutation with that clock was acknowledged (see merge.ts (c)). */
export const ackKey = (hlc: string): string => `ack:${hlc}`;

export interface RejectedEntry {
  entry: OutboxEntry;
  reason: string;
  at: string;
}

export type PushOutcome =
  | { kind: 'ok'; pushed: number; rejected: number; timing: Timing | null }
  | { kind: 'stop'; reply: Exclude<Reply<unknown>, { kind: 'ok' }>; pushed: number; rejected: number; timing: Timing | null };

function toWire(e: OutboxEntry): WireMutation {
  const m: WireMutation = { mutationId: e.mutationId, clientId: e.clientId, clientSeq: e.clientSeq, table: e.table, recordId: e.recordId, op: e.op, fields: e.fields, hlc: e.hlc };
  if (e.base) m.base = e.base;
  return m;
}

/** A tablet holding several client companies pushes each one's entries under its tenant header. */
export interface PushScope {
  tenant: string | null;
  /** Keeps the entries of `tenant` (in their order); entries of other tenants stay queued. */
  select: (entries: OutboxEntry[]) => Promise<OutboxEntry[]>;
}

export async function pushOutbox(db: AssetWalkDB, transport: Transport, batchSize = 200, scope?: PushScope): Promise<PushOutcome> {
  let size = Math.max(1, batchSize);
  let pushed = 0;
  let rejected = 0;
  let timing: Timing | null = null;
  for (;;) {
    const batch = scope
      ? (await scope.select(await db.outbox.orderBy('clientSeq').toArray())).slice(0, size)
      : await db.outbox.orderBy('clientSeq').limit(size).toArray();
    if (batch.length === 0) return { kind: 'ok', pushed, rejected, timing };
    const reply = await transport.push(batch.map(toWire), scope?.tenant ?? null);
    if (reply.kind === 'too-large' || reply.kind === 'invalid') {
      if (batch.length > 1) {
        size = Math.ceil(batch.length / 2);
        continue;
      }
      await reject(db, batch, reply.kind);
      rejected++;
      continue;
    }
    if (reply.kind !== 'ok') return { kind: 'stop', reply, pushed, rejected, timing };
    timing = reply.timing;
    const r = await settle(db, batch, reply.body.results ?? [], reply.timing.serverTime ?? reply.timing.receivedAt);
    pushed += r.done;
    rejected += r.rejected;
    // The server answered none of our ids: a broken reply. Stop instead of looping on it.
    if (r.done + r.rejected === 0) return { kind: 'stop', reply: { kind: 'server', status: 200 }, pushed, rejected, timing };
  }
}

async function settle(db: AssetWalkDB, batch: OutboxEntry[], results: MutationResult[], serverTime: number) {
  const byId = new Map(results.map((r) => [r.mutationId, r]));
  const done: number[] = [];
  const acks: { key: string; value: number }[] = [];
  const refused: { entry: OutboxEntry; reason: string }[] = [];
  const adopt: { entry: OutboxEntry; stored: Record<string, string> }[] = [];
  for (const e of batch) {
    const r = byId.get(e.mutationId);
    if (!r) continue; // unanswered: stays queued
    if (r.status === 'rejected') refused.push({ entry: e, reason: r.reason });
    else {
      done.push(e.clientSeq);
      if (r.status === 'applied') {
        acks.push({ key: ackKey(e.hlc), value: serverTime });
        if (r.stored) {
          adopt.push({ entry: e, stored: r.stored });
          for (const c of new Set(Object.values(r.stored))) acks.push({ key: ackKey(c), value: serverTime });
        }
      }
    }
  }
  const tables = [...new Set(adopt.map((a) => a.entry.table))].map((t) => db.table(t));
  await db.transaction('rw', [db.outbox, db.meta, ...tables], async () => {
    await db.outbox.bulkDelete(done);
    if (acks.length > 0) await db.meta.bulkPut(acks);
    if (refused.length > 0) await appendRejected(db, refused);
    let newest = '';
    for (const a of adopt) {
      await adoptStored(db, a.entry, a.stored);
      for (const c of Object.values(a.stored)) if (c > newest) newest = c;
    }
    if ((await db.outbox.count()) === 0) await rewindClock(db, serverTime, newest);
  });
  return { done: done.length, rejected: refused.length };
}

/** Inside a transaction holding the entry's table: our sent clocks become the stored ones. */
async function adoptStored(db: AssetWalkDB, e: OutboxEntry, stored: Record<string, string>) {
  const table = db.table(e.table);
  const row = (await table.get(e.recordId)) as { clocks?: Record<string, string>; deleted?: string } | undefined;
  if (!row) return;
  let changed = false;
  const clocks = { ...(row.clocks ?? {}) };
  for (const [field, clock] of Object.entries(stored)) {
    if (field === '') continue;
    // A later local edit of the field has its own, newer clock: leave it for its own reply.
    if (clocks[field] === e.hlc && clock !== e.hlc) {
      clocks[field] = clock;
      changed = true;
    }
  }
  const opClock = stored[''];
  const patch: Record<string, unknown> = { clocks };
  if (opClock !== undefined && row.deleted === e.hlc && opClock !== e.hlc) {
    patch.deleted = opClock;
    changed = true;
  }
  if (changed) await table.update(e.recordId, patch);
}

/**
 * An HLC more than MAX_DRIFT_MS ahead of server time (a tablet whose clock ran fast before the
 * offset was known) is brought back once nothing of ours is waiting: to the newest clock the
 * server stored for us or server time + MAX_DRIFT_MS, whichever is later. Every clock we hold is
 * at most that (the server clamped ours; pull clamps received ones), so order is kept.
 */
async function rewindClock(db: AssetWalkDB, serverTime: number, newestStored: string) {
  const row = await db.meta.get(HLC_KEY);
  const state = row?.value as HlcState | undefined;
  if (!state) return;
  const limit = serverTime + MAX_DRIFT_MS;
  if (state.wall <= limit) return;
  const stored = parseHlc(newestStored);
  const next: HlcState = stored && stored.wall >= limit ? { wall: stored.wall, counter: stored.counter, node: state.node } : { wall: limit, counter: 0, node: state.node };
  await db.meta.put({ key: HLC_KEY, value: next });
}


async function reject(db: AssetWalkDB, entries: OutboxEntry[], reason: string) {
  await db.transaction('rw', db.outbox, db.meta, async () => appendRejected(db, entries.map((entry) => ({ entry, reason }))));
}

/** Inside a transaction holding outbox and meta. */
async function appendRejected(db: AssetWalkDB, list: { entry: OutboxEntry; reason: string }[]) {
  const at = new Date().toISOString();
  const cur = ((await db.meta.get(REJECTED_KEY))?.value as RejectedEntry[] | undefined) ?? [];
  await db.meta.put({ key: REJECTED_KEY, value: [...cur, ...list.map((l) => ({ ...l, at }))] });
  await db.outbox.bulkDelete(list.map((l) => l.entry.clientSeq));
}

export async function rejectedEntries(db: AssetWalkDB): Promise<RejectedEntry[]> {
  return ((await db.meta.get(REJECTED_KEY))?.value as RejectedEntry[] | undefined) ?? [];
}
