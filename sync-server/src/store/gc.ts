/**
 * Tombstone collection (sync-protocol rule 6): a tombstone unchanged for TOMBSTONE_TTL_DAYS is
 * removed, and the tenant's horizon `tombstone_gc.gc_seq` rises to the highest server_seq removed.
 *
 * Invariants:
 * - only tombstones go: a row is removed only while `deleted_hlc IS NOT NULL` and its last change
 *   (`updated_at`) is older than the cutoff; live rows, restored rows and young tombstones stay;
 * - per tenant, the removal and the horizon commit in one transaction that first locks the
 *   tenant's `tenant_seq` row (FOR UPDATE on PostgreSQL, SQLite has one writer), the lock pushes
 *   take, so no push interleaves;
 * - a pull from a cursor c with 0 < c < gc_seq may have missed a removed tombstone, so it is
 *   refused (GoneError → 410 resync-required); cursor 0 is a clean pull and is always served, and
 *   so are the later pages of a clean pull (`resync=1`: its sweep covers anything missed). The
 *   pull reads the horizon AFTER its rows: if its rows query saw a removal, the horizon read
 *   after it sees the horizon that committed with it, so no pull misses a tombstone silently;
 * - the horizon only rises.
 */
import type { Db, Queryable } from './db.ts';

export const DEFAULT_TOMBSTONE_TTL_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

/** A pull from a cursor older than the tenant's collection horizon: the tablet must resync. */
export class GoneError extends Error {
  readonly statusCode = 410;
  constructor(readonly horizon: number) {
    super('cursor older than the tombstone collection horizon: resync from 0');
    this.name = 'GoneError';
  }
}

export interface GcResult {
  tenants: number;
  collected: number;
}

export async function collectTombstones(db: Db, opts: { now: number; ttlDays?: number }): Promise<GcResult> {
  const ttl = opts.ttlDays ?? DEFAULT_TOMBSTONE_TTL_DAYS;
  if (!Number.isFinite(ttl) || ttl < 1) throw new Error(`TOMBSTONE_TTL_DAYS must be at least 1, got ${ttl}`);
  const cutoff = opts.now - ttl * DAY_MS;
  const tenants = await db.all<{ tenant_id: string }>(
    'SELECT DISTINCT tenant_id FROM records WHERE deleted_hlc IS NOT NULL AND updated_at < ?',
    [cutoff]
  );
  const out: GcResult = { tenants: 0, collected: 0 };
  for (const { tenant_id: tenant } of tenants) {
    const n = await db.transaction(async (tx) => {
      await tx.first(`SELECT seq FROM tenant_seq WHERE tenant_id = ?${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [tenant]);
      const top = await tx.first<{ m: number | string | null }>(
        'SELECT MAX(server_seq) AS m FROM records WHERE tenant_id = ? AND deleted_hlc IS NOT NULL AND updated_at < ?',
        [tenant, cutoff]
      );
      if (top?.m === null || top?.m === undefined) return 0;
      const removed = await tx.run('DELETE FROM records WHERE tenant_id = ? AND deleted_hlc IS NOT NULL AND updated_at < ?', [tenant, cutoff]);
      await tx.run(
        `INSERT INTO tombstone_gc (tenant_id, gc_seq, collected_at) VALUES (?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET gc_seq = CASE WHEN excluded.gc_seq > tombstone_gc.gc_seq THEN excluded.gc_seq ELSE tombstone_gc.gc_seq END,
         collected_at = excluded.collected_at`,
        [tenant, Number(top.m), opts.now]
      );
      return removed;
    });
    if (n > 0) {
      out.tenants++;
      out.collected += n;
    }
  }
  return out;
}

/** The tenant's collection horizon (0 when nothing was ever collected). */
export async function gcHorizon(q: Queryable, tenant: string): Promise<number> {
  const row = await q.first<{ gc_seq: number | string }>('SELECT gc_seq FROM tombstone_gc WHERE tenant_id = ?', [tenant]);
  return Number(row?.gc_seq ?? 0);
}

/** Throws GoneError when a pull from `cursor` may have missed a collected tombstone. */
export async function checkHorizon(q: Queryable, tenant: string, cursor: number): Promise<void> {
  if (cursor === 0) return;
  const h = await gcHorizon(q, tenant);
  if (cursor < h) throw new GoneError(h);
}

/**
 * Runs collection (ops/gc-run.ts) now and then every `everyMs` (daily) until the returned stop is
 * called. Errors are reported, never thrown: a failed run is retried at the next tick.
 */
export function scheduleGc<R>(run: () => Promise<R>, report: (r: R | Error) => void, everyMs = DAY_MS): () => void {
  const once = () => run().then(report, (e: unknown) => report(e instanceof Error ? e : new Error(String(e))));
  void once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
