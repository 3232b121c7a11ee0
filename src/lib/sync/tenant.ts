/**
 * Which client company (tenant) a local record or an outbox entry belongs to, for a tablet that
 * holds several (issue 9 "Tablets"): the engine syncs each chosen tenant in turn with its own
 * cursor and only that tenant's outbox entries.
 *
 * Invariants:
 * - a record's tenant is its `tenantId`; a tenant record is its own; a row without one (checks,
 *   label events) takes its first parent's (PARENTS in tables.ts), looked up on this tablet;
 * - an outbox entry's tenant is `fields.tenantId` when it names one, else its record's, else its
 *   parent's named in `fields`; an entry whose tenant cannot be told is `null` and is never
 *   pushed under a guessed tenant (it stays queued, visible as pending);
 * - lookups are cached per call of `tenantResolver`, so one pass over the outbox or a table reads
 *   each parent once.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import type { OutboxEntry } from '$lib/db/types';
import { PARENTS } from './tables';

type Row = Record<string, unknown>;

export interface TenantResolver {
  ofRecord(table: string, row: Row): Promise<string | null>;
  ofEntry(e: Pick<OutboxEntry, 'table' | 'recordId' | 'fields'>): Promise<string | null>;
}

const MAX_DEPTH = 4; // parents of parents: labelEvents → labels → devices

export function tenantResolver(db: AssetWalkDB): TenantResolver {
  const cache = new Map<string, Promise<string | null>>();

  async function byId(table: string, id: string, depth: number): Promise<string | null> {
    if (table === 'tenants') return id;
    const key = `${table}\u0000${id}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = (db.table(table).get(id) as Promise<Row | undefined>).then((row) => (row ? ofRecord(table, row, depth) : null), () => null);
      cache.set(key, hit);
    }
    return hit;
  }

  async function viaParents(table: string, fields: Row, depth: number): Promise<string | null> {
    if (depth >= MAX_DEPTH) return null;
    for (const [field, parent] of PARENTS[table] ?? []) {
      const ref = Object.hasOwn(fields, field) ? fields[field] : undefined;
      if (typeof ref !== 'string') continue;
      const t = await byId(parent, ref, depth + 1);
      if (t !== null) return t;
    }
    return null;
  }

  async function ofRecord(table: string, row: Row, depth = 0): Promise<string | null> {
    if (table === 'tenants' && typeof row.id === 'string') return row.id;
    if (typeof row.tenantId === 'string' && row.tenantId !== '') return row.tenantId;
    return viaParents(table, row, depth);
  }

  return {
    ofRecord: (table, row) => ofRecord(table, row),
    async ofEntry(e) {
      const named = Object.hasOwn(e.fields, 'tenantId') ? e.fields.tenantId : undefined;
      if (typeof named === 'string' && named !== '') return named;
      if (e.table === 'tenants') return e.recordId;
      const fromRecord = await byId(e.table, e.recordId, 0);
      return fromRecord ?? viaParents(e.table, e.fields, 0);
    }
  };
}
