/**
 * Pulls server changes page by page (sync-protocol rules 3, 5, 6, 9).
 *
 * Invariants:
 * - pages are requested by server_seq (`cursor`), never by client clocks; the next page is
 *   requested while the current one is merged, and used only if the stored cursor is then
 *   where that request started;
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
 * - 410 (cursor older than tombstone collection) restarts from 0, for the same reason safe.
 */
import type { Table } from 'dexie';
import { deriveDevice } from '$lib/db/devices';
import { HLC_KEY, NODE_KEY } from '$lib/db/writer';
import { INSERT_ONLY_TABLES, SYNCED_TABLES, type AssetWalkDB, type DeviceRow } from '$lib/db/schema';
import type { ConflictEntry } from '$lib/db/types';
import { formatHlc, parseHlc, receive, type HlcState } from './hlc';
import { mergeRow, pendingIndex, recordKey, type LocalRow } from './merge';
import { ackKey } from './push';
import type { PullPage, Reply, Timing, Transport } from './transport';

export const CURSOR_KEY = 'sync.cursor';
/** Table → lowest server_seq of a row skipped because this app version did not know the table. */
export const SKIPPED_KEY = 'sync.skippedTables';
const INSERT_ONLY: ReadonlySet<string> = new Set(INSERT_ONLY_TABLES);
const KNOWN: ReadonlySet<string> = new Set([...SYNCED_TABLES, ...INSERT_ONLY_TABLES]);

export type PullOutcome =
  | { kind: 'ok'; rows: number; conflicts: number; timing: Timing | null }
  | { kind: 'stop'; reply: Exclude<Reply<unknown>, { kind: 'ok' }>; rows: number; conflicts: number; timing: Timing | null };

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
}

export async function readCursor(db: AssetWalkDB): Promise<number> {
  const v = (await db.meta.get(CURSOR_KEY))?.value;
  return typeof v === 'number' ? v : 0;
}

export async function pullChanges(db: AssetWalkDB, transport: Transport, o: PullOptions): Promise<PullOutcome> {
  let rows = 0;
  let conflicts = 0;
  let timing: Timing | null = null;
  let restarted = false;
  const known = o.knownTables ?? KNOWN;
  const size = o.pageSize ?? 500;
  await rewindForNewTables(db, known);
  // The next page is requested while this one is merged: the request and the IndexedDB writes
  // overlap. It starts from this page's cursor, which is where the stored cursor will be.
  let prefetched: { from: number; reply: Promise<Reply<PullPage>> } | null = null;
  for (;;) {
    const cursor = await readCursor(db);
    const reply: Reply<PullPage> = await (prefetched?.from === cursor ? prefetched.reply : transport.pull(cursor, size));
    prefetched = null;
    if (reply.kind === 'gone' && !restarted) {
      restarted = true;
      await db.meta.put({ key: CURSOR_KEY, value: 0 });
      continue;
    }
    if (reply.kind !== 'ok') return { kind: 'stop', reply, rows, conflicts, timing };
    timing = reply.timing;
    o.onTiming?.(timing);
    const page: PullPage = reply.body;
    if (page.hasMore && page.cursor > cursor) prefetched = { from: page.cursor, reply: transport.pull(page.cursor, size) };
    conflicts += await applyPage(db, page, o.physicalNow(), known);
    rows += page.rows.length;
    await o.afterPage?.(page);
    // `cursor` not moving while hasMore would loop forever on a broken reply.
    if (!page.hasMore || page.cursor <= cursor) return { kind: 'ok', rows, conflicts, timing };
  }
}

/** Merges one page and stores its cursor in one transaction; returns the conflicts recorded. */
export async function applyPage(db: AssetWalkDB, page: PullPage, physicalNow: number, knownTables: ReadonlySet<string> = KNOWN): Promise<number> {
  const tables = [...knownTables].map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.conflicts, db.meta, db.outbox], async () => {
    const [nodeRow, hlcRow, cursorRow, skippedRow] = await db.meta.bulkGet([NODE_KEY, HLC_KEY, CURSOR_KEY, SKIPPED_KEY]);
    const node = typeof nodeRow?.value === 'string' ? nodeRow.value : '';
    const pending = pendingIndex(await db.outbox.toArray());
    const known = page.rows.filter((r) => knownTables.has(r.table));
    if (known.length < page.rows.length) {
      const skipped = { ...((skippedRow?.value as Record<string, number> | undefined) ?? {}) };
      for (const r of page.rows) if (!knownTables.has(r.table)) skipped[r.table] = Math.min(skipped[r.table] ?? Infinity, r.serverSeq);
      await db.meta.put({ key: SKIPPED_KEY, value: skipped });
    }

    const locals = new Map<string, LocalRow>();
    const byTable = new Map<string, string[]>();
    for (const r of known) {
      const ids = byTable.get(r.table);
      if (ids) ids.push(r.id);
      else byTable.set(r.table, [r.id]);
    }
    for (const [t, ids] of byTable) {
      const got = (await db.table(t).bulkGet(ids)) as (LocalRow | undefined)[];
      got.forEach((row, k) => row && locals.set(recordKey(t, ids[k]!), row));
    }
    const acks = await loadAcks(db, [...locals.values()], node);

    const recordedAt = new Date(physicalNow).toISOString();
    const writes = new Map<string, LocalRow[]>();
    const lost: ConflictEntry[] = [];
    let maxClock = '';
    for (const r of known) {
      const key = recordKey(r.table, r.id);
      const m = mergeRow({
        local: locals.get(key), remote: r, insertOnly: INSERT_ONLY.has(r.table), pending: pending.get(key), node,
        ackAt: (h) => acks.get(h), recordedAt
      });
      lost.push(...m.conflicts);
      if (m.next) {
        const next = r.table === 'devices' ? { ...m.next, ...deriveDevice(m.next as unknown as DeviceRow) } : m.next;
        const list = writes.get(r.table);
        if (list) list.push(next);
        else writes.set(r.table, [next]);
        locals.set(key, next); // a second row for the same record in one page merges onto this one
      }
      for (const c of [...Object.values(r.clocks), r.deletedHlc ?? '']) if (c > maxClock) maxClock = c;
    }
    for (const [t, list] of writes) {
      const keep = UNIQUE_NUMBER.has(t) ? await withoutNumberClashes(db, t, list, lost, recordedAt) : list;
      await (db.table(t) as Table<LocalRow, string>).bulkPut(keep);
    }
    if (lost.length > 0) await db.conflicts.bulkAdd(lost);

    if (maxClock !== '' && node !== '') {
      const prev = (hlcRow?.value as HlcState | undefined) ?? { wall: 0, counter: 0, node };
      // Our next local edit must sort after everything we have seen (rule 2's causality).
      const next = receive({ ...prev, node }, maxClock, physicalNow);
      if (formatHlc(next) > formatHlc({ ...prev, node })) await db.meta.put({ key: HLC_KEY, value: next });
    }
    const stored = typeof cursorRow?.value === 'number' ? cursorRow.value : 0;
    if (page.cursor > stored) await db.meta.put({ key: CURSOR_KEY, value: page.cursor });
    return lost.length;
  });
}

/** After an app update: tables skipped before and known now are pulled again from their first skipped row. */
async function rewindForNewTables(db: AssetWalkDB, known: ReadonlySet<string>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const skipped = (await db.meta.get(SKIPPED_KEY))?.value as Record<string, number> | undefined;
    if (!skipped) return;
    const now = Object.entries(skipped).filter(([t]) => known.has(t));
    if (now.length === 0) return;
    const from = Math.min(...now.map(([, seq]) => seq)) - 1;
    const cursor = await readCursor(db);
    if (from < cursor) await db.meta.put({ key: CURSOR_KEY, value: Math.max(0, from) });
    const rest = Object.fromEntries(Object.entries(skipped).filter(([t]) => !known.has(t)));
    await db.meta.put({ key: SKIPPED_KEY, value: rest });
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
  // One index query for the whole page: a query per row was most of a 100,000-row first sync.
  const keys = rows.filter(numbered).map((r) => [r.tenantId, r.assetNumber]);
  const holders = keys.length === 0 ? [] : ((await db.table(table).where('[tenantId+assetNumber]').anyOf(keys).toArray()) as LocalRow[]);
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
