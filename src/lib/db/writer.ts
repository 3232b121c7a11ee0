/**
 * The one write path for synced data. In a single Dexie transaction it
 *  1. ticks the tablet's hybrid logical clock (persisted in `meta`, so tabs share it),
 *  2. writes the record with that clock on every changed field,
 *  3. appends an outbox entry with the changed fields (sync-protocol.md, rule 1),
 *  4. appends one audit entry per changed field.
 * Either all four happen or none: an edit can't be saved without being queued for sync.
 */
import type { Table, Transaction } from 'dexie';
import { formatHlc, tick, type HlcState } from '$lib/sync/hlc';
import type { AssetWalkDB, SyncedRecord } from './schema';
import type { AuditEntry, MutationOp, OutboxEntry } from './types';

export interface WriteContext {
  actor: string;
  /** Physical clock: Date.now() plus the offset measured from the server. */
  now: () => number;
}

/** Meta keys of this tablet's node id and clock state, shared with the sync engine. */
export const NODE_KEY = 'nodeId';
export const HLC_KEY = 'hlc';
const SEQ_KEY = 'clientSeq';

export function newId(): string {
  return crypto.randomUUID();
}

function randomNode(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}

/** This tablet's node id, created on first use. */
export async function nodeId(db: AssetWalkDB): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(NODE_KEY);
    if (typeof row?.value === 'string') return row.value;
    const id = randomNode();
    await db.meta.put({ key: NODE_KEY, value: id });
    return id;
  });
}

/** Reserves `count` consecutive clock ticks and client sequence numbers in one meta round trip. */
async function nextStamps(db: AssetWalkDB, now: number, count: number): Promise<{ hlcs: string[]; node: string; firstSeq: number }> {
  const [nodeRow, hlcRow, seqRow] = await db.meta.bulkGet([NODE_KEY, HLC_KEY, SEQ_KEY]);
  const node = (nodeRow?.value as string | undefined) ?? randomNode();
  let state: HlcState = { ...((hlcRow?.value as HlcState | undefined) ?? { wall: 0, counter: 0, node }), node };
  const hlcs: string[] = [];
  for (let i = 0; i < count; i++) {
    state = tick(state, now);
    hlcs.push(formatHlc(state));
  }
  const firstSeq = ((seqRow?.value as number | undefined) ?? 0) + 1;
  await db.meta.bulkPut([
    { key: NODE_KEY, value: node },
    { key: HLC_KEY, value: state },
    { key: SEQ_KEY, value: firstSeq + count - 1 }
  ]);
  return { hlcs, node, firstSeq };
}

async function nextStamp(db: AssetWalkDB, now: number): Promise<{ hlc: string; node: string; seq: number }> {
  const { hlcs, node, firstSeq } = await nextStamps(db, now, 1);
  return { hlc: hlcs[0]!, node, seq: firstSeq };
}

/** Field values compared by value (nested objects and lists included). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const META_FIELDS = new Set(['id', 'clocks', 'createdAt', 'updatedAt', 'deleted']);

/** A field that is stamped, synced and audited: not bookkeeping, not a derived `_index` field. */
export function isSyncedField(name: string): boolean {
  return !META_FIELDS.has(name) && !name.startsWith('_');
}

export interface WriteResult<T> {
  record: T;
  changed: string[];
}

/**
 * Writes `fields` into record `id` of `table` (creating it when absent) inside the caller's
 * transaction, which must include the table, outbox, audit and meta.
 * `derive` adds index-only fields (never synced, never audited) computed from the record.
 */
export async function writeInTx<T extends Pick<SyncedRecord, 'id' | 'clocks'>, TI = T>(
  db: AssetWalkDB,
  table: Table<T, string, TI>,
  id: string,
  fields: Record<string, unknown>,
  ctx: WriteContext,
  op: MutationOp = 'upsert',
  derive?: (r: T) => Partial<T>
): Promise<WriteResult<T>> {
  const existing = (await table.get(id)) as (T & Record<string, unknown>) | undefined;
  if (existing && op === 'insert') throw new Error(`${table.name} ${id} exists and is insert-only`);
  const changed = Object.keys(fields).filter(
    (k) => isSyncedField(k) && (!existing || !sameValue(existing[k], fields[k]))
  );
  if (existing && changed.length === 0 && op !== 'delete' && op !== 'restore') return { record: existing, changed };
  // Restoring is an explicit operation with its own, newer clock (sync-protocol rule 6).
  if (op === 'restore' && !existing?.deleted) return { record: existing as T, changed: [] };

  const physical = ctx.now();
  const { hlc, node, seq } = await nextStamp(db, physical);
  const at = new Date(physical).toISOString();
  const clocks = { ...(existing?.clocks ?? {}) };
  for (const k of changed) clocks[k] = hlc;
  const base = existing ?? ({ id, createdAt: at } as unknown as T);
  let record = { ...base, ...pick(fields, changed), clocks, updatedAt: at } as T;
  if (op === 'delete') record = { ...record, deleted: hlc };
  if (op === 'restore') delete (record as { deleted?: string }).deleted;
  if (derive) record = { ...record, ...derive(record) };
  await table.put(record as unknown as TI);

  const outFields = op === 'delete' || op === 'restore' ? {} : pick(fields, changed);
  const entry: OutboxEntry = { clientSeq: seq, mutationId: crypto.randomUUID(), clientId: node, table: table.name, recordId: id, op, fields: outFields, hlc };
  // The clocks this edit overwrote: lets the server tell "I saw your value and changed it"
  // (no conflict) from a concurrent edit (the overwritten value is kept as a loser).
  if (existing && op === 'upsert') entry.base = baseClocks(existing.clocks, changed);
  // A delete carries every clock it saw, so the server can tell which edits it overwrote unseen.
  if (existing && op === 'delete') entry.base = { ...existing.clocks };
  await db.outbox.add(entry);
  // A new record gets one "created" entry rather than one per field: the history stays readable.
  const lifecycle = op === 'delete' || op === 'restore';
  const auditFields = op === 'delete' ? ['deleted'] : op === 'restore' ? ['restored'] : existing ? changed : ['created'];
  await db.audit.bulkAdd(
    auditFields.map((field) => ({
      table: table.name, recordId: id, field,
      from: existing && !lifecycle ? existing[field] ?? null : null,
      to: lifecycle ? hlc : existing ? fields[field] ?? null : null,
      actor: ctx.actor, at, hlc
    }))
  );
  return { record, changed };
}

/**
 * Inserts new records in bulk (imports, sample data): the same stamps, outbox entries and
 * "created" audit entries as writeInTx, in three bulk writes instead of a round trip per record.
 * The caller's transaction must hold the table, outbox, audit and meta; ids must be new.
 */
export async function bulkCreateInTx<T extends Pick<SyncedRecord, 'id' | 'clocks'>, TI = T>(
  db: AssetWalkDB,
  table: Table<T, string, TI>,
  rows: Record<string, unknown>[],
  ctx: WriteContext,
  derive?: (r: T) => Partial<T>
): Promise<T[]> {
  const physical = ctx.now();
  const at = new Date(physical).toISOString();
  const { hlcs, node, firstSeq } = await nextStamps(db, physical, rows.length);
  const records: T[] = [];
  const outbox: OutboxEntry[] = [];
  const audit: AuditEntry[] = [];
  rows.forEach((fields, i) => {
    const hlc = hlcs[i]!;
    const id = String(fields.id ?? newId());
    const keys = Object.keys(fields).filter(isSyncedField);
    const clocks: Record<string, string> = {};
    for (const k of keys) clocks[k] = hlc;
    let record = { ...pick(fields, keys), id, clocks, createdAt: at, updatedAt: at } as unknown as T;
    if (derive) record = { ...record, ...derive(record) };
    records.push(record);
    outbox.push({ clientSeq: firstSeq + i, mutationId: crypto.randomUUID(), clientId: node, table: table.name, recordId: id, op: 'upsert', fields: pick(fields, keys), hlc });
    audit.push({ table: table.name, recordId: id, field: 'created', from: null, to: null, actor: ctx.actor, at, hlc });
  });
  await table.bulkAdd(records as unknown as TI[]);
  await db.outbox.bulkAdd(outbox);
  await db.audit.bulkAdd(audit);
  return records;
}

function baseClocks(clocks: Record<string, string>, keys: string[]): Record<string, string> {
  const r: Record<string, string> = {};
  for (const k of keys) if (clocks[k] !== undefined) r[k] = clocks[k];
  return r;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const k of keys) r[k] = o[k];
  return r;
}

/** Tables every write transaction must hold besides the record's own. */
export function syncTables(db: AssetWalkDB): Table[] {
  return [db.outbox, db.audit, db.meta];
}

export type { Transaction };
