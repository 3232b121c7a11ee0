/**
 * The blob sweep (run with tombstone collection, ops/gc-run.ts): drops partial uploads nobody
 * finished and complete blobs no record names any more, tenant by tenant.
 *
 * Ages are measured from `blobs.touched_at` (migration 005), which blobs.ts moves forward at every
 * touch (an accepted chunk, an uploader's HEAD or PUT).
 *
 * Invariants:
 * - per tenant: a tenant's blobs are only ever checked against that tenant's own records;
 * - a partial upload (complete = 0) goes only when untouched for `partialMaxAgeMs`; it is never
 *   served, and an uploader that comes back is told to start at 0 (HEAD 404, or PUT 409 received 0);
 * - a complete blob goes only when untouched for `graceMs` AND no record of its tenant, live or
 *   tombstoned, of any table, and no value its conflicts recorded (restorable from /conflicts),
 *   names its hash: any run of exactly 64 hex digits in a record's data
 *   counts (attachments name `sha256`/`thumbSha256`, drivers their `sha256`; a false match only
 *   keeps a blob);
 * - no committed record naming a hash is missed: records are scanned without a lock, then every
 *   record changed since the scan began (server_seq above the tenant's seq read first; a changed
 *   record always gets a new seq) is read again inside the deleting transaction, which first takes
 *   the tenant's tenant_seq row lock, the lock every push takes (FOR UPDATE on PostgreSQL, one
 *   writer on SQLite); a push after that transaction names a blob that is gone, and the tablet,
 *   which HEADs after pushing, uploads it again;
 * - the deleting transaction re-reads each blob's row (locked on PostgreSQL) with the same
 *   conditions, so a blob touched meanwhile stays, and one another server's sweep dropped first
 *   is neither dropped nor counted twice; rows are locked in hash order, so two sweeps never
 *   deadlock on each other.
 */
import type { Db, Queryable } from './db.ts';

export interface BlobSweepOptions {
  now: number;
  /** Complete blobs untouched this long and named by no record go (default 7 days). */
  graceMs?: number;
  /** Unfinished uploads untouched this long go (default 24 h). */
  partialMaxAgeMs?: number;
}

export interface BlobSweepResult {
  /** Tenants where something was dropped. */
  tenants: number;
  partial: { count: number; bytes: number };
  /** Complete blobs no record names any more. */
  unreferenced: { count: number; bytes: number };
}

const HOUR_MS = 3_600_000;
export const DEFAULT_BLOB_GRACE_MS = 7 * 24 * HOUR_MS;
export const DEFAULT_PARTIAL_MAX_AGE_MS = 24 * HOUR_MS;
/** Records read per page of the reference scan (rows are at most 256 KiB). */
const SCAN_PAGE = 200;
/** Blobs dropped per transaction: keeps the tenant's push lock short. */
const DELETE_BATCH = 100;
const HASH_RUN = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;

/** Removes from `candidates` every hash named in `data`. */
function strike(candidates: Set<string>, data: string): void {
  for (const m of data.matchAll(HASH_RUN)) candidates.delete(m[0].toLowerCase());
}

type Freed = { count: number; bytes: number };

function add(to: Freed, n: Freed): void {
  to.count += n.count;
  to.bytes += n.bytes;
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += DELETE_BATCH) out.push(items.slice(i, i + DELETE_BATCH));
  return out;
}

/** Drops the blob when its row still matches `complete` and `touched_at < cutoff`; the bytes it held, or null. */
async function dropIf(tx: Queryable, lock: string, tenant: string, sha256: string, complete: 0 | 1, cutoff: number): Promise<number | null> {
  const row = await tx.first<{ received: number | string }>(
    `SELECT received FROM blobs WHERE tenant_id = ? AND sha256 = ? AND complete = ? AND touched_at < ?${lock}`,
    [tenant, sha256, complete, cutoff]
  );
  if (!row) return null;
  await tx.run('DELETE FROM blob_chunks WHERE tenant_id = ? AND sha256 = ?', [tenant, sha256]);
  await tx.run('DELETE FROM blobs WHERE tenant_id = ? AND sha256 = ?', [tenant, sha256]);
  return Number(row.received);
}

/** Drops those of `shas` still matching; counted after the commit (PostgreSQL may run a transaction again). */
async function dropEach(tx: Queryable, lock: string, tenant: string, shas: Iterable<string>, complete: 0 | 1, cutoff: number): Promise<Freed> {
  const n: Freed = { count: 0, bytes: 0 };
  for (const sha of shas) {
    const bytes = await dropIf(tx, lock, tenant, sha, complete, cutoff);
    if (bytes === null) continue;
    n.count++;
    n.bytes += bytes;
  }
  return n;
}

/** Unfinished uploads untouched since `cutoff`: never served, so no reference check and no push lock. */
async function sweepPartials(db: Db, lock: string, tenant: string, cutoff: number, into: Freed): Promise<void> {
  const rows = await db.all<{ sha256: string }>('SELECT sha256 FROM blobs WHERE tenant_id = ? AND complete = 0 AND touched_at < ? ORDER BY sha256', [tenant, cutoff]);
  for (const batch of batches(rows.map((r) => r.sha256))) add(into, await db.transaction((tx) => dropEach(tx, lock, tenant, batch, 0, cutoff)));
}

/**
 * Conflicts are recorded by pushes, under the push lock, stamped with the pushing server's clock:
 * those recorded since the unlocked scan began are re-read under the lock from this long before
 * the sweep's `now` (servers' clocks and a slow push's duration fit well inside it).
 */
const CONFLICT_MARGIN_MS = 10 * 60_000;

/** Strikes the hashes named by the tenant's recorded conflict values created at or after `since`. */
async function strikeConflicts(q: Queryable, tenant: string, since: number, candidates: Set<string>): Promise<void> {
  for (const c of await q.all<{ value: string | null }>('SELECT value FROM conflicts WHERE tenant_id = ? AND created_at >= ? AND value IS NOT NULL', [tenant, since])) strike(candidates, c.value!);
}

/** Complete blobs untouched since `cutoff` that no record or recorded conflict of the tenant names (see the header). */
async function sweepUnreferenced(db: Db, lock: string, tenant: string, cutoff: number, now: number, into: Freed): Promise<void> {
  const old = await db.all<{ sha256: string }>('SELECT sha256 FROM blobs WHERE tenant_id = ? AND complete = 1 AND touched_at < ? ORDER BY sha256', [tenant, cutoff]);
  const candidates = new Set(old.map((r) => r.sha256));
  if (candidates.size === 0) return;
  // Without the lock, by primary key: every record as it stands; those changed meanwhile get a
  // server_seq above `seenSeq` and are read again under the lock.
  let seenSeq = Number((await db.first<{ seq: number | string }>('SELECT seq FROM tenant_seq WHERE tenant_id = ?', [tenant]))?.seq ?? 0);
  for (let after: [string, string] = ['', '']; candidates.size > 0; ) {
    const page = await db.all<{ tbl: string; id: string; data: string }>(
      'SELECT tbl, id, data FROM records WHERE tenant_id = ? AND (tbl > ? OR (tbl = ? AND id > ?)) ORDER BY tbl, id LIMIT ?',
      [tenant, after[0], after[0], after[1], SCAN_PAGE]
    );
    for (const r of page) strike(candidates, r.data);
    if (page.length < SCAN_PAGE) break;
    const last = page[page.length - 1]!;
    after = [last.tbl, last.id];
  }
  // A value that lost a concurrent edit can be put back from /conflicts: it still names its blob.
  await strikeConflicts(db, tenant, 0, candidates);
  for (const batch of batches([...candidates])) {
    const r = await db.transaction(async (tx) => {
      // The lock pushes take (apply.ts); the row may not exist yet for a tenant that never pushed.
      await tx.run('INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING', [tenant]);
      const seq = Number((await tx.first<{ seq: number | string }>(`SELECT seq FROM tenant_seq WHERE tenant_id = ?${lock}`, [tenant]))?.seq ?? 0);
      for (const c of await tx.all<{ data: string }>('SELECT data FROM records WHERE tenant_id = ? AND server_seq > ?', [tenant, seenSeq])) strike(candidates, c.data);
      await strikeConflicts(tx, tenant, now - CONFLICT_MARGIN_MS, candidates);
      return { seq, freed: await dropEach(tx, lock, tenant, batch.filter((sha) => candidates.has(sha)), 1, cutoff) };
    });
    // Under the lock every record up to `seq` was committed, and has now been read.
    seenSeq = r.seq;
    add(into, r.freed);
  }
}

export async function sweepBlobs(db: Db, opts: BlobSweepOptions): Promise<BlobSweepResult> {
  const graceMs = opts.graceMs ?? DEFAULT_BLOB_GRACE_MS;
  const partialMs = opts.partialMaxAgeMs ?? DEFAULT_PARTIAL_MAX_AGE_MS;
  if (!(graceMs >= HOUR_MS) || !(partialMs >= HOUR_MS)) throw new Error('the blob grace period and the partial upload age must be at least an hour');
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const graceCutoff = opts.now - graceMs;
  const partialCutoff = opts.now - partialMs;
  const out: BlobSweepResult = { tenants: 0, partial: { count: 0, bytes: 0 }, unreferenced: { count: 0, bytes: 0 } };
  const tenants = await db.all<{ tenant_id: string }>(
    'SELECT DISTINCT tenant_id FROM blobs WHERE (complete = 0 AND touched_at < ?) OR (complete = 1 AND touched_at < ?) ORDER BY tenant_id',
    [partialCutoff, graceCutoff]
  );
  for (const { tenant_id: tenant } of tenants) {
    const before = out.partial.count + out.unreferenced.count;
    await sweepPartials(db, lock, tenant, partialCutoff, out.partial);
    await sweepUnreferenced(db, lock, tenant, graceCutoff, opts.now, out.unreferenced);
    if (out.partial.count + out.unreferenced.count > before) out.tenants++;
  }
  return out;
}
