/**
 * The JSON backup of one client company and its restore (format: domain/survey/backup.ts).
 * Export: every synced table's rows of the tenant, plus the insert-only rows that hang off them
 * (label events, checks, audits, logs…), tombstones left out; attachments as metadata only.
 * Restore: one transaction through writer.ts, so every restored row is stamped, queued and synced:
 * rows this tablet lacks are created (bulk), rows it has are merged field by field (only the
 * fields that differ get a new clock), insert-only rows it has are left alone.
 */
import type { Table } from 'dexie';
import { BACKUP_FORMAT, BACKUP_VERSION, restorableFields, type ClientBackup } from '$lib/domain/survey/backup';
import { deriveDevice } from './devices';
import { INSERT_ONLY_TABLES, SYNCED_TABLES, type AssetWalkDB, type SyncedRecord } from './schema';
import { bulkCreateInTx, syncTables, writeInTx, type WriteContext } from './writer';
import type { OnProgress } from './surveyImport';

type AnyTable = Table<SyncedRecord, string>;
// Fields by which an insert-only row names its parent record.
const PARENT_FIELDS = ['deviceId', 'labelId', 'panelId', 'incidentId', 'requestId', 'changeId', 'articleId', 'locationId', 'auditId'];

function tableOf(db: AssetWalkDB, name: string): AnyTable {
  return db.table(name) as AnyTable;
}

export async function exportClient(db: AssetWalkDB, tenantId: string, onProgress?: OnProgress): Promise<ClientBackup> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  const ids = new Set<string>([tenantId]);
  const names = [...SYNCED_TABLES, ...INSERT_ONLY_TABLES];
  let done = 0;
  for (const name of SYNCED_TABLES) {
    const all = (await tableOf(db, name).toArray()) as Record<string, unknown>[];
    tables[name] = all.filter((r) => !r.deleted && (name === 'tenants' ? r.id === tenantId : r.tenantId === tenantId));
    for (const r of tables[name]) ids.add(r.id as string);
    onProgress?.(++done, names.length);
  }
  for (const name of INSERT_ONLY_TABLES) {
    const all = (await tableOf(db, name).toArray()) as Record<string, unknown>[];
    tables[name] = all.filter((r) => !r.deleted && (r.tenantId === tenantId || PARENT_FIELDS.some((f) => typeof r[f] === 'string' && ids.has(r[f]))));
    onProgress?.(++done, names.length);
  }
  // Index-only fields (`_macs`) are the tablet's business; they are recomputed on restore.
  for (const list of Object.values(tables)) for (const r of list) for (const k of Object.keys(r)) if (k.startsWith('_')) delete r[k];
  const tenant = tables.tenants?.[0];
  return {
    format: BACKUP_FORMAT, version: BACKUP_VERSION, schema: db.verno, exportedAt: new Date().toISOString(),
    tenantId, tenantName: typeof tenant?.name === 'string' ? tenant.name : '', tables
  };
}

export interface RestoreResult { created: number; merged: number; unchanged: number; skippedTables: string[] }

export async function restoreClient(db: AssetWalkDB, ctx: WriteContext, b: ClientBackup, onProgress?: OnProgress): Promise<RestoreResult> {
  const known = new Set<string>([...SYNCED_TABLES, ...INSERT_ONLY_TABLES]);
  const order = [...SYNCED_TABLES, ...INSERT_ONLY_TABLES].filter((n) => b.tables[n]?.length);
  const skippedTables = Object.keys(b.tables).filter((n) => !known.has(n));
  const total = order.reduce((s, n) => s + b.tables[n]!.length, 0);
  const result: RestoreResult = { created: 0, merged: 0, unchanged: 0, skippedTables };
  let done = 0;
  const insertOnly = new Set<string>(INSERT_ONLY_TABLES);
  await db.transaction('rw', [...order.map((n) => tableOf(db, n)), ...syncTables(db)], async () => {
    for (const name of order) {
      const table = tableOf(db, name);
      const rows = b.tables[name]!;
      const derive = name === 'devices' ? (deriveDevice as unknown as (r: SyncedRecord) => Partial<SyncedRecord>) : undefined;
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const have = await table.bulkGet(chunk.map((r) => r.id as string));
        const fresh: Record<string, unknown>[] = [];
        for (let j = 0; j < chunk.length; j++) {
          const fields = restorableFields(chunk[j]!);
          const existing = have[j];
          if (!existing) {
            if (insertOnly.has(name)) { await writeInTx(db, table, fields.id as string, fields, ctx, 'insert'); result.created++; }
            else fresh.push(fields);
          } else if (insertOnly.has(name) || existing.deleted) {
            result.unchanged++;
          } else {
            const { changed } = await writeInTx(db, table, existing.id, fields, ctx, 'upsert', derive);
            if (changed.length > 0) result.merged++; else result.unchanged++;
          }
        }
        if (fresh.length > 0) { await bulkCreateInTx(db, table, fresh, ctx, derive); result.created += fresh.length; }
        done += chunk.length;
        onProgress?.(done, total);
      }
    }
  });
  return result;
}
