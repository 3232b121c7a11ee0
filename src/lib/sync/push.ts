/**
 * Drains the outbox to POST /api/sync/push (sync-protocol rules 1, 4, 7, 11).
 *
 * Invariants:
 * - entries go in clientSeq order, in batches of at most `batchSize`;
 * - an entry leaves the outbox only on the server's answer for its mutation id: `applied` or
 *   `duplicate` delete it; `rejected` moves it to the `meta` list REJECTED_KEY (still visible,
 *   never retried, never blocking the entries behind it). Every outcome of one reply is stored
 *   in one Dexie transaction;
 * - any other reply (offline, 401/403, 5xx, a lost reply) deletes nothing: the same entries,
 *   with the same mutation ids, go again later, and the server answers them `duplicate`;
 * - 413 halves the batch; so does 400 (a batch is refused whole when one mutation is invalid),
 *   until the one offending mutation is isolated and moved to the rejected list.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import type { OutboxEntry } from '$lib/db/types';
import type { MutationResult, Reply, Timing, Transport, WireMutation } from './transport';

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

export async function pushOutbox(db: AssetWalkDB, transport: Transport, batchSize = 200): Promise<PushOutcome> {
  let size = Math.max(1, batchSize);
  let pushed = 0;
  let rejected = 0;
  let timing: Timing | null = null;
  for (;;) {
    const batch = await db.outbox.orderBy('clientSeq').limit(size).toArray();
    if (batch.length === 0) return { kind: 'ok', pushed, rejected, timing };
    const reply = await transport.push(batch.map(toWire));
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
  for (const e of batch) {
    const r = byId.get(e.mutationId);
    if (!r) continue; // unanswered: stays queued
    if (r.status === 'rejected') refused.push({ entry: e, reason: r.reason });
    else {
      done.push(e.clientSeq);
      if (r.status === 'applied') acks.push({ key: ackKey(e.hlc), value: serverTime });
    }
  }
  await db.transaction('rw', db.outbox, db.meta, async () => {
    await db.outbox.bulkDelete(done);
    if (acks.length > 0) await db.meta.bulkPut(acks);
    if (refused.length > 0) await appendRejected(db, refused);
  });
  return { done: done.length, rejected: refused.length };
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
