/**
 * The JSON backup of one client company: every synced and insert-only table's rows of that
 * tenant (attachments as metadata only; their bytes stay in the blob store and on the server).
 * `version` is this file format's version: a newer file is refused with a clear message rather
 * than half-read. Restoring writes through the writer (new clocks, outbox), so it syncs.
 */
export const BACKUP_FORMAT = 'assetwalk-client-backup';
export const BACKUP_VERSION = 1;

export interface ClientBackup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The tablet schema version the rows were read from. */
  schema: number;
  exportedAt: string;
  tenantId: string;
  tenantName: string;
  tables: Record<string, Record<string, unknown>[]>;
}

export type BackupParse =
  | { ok: true; backup: ClientBackup; rows: number }
  | { ok: false; reason: 'notJson' | 'notBackup' | 'newerVersion' | 'invalid'; version?: number; detail?: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseBackup(text: string): BackupParse {
  let root: unknown;
  try { root = JSON.parse(text); } catch { return { ok: false, reason: 'notJson' }; }
  if (!isObj(root) || root.format !== BACKUP_FORMAT) return { ok: false, reason: 'notBackup' };
  const version = root.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, reason: 'invalid', detail: 'version' };
  if (version > BACKUP_VERSION) return { ok: false, reason: 'newerVersion', version };
  if (typeof root.tenantId !== 'string' || root.tenantId === '' || !isObj(root.tables)) return { ok: false, reason: 'invalid', detail: 'tenantId/tables' };
  let rows = 0;
  for (const [name, list] of Object.entries(root.tables)) {
    if (!Array.isArray(list) || !list.every((r) => isObj(r) && typeof r.id === 'string' && r.id !== '')) {
      return { ok: false, reason: 'invalid', detail: name };
    }
    rows += list.length;
  }
  return { ok: true, backup: root as unknown as ClientBackup, rows };
}

/** The fields a restore writes: bookkeeping and index-only fields are recomputed by the writer. */
export function restorableFields(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'clocks' || k === 'createdAt' || k === 'updatedAt' || k === 'deleted' || k.startsWith('_')) continue;
    out[k] = v;
  }
  return out;
}
