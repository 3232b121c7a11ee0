/**
 * Acting on a recorded loser (sync-protocol rule 9): "use this value" writes it back through
 * the ordinary write path, so it gets a new clock, higher than the winner's (the HLC has
 * received the winner's clock on pull), and syncs as a normal edit; the conflict entry is
 * removed in the same transaction. Tombstoned records are not revived this way: that needs an
 * explicit restore, which this tablet does not offer yet.
 */
import type { Table } from 'dexie';
import { deriveDevice } from '$lib/db/devices';
import type { AssetWalkDB, DeviceRow, SyncedRecord } from '$lib/db/schema';
import { syncTables, writeInTx, type WriteContext } from '$lib/db/writer';
import { conflictLines, NO_DIRECTORY, type ConflictLine, type TabletDirectory } from './conflictView';

export async function useConflictValue(db: AssetWalkDB, ctx: WriteContext, conflictId: number): Promise<boolean> {
  const c = await db.conflicts.get(conflictId);
  if (!c || c.kind === 'assetNumberClash') return false; // nothing to write back: one of the two devices needs a new number
  const table = db.table(c.table) as Table<SyncedRecord, string>;
  return db.transaction('rw', [table, db.conflicts, ...syncTables(db)], async () => {
    const row = await table.get(c.recordId);
    if (!row || row.deleted) return false;
    const derive = c.table === 'devices' ? (r: SyncedRecord) => deriveDevice(r as unknown as DeviceRow) as Partial<SyncedRecord> : undefined;
    await writeInTx(db, table, c.recordId, { [c.field]: c.value }, ctx, 'upsert', derive);
    await db.conflicts.delete(conflictId);
    return true;
  });
}

export async function dismissConflict(db: AssetWalkDB, conflictId: number): Promise<void> {
  await db.conflicts.delete(conflictId);
}

/** The conflicts of one record, worded as /conflicts words them (a record's own page). */
export async function recordConflicts(db: AssetWalkDB, table: string, recordId: string, dir: TabletDirectory = NO_DIRECTORY): Promise<ConflictLine[]> {
  const list = await db.conflicts.where('[table+recordId]').equals([table, recordId]).toArray();
  if (list.length === 0) return [];
  const row = (await db.table(table).get(recordId)) as Record<string, unknown> | undefined;
  return conflictLines(list, new Map([[`${table}\u0000${recordId}`, row]]), dir);
}

/** Every conflict of one client company as lines to show (records of other clients left out), tablets named from `dir`. */
export async function clientConflicts(db: AssetWalkDB, tenantId: string | null, dir: TabletDirectory = NO_DIRECTORY): Promise<ConflictLine[]> {
  const all = await db.conflicts.toArray();
  const rows = new Map<string, Record<string, unknown> | undefined>();
  for (const table of new Set(all.map((c) => c.table))) {
    const ids = [...new Set(all.filter((c) => c.table === table).map((c) => c.recordId))];
    const got = (await db.table(table).bulkGet(ids)) as (Record<string, unknown> | undefined)[];
    ids.forEach((id, k) => rows.set(`${table}\u0000${id}`, got[k]));
  }
  const mine = all.filter((c) => {
    const row = rows.get(`${c.table}\u0000${c.recordId}`);
    return row === undefined || row.tenantId === tenantId || (c.table === 'tenants' && c.recordId === tenantId);
  });
  return conflictLines(mine, rows, dir);
}
