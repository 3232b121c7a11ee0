/**
 * Conflicts the server recorded (GET /api/sync/conflicts, sync-server/src/store/conflict-feed.ts)
 * brought into this tablet's conflicts table, so /conflicts shows values lost on the server too,
 * whichever tablet pushed them.
 *
 * Invariants:
 * - each server conflict is stored once, marked `source: 'server'` with its `serverId`, the
 *   tablet that pushed the lost value (`clientId`) and why it lost (`reason`); one this
 *   tablet already recorded itself while merging a pull (same record, field and both clocks) is
 *   not stored again;
 * - the feed is read from a minute before the newest conflict seen (SINCE_KEY, per tenant):
 *   a push committing late can record an earlier created_at than one already read, and the
 *   overlap plus the dedupe by id catch it;
 * - a conflict whose record holds the lost value again (it was used since, on some tablet) is
 *   not stored: nothing is lost any more;
 * - best effort: a failed request leaves everything as it was and is tried at the next sync.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import type { ConflictEntry } from '$lib/db/types';
import { sameValue } from '$lib/db/writer';
import { hlcNode } from './format';
import { recordKey } from './merge';
import type { Reply } from './transport';
import type { Conflict, ConflictFeedPage } from './wire';

export const SINCE_KEY = 'sync.conflictsSince';
const OVERLAP_MS = 60_000;
/** Pages read per sync at most (500 conflicts each); the rest come at the next sync. */
const MAX_PAGES = 20;

export type ConflictFeed = (since: number, after: string, tenant: string | null) => Promise<Reply<ConflictFeedPage>>;

const sinceKey = (tenant: string | null) => (tenant === null ? SINCE_KEY : `${SINCE_KEY}:${tenant}`);
const sameLoss = (c: Pick<ConflictEntry, 'table' | 'recordId' | 'field' | 'hlc' | 'winnerHlc'>) => `${recordKey(c.table, c.recordId)}\u0000${c.field}\u0000${c.hlc}\u0000${c.winnerHlc}`;

/** Reads the feed from the last mark and stores what is new; returns how many were added. */
export async function pullServerConflicts(db: AssetWalkDB, feed: ConflictFeed, tenant: string | null): Promise<number> {
  const mark = (await db.meta.get(sinceKey(tenant)))?.value as number | undefined;
  let since = Math.max(0, (mark ?? 0) - OVERLAP_MS);
  let after = '';
  let added = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const reply = await feed(since, after, tenant);
    if (reply.kind !== 'ok' || !Array.isArray(reply.body.conflicts)) return added;
    const { conflicts, next, hasMore } = reply.body;
    added += await store(db, conflicts, tenant);
    if (!next || !hasMore) return added;
    ({ since, after } = next);
  }
  return added;
}

async function store(db: AssetWalkDB, list: readonly Conflict[], tenant: string | null): Promise<number> {
  if (list.length === 0) return 0;
  const tables = [...new Set(list.map((c) => c.table))].filter((t) => db.tables.some((x) => x.name === t));
  return db.transaction('rw', [db.conflicts, db.meta, ...tables.map((t) => db.table(t))], async () => {
    const pairs = [...new Map(list.map((c) => [recordKey(c.table, c.recordId), [c.table, c.recordId]])).values()];
    const held = await db.conflicts.where('[table+recordId]').anyOf(pairs).toArray();
    const ids = new Set(held.map((c) => c.serverId).filter((x) => x !== undefined));
    const losses = new Set(held.map(sameLoss));
    const rows = new Map<string, Record<string, unknown>>();
    for (const t of tables) {
      const want = [...new Set(list.filter((c) => c.table === t).map((c) => c.recordId))];
      const got = (await db.table(t).bulkGet(want)) as (Record<string, unknown> | undefined)[];
      got.forEach((r, k) => r && rows.set(recordKey(t, want[k]!), r));
    }
    const fresh: ConflictEntry[] = [];
    for (const c of list) {
      const entry: ConflictEntry = {
        table: c.table, recordId: c.recordId, field: c.field, value: c.value ?? null, hlc: c.hlc ?? '', winnerHlc: c.winnerHlc,
        at: new Date(c.createdAt).toISOString(), kind: 'value', source: 'server', serverId: c.id, reason: c.reason
      };
      // The tablet that pushed the lost value: the pusher when its incoming value lost, else the stored clock's node.
      const lostBy = c.side === 'incoming' ? c.clientId : hlcNode(c.hlc ?? '');
      if (lostBy) entry.clientId = lostBy;
      if (ids.has(c.id) || losses.has(sameLoss(entry))) continue;
      // The record holds the lost value again (someone used it since): nothing is lost any more.
      const row = rows.get(recordKey(c.table, c.recordId));
      if (row && Object.hasOwn(row, c.field) && sameValue(row[c.field], entry.value)) continue;
      ids.add(c.id);
      fresh.push(entry);
    }
    if (fresh.length > 0) await db.conflicts.bulkAdd(fresh);
    const newest = Math.max(...list.map((c) => c.createdAt));
    const prev = (await db.meta.get(sinceKey(tenant)))?.value;
    if (typeof prev !== 'number' || newest > prev) await db.meta.put({ key: sinceKey(tenant), value: newest });
    return fresh.length;
  });
}
