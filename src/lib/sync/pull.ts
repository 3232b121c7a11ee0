/**
 * Pulls server changes page by page (sync-protocol rules 3, 5, 6, 9).
 *
 * Invariants:
 * - pages are requested by server_seq (`cursor`), never by client clocks; the next pages are
 *   requested in a chain while the current one is merged (ReadAhead), and a reply is used only
 *   if the stored cursor is then where its request started;
 * - one Dexie transaction per page merges every row, records the losers, advances the HLC
 *   past the page's clocks and stores the page's cursor. A crash anywhere leaves either the
 *   whole page with its cursor or neither, so a resumed pull neither misses nor doubles a row
 *   (and merging a row twice would change nothing anyway: merges are idempotent);
 * - the stored cursor only moves forward (two tabs pulling at once cannot move it back);
 * - pulled rows are written straight to their tables: no outbox entry, no audit entry, no
 *   local clock tick, so they are never echoed back as local edits;
 * - derived index fields (devices' `_macs`) are recomputed for every row written;
 * - rows of tables this tablet does not know (a newer client's) are not stored, but the lowest
 *   server_seq skipped per table is remembered (SKIPPED_KEY) in the page's transaction; once an
 *   app update knows the table, the pull first moves the cursor back before that seq, so those
 *   rows arrive (merges are idempotent, so rows pulled again change nothing);
 * - 410 (cursor older than tombstone collection) starts a clean resync (resync.ts): the cursor
 *   goes back to 0 with a RESYNC flag in one transaction, every row pulled is remembered, and
 *   once the last page is in, local rows the server no longer has are swept. A resync cut off
 *   (network, killed tab) finds its flag on the next run and starts again from 0;
 * - a tablet holding several client companies pulls each with its own cursor and flags
 *   (cursorKey(tenant)); `tenant` null is the single-tenant (legacy token) cursor.
 */
import type { Table } from 'dexie';
import { deriveDevice } from '$lib/db/devices';
import { numberHolders } from '$lib/db/numberHolders';
import { HLC_KEY, NODE_KEY } from '$lib/db/writer';
import { INSERT_ONLY_TABLES, SYNCED_TABLES, type AssetWalkDB, type DeviceRow } from '$lib/db/schema';
import type { ConflictEntry } from '$lib/db/types';
import { formatHlc, parseHlc, receive, type HlcState } from './hlc';
import { freshRow, mergeRow, pendingIndex, recordKey, type LocalRow } from './merge';
import { ackKey } from './push';
import { sweepUnseen } from './resync';
import type { PullPage, Reply, Timing, Transport } from './transport';

export const CURSOR_KEY = 'sync.cursor';
/** Table → lowest server_seq of a row skipped because this app version did not know the table. */
export const SKIPPED_KEY = 'sync.skippedTables';
/** Set while a clean resync (after 410) is under way. */
export const RESYNC_KEY = 'sync.resync';
const INSERT_ONLY: ReadonlySet<string> = new Set(INSERT_ONLY_TABLES);
const KNOWN: ReadonlySet<string> = new Set([...SYNCED_TABLES, ...INSERT_ONLY_TABLES]);

/** The meta keys of one tenant's pull state (null: the single-tenant keys). */
export interface PullKeys {
  cursor: string;
  skipped: string;
  resync: string;
}
export function pullKeys(tenant: string | null): PullKeys {
  const sfx = tenant === null ? '' : `:${tenant}`;
  return { cursor: CURSOR_KEY + sfx, skipped: SKIPPED_KEY + sfx, resync: RESYNC_KEY + sfx };
}
const LEGACY = pullKeys(null);

export type PullOutcome =
  | { kind: 'ok'; rows: number; conflicts: number; timing: Timing | null; swept: number }
  | { kind: 'stop'; reply: Exclude<Reply<unknown>, { kind: 'ok' }>; rows: number; conflicts: number; timing: Timing | null; swept: number };

export interface PullOptions {
  pageSize?: number;
  /** Physical clock for the HLC (Date.now() + offset). */
  physicalNow: () => number;
  /** Called after each page has committed (tests interrupt the pull here). */
  afterPage?: (page: PullPage) => void | Promise<void>;
  /** Receives each reply's clock sample before its page is merged, so received clocks are
   * clamped against server time rather than this tablet's own (rule 5). */
  onTiming?: (t: Timing) => void;
  /** The tables this app version stores (tests play an older version with fewer). */
  knownTables?: ReadonlySet<string>;
  /** The client company pulled (sent as the tenant header); null with a single-tenant token. */
  tenant?: string | null;
  /** Pages requested ahead of the merge (default READ_AHEAD; 0 asks for each page when needed). */
  readAhead?: number;
}

export async function readCursor(db: AssetWalkDB, tenant: string | null = null): Promise<number> {
  const v = (await db.meta.get(pullKeys(tenant).cursor))?.value;
  return typeof v === 'number' ? v : 0;
}

/** Restarts a clean resync: cursor 0 and the flag, in one transaction. */
async function startResync(db: AssetWalkDB, keys: PullKeys): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: keys.resync, value: true });
    await db.meta.put({ key: keys.cursor, value: 0 });
  });
}

export async function pullChanges(db: AssetWalkDB, transport: Transport, o: PullOptions): Promise<PullOutcome> {
  let rows = 0;
  let conflicts = 0;
  let timing: Timing | null = null;
  const tenant = o.tenant ?? null;
  const keys = pullKeys(tenant);
  const known = o.knownTables ?? KNOWN;
  const size = o.pageSize ?? PAGE_SIZE;
  await rewindForNewTables(db, known, keys);
  // Tables empty when the pull starts: their rows need no lookup while nothing is pending.
  const fresh = await emptyTables(db, known);
  // A resync left unfinished restarts from 0: the rows it saw before were not remembered.
  let seen: Set<string> | null = null;
  if ((await db.meta.get(keys.resync))?.value === true) {
    await startResync(db, keys);
    seen = new Set();
  }
  let restarts = 0;
  const ahead = new ReadAhead(transport, size, tenant, o.readAhead ?? READ_AHEAD);
  try {
    for (;;) {
      const cursor = await readCursor(db, tenant);
      const reply: Reply<PullPage> = await ahead.take(cursor, seen !== null);
      if (reply.kind === 'gone' && restarts++ < 2) {
        await startResync(db, keys);
        seen = new Set();
        continue;
      }
      if (reply.kind !== 'ok') return { kind: 'stop', reply, rows, conflicts, timing, swept: 0 };
      timing = reply.timing;
      o.onTiming?.(timing);
      const page: PullPage = reply.body;
      conflicts += await applyFresh(db, page, o.physicalNow(), known, keys, fresh);
      if (seen) for (const r of page.rows) seen.add(recordKey(r.table, r.id));
      rows += page.rows.length;
      await o.afterPage?.(page);
      // `cursor` not moving while hasMore would loop forever on a broken reply.
      if (!page.hasMore || page.cursor <= cursor) {
        let swept = 0;
        if (seen) {
          swept = await sweepUnseen(db, { seen, tenant, tables: known });
          await db.meta.delete(keys.resync);
        }
        return { kind: 'ok', rows, conflicts, timing, swept };
      }
    }
  } finally {
    ahead.stop();
  }
}

/** Rows asked for per pull page: the server's most (it also cuts a page at 4 MiB). */
const PAGE_SIZE = 1000;

/** Pages requested ahead of the merge (two pages of at most 4 MiB each are held at once). */
const READ_AHEAD = 2;

interface Ahead {
  from: number;
  resync: boolean;
  reply: Promise<Reply<PullPage>>;
  done?: Reply<PullPage>;
}

/**
 * The pages after the one being merged, requested in a chain: as soon as a reply is in, the page
 * after it is requested, while fewer than `depth` pages wait, so the server and the network work
 * while IndexedDB writes instead of waiting for each merge to end.
 * Invariants: a reply is used only for the cursor (and resync mode) its request started from;
 * anything else (the stored cursor moved otherwise, a resync began) drops the chain and asks
 * again from there; each page is requested once per chain (only the chain's tail is extended).
 */
class ReadAhead {
  private waiting: Ahead[] = [];
  private tail: Ahead | null = null;
  private stopped = false;
  constructor(private readonly transport: Transport, private readonly size: number, private readonly tenant: string | null, private readonly depth: number) {}

  take(cursor: number, resync: boolean): Promise<Reply<PullPage>> {
    let head = this.waiting.shift();
    if (!head || head.from !== cursor || head.resync !== resync) {
      this.waiting = [];
      head = this.request(cursor, resync);
    }
    this.extend(); // a place in the chain is free again
    return head.reply;
  }

  stop(): void {
    this.stopped = true;
    this.waiting = [];
  }

  private request(from: number, resync: boolean): Ahead {
    const a: Ahead = { from, resync, reply: this.transport.pull(from, this.size, this.tenant, resync) };
    this.tail = a;
    a.reply.then((r) => {
      a.done = r;
      this.extend();
    }, () => undefined); // the taker sees the failure
    return a;
  }

  private extend(): void {
    const t = this.tail;
    const r = t?.done;
    if (this.stopped || !t || r?.kind !== 'ok' || !r.body.hasMore || r.body.cursor <= t.from || this.waiting.length >= this.depth) return;
    this.waiting.push(this.request(r.body.cursor, t.resync));
  }
}

async function emptyTables(db: AssetWalkDB, known: ReadonlySet<string>): Promise<Set<string>> {
  const tables = [...known];
  return db.transaction('r', tables.map((t) => db.table(t)), async () => {
    const firsts = await Promise.all(tables.map((t) => db.table(t).limit(1).primaryKeys()));
    return new Set(tables.filter((_, k) => firsts[k]!.length === 0));
  });
}

/**
 * applyPage with `fresh` (tables empty at the start of this pull). bulkAdd refuses a key that
 * exists, so if one does after all (a record changed during the pull comes again, another tab
 * pulled it), the page's transaction aborts whole and the page is merged again row by row, as
 * are the pull's remaining pages.
 */
async function applyFresh(db: AssetWalkDB, page: PullPage, now: number, known: ReadonlySet<string>, keys: PullKeys, fresh: Set<string>): Promise<number> {
  if (fresh.size > 0) {
    try {
      return await applyPage(db, page, now, known, keys, { fresh });
    } catch {
      fresh.clear(); // a real failure fails again below, and is thrown from there
    }
  }
  return applyPage(db, page, now, known, keys);
}

/**
 * Merges one page and stores its cursor in one transaction; returns the conflicts recorded.
 * Fast paths, with the per-row merge's exact result (fastpath.spec.ts): a record this tablet
 * does not hold, with nothing pending, is freshRow; a table whose every write is such a
 * record, once each, is written with bulkAdd; with nothing pending and every row's table in
 * `fresh`, the lookups of local rows and of asset-number holders are skipped (bulkAdd and the
 * unique number index then fail the page if one exists; applyFresh merges it again carefully).
 * `fastPath: false` merges every row with mergeRow (the reference the tests compare with).
 */
export async function applyPage(
  db: AssetWalkDB, page: PullPage, physicalNow: number, knownTables: ReadonlySet<string> = KNOWN, keys: PullKeys = LEGACY,
  { fastPath = true, fresh = new Set<string>() }: { fastPath?: boolean; fresh?: ReadonlySet<string> } = {}
): Promise<number> {
  const tables = [...knownTables].map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.conflicts, db.meta, db.outbox], async () => {
    const [nodeRow, hlcRow, cursorRow, skippedRow] = await db.meta.bulkGet([NODE_KEY, HLC_KEY, keys.cursor, keys.skipped]);
    const node = typeof nodeRow?.value === 'string' ? nodeRow.value : '';
    const pending = pendingIndex(await db.outbox.toArray());
    const known = page.rows.filter((r) => knownTables.has(r.table));
    if (known.length < page.rows.length) {
      const skipped = { ...((skippedRow?.value as Record<string, number> | undefined) ?? {}) };
      for (const r of page.rows) if (!knownTables.has(r.table)) skipped[r.table] = Math.min(skipped[r.table] ?? Infinity, r.serverSeq);
      await db.meta.put({ key: keys.skipped, value: skipped });
    }

    const locals = new Map<string, LocalRow>();
    const byTable = new Map<string, string[]>();
    for (const r of known) {
      const ids = byTable.get(r.table);
      if (ids) ids.push(r.id);
      else byTable.set(r.table, [r.id]);
    }
    const skipLookup = fastPath && pending.size === 0 && [...byTable.keys()].every((t) => fresh.has(t));
    for (const [t, ids] of skipLookup ? [] : byTable) {
      const got = (await db.table(t).bulkGet(ids)) as (LocalRow | undefined)[];
      got.forEach((row, k) => row && locals.set(recordKey(t, ids[k]!), row));
    }
    const acks = locals.size === 0 ? new Map<string, number>() : await loadAcks(db, [...locals.values()], node);

    const recordedAt = new Date(physicalNow).toISOString();
    const writes = new Map<string, LocalRow[]>();
    const putTables = new Set<string>();
    const written = new Set<string>();
    const lost: ConflictEntry[] = [];
    let maxClock = '';
    for (const r of known) {
      const key = recordKey(r.table, r.id);
      const local = locals.get(key);
      const p = pending.get(key);
      let next: LocalRow | null;
      if (fastPath && local === undefined && p === undefined) next = freshRow(r, INSERT_ONLY.has(r.table));
      else {
        const m = mergeRow({ local, remote: r, insertOnly: INSERT_ONLY.has(r.table), pending: p, node, ackAt: (h) => acks.get(h), recordedAt });
        for (const c of m.conflicts) lost.push(c);
        next = m.next;
        if (next && (local !== undefined || !fastPath)) putTables.add(r.table);
      }
      if (next) {
        // mergeRow and freshRow return a new object: the derived fields go straight onto it.
        if (r.table === 'devices') Object.assign(next, deriveDevice(next as unknown as DeviceRow));
        const list = writes.get(r.table);
        if (list) list.push(next);
        else writes.set(r.table, [next]);
        if (written.has(key)) putTables.add(r.table);
        written.add(key);
        locals.set(key, next); // a second row for the same record in one page merges onto this one
      }
      for (const c of Object.values(r.clocks)) if (c > maxClock) maxClock = c;
      if (r.deletedHlc && r.deletedHlc > maxClock) maxClock = r.deletedHlc;
      if (r.restoredHlc && r.restoredHlc > maxClock) maxClock = r.restoredHlc;
    }
    for (const [t, list] of writes) {
      // Into tables this pull found empty, a clash fails bulkAdd's unique index and the page is
      // merged again on the careful path, which records it (applyFresh).
      const keep = UNIQUE_NUMBER.has(t) && !skipLookup ? await withoutNumberClashes(db, t, list, lost, recordedAt) : list;
      const table = db.table(t) as Table<LocalRow, string>;
      await (putTables.has(t) ? table.bulkPut(keep) : table.bulkAdd(keep));
    }
    if (lost.length > 0) await db.conflicts.bulkAdd(lost);

    if (maxClock !== '' && node !== '') {
      const prev = (hlcRow?.value as HlcState | undefined) ?? { wall: 0, counter: 0, node };
      // Our next local edit must sort after everything we have seen (rule 2's causality).
      const next = receive({ ...prev, node }, maxClock, physicalNow);
      if (formatHlc(next) > formatHlc({ ...prev, node })) await db.meta.put({ key: HLC_KEY, value: next });
    }
    const stored = typeof cursorRow?.value === 'number' ? cursorRow.value : 0;
    if (page.cursor > stored) await db.meta.put({ key: keys.cursor, value: page.cursor });
    return lost.length;
  });
}

/** After an app update: tables skipped before and known now are pulled again from their first skipped row. */
async function rewindForNewTables(db: AssetWalkDB, known: ReadonlySet<string>, keys: PullKeys): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const skipped = (await db.meta.get(keys.skipped))?.value as Record<string, number> | undefined;
    if (!skipped) return;
    const now = Object.entries(skipped).filter(([t]) => known.has(t));
    if (now.length === 0) return;
    const from = Math.min(...now.map(([, seq]) => seq)) - 1;
    const cur = (await db.meta.get(keys.cursor))?.value;
    const cursor = typeof cur === 'number' ? cur : 0;
    if (from < cursor) await db.meta.put({ key: keys.cursor, value: Math.max(0, from) });
    const rest = Object.fromEntries(Object.entries(skipped).filter(([t]) => !known.has(t)));
    await db.meta.put({ key: keys.skipped, value: rest });
  });
}

/** Tables with a unique [tenantId+assetNumber] index (src/lib/db/schema.ts). */
const UNIQUE_NUMBER = new Set(['devices', 'labels']);

/**
 * Two tablets offline can give one asset number to two devices; the server does not refuse it,
 * but the tablet's unique index would, failing the page and stalling sync for good. Such a row is
 * left out of this tablet and recorded as a conflict on the device that holds the number here,
 * so the clash is visible and the cursor still moves.
 */
async function withoutNumberClashes(db: AssetWalkDB, table: string, rows: LocalRow[], lost: ConflictEntry[], at: string): Promise<LocalRow[]> {
  const keep: LocalRow[] = [];
  const claimed = new Map<string, string>(); // tenant+number → id, within this page
  const incoming = new Map(rows.map((r) => [r.id, r]));
  const numbered = (r: LocalRow): r is LocalRow & { tenantId: string; assetNumber: string } =>
    typeof r.tenantId === 'string' && typeof r.assetNumber === 'string' && !r.deleted;
  const keys = rows.filter(numbered).map((r) => [r.tenantId, r.assetNumber] as const);
  const holders = await numberHolders(db.table(table) as Table<LocalRow, string>, keys);
  const holderOf = new Map(holders.map((h) => [`${String(h.tenantId)}\u0000${String(h.assetNumber)}`, h]));
  for (const r of rows) {
    if (!numbered(r)) {
      keep.push(r);
      continue;
    }
    const tenant = r.tenantId, number = r.assetNumber;
    const k = `${tenant}\u0000${number}`;
    const holder = holderOf.get(k);
    // A holder that this same page renumbers is no clash: it gives the number up.
    const holderKeeps = holder && holder.id !== r.id && (incoming.get(holder.id)?.assetNumber ?? number) === number;
    const inPage = claimed.get(k);
    const other = holderKeeps ? holder.id : inPage !== undefined && inPage !== r.id ? inPage : undefined;
    if (other) {
      lost.push({ kind: 'assetNumberClash', table, recordId: other, field: 'assetNumber', value: number, hlc: r.clocks?.assetNumber ?? '', winnerHlc: r.id, at });
      continue;
    }
    claimed.set(k, r.id);
    keep.push(r);
  }
  return keep;
}

/** Ack times of our own clocks on these rows (only those can be case (c) of merge.ts). */
async function loadAcks(db: AssetWalkDB, rows: LocalRow[], node: string): Promise<Map<string, number>> {
  const mine = new Set<string>();
  for (const r of rows) for (const c of Object.values(r.clocks ?? {})) if (parseHlc(c)?.node === node) mine.add(c);
  const list = [...mine];
  const got = await db.meta.bulkGet(list.map(ackKey));
  const out = new Map<string, number>();
  got.forEach((m, k) => typeof m?.value === 'number' && out.set(list[k]!, m.value));
  return out;
}
