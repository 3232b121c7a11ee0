/**
 * applyMutations inside one transaction (sync-protocol rules 3, 4, 5, 6, 7, 9, 10).
 *
 * Invariants:
 * - the tenant's `tenant_seq` row is locked first (FOR UPDATE on PostgreSQL; SQLite has one
 *   writer), so a tenant's pushes are serialised: server_seq values commit in increasing order
 *   and a pull never skips a row committed later with a smaller seq;
 * - a mutation id already in `applied_mutations` is answered `duplicate` and does nothing; a
 *   new one is recorded in the same transaction as its effects, so the dedupe row commits
 *   with them or not at all (two parallel pushes of one batch: the second waits, then sees it).
 *   Rejections are recorded too, so a retried rejected mutation is answered `duplicate`;
 * - every record that changes gets the next server_seq; unchanged records keep theirs;
 * - every row is keyed by (tenant, table, id) (rule 10): another tenant's ids are invisible, a
 *   tenant may use any id, and no answer says whether an id exists elsewhere;
 * - clamping (rules 5, 9): a clock more than MAX_DRIFT_MS ahead of the server becomes
 *   max(now + MAX_DRIFT_MS with its own counter, the node's last clamped clock + 1 counter),
 *   node part kept. `clock_marks` holds each node's last clamped clock, so one node's clamped
 *   clocks are distinct and rise in the order they arrive, within a push and across pushes (a
 *   tablet pushes in clientSeq order, which is its clock order). The reply's `stored` then
 *   names every field's clock (and the op clock under '') so the tablet adopts them;
 * - site-limited tokens (rule 7, issue 9 bug 8). A row's site is its `siteId`, a site's own id,
 *   or, for rows that hang off another (labels → device, label events → device or label,
 *   checks → panel), the parent's site when written (a parent moving later does not move it).
 *   Team tables (TEAM_TABLES) are read by every token of the tenant and written only by tokens
 *   for all sites. Any other row is seen and written by a site token only while its site, before
 *   and after the write, is one of the token's; a siteless row is outside every site, and naming
 *   a site outside the scope (or null) is 'forbidden-site'.
 */
import { randomUUID } from 'node:crypto';
import { HLC_RE, INSERT_ONLY_TABLES, MAX_DRIFT_MS, type Mutation, type MutationResult, type RejectReason } from '../protocol.ts';
import { PARENTS, SHARED_TABLES, TEAM_TABLES } from '../../../src/lib/sync/tables.ts';
import { ForbiddenError, type Dialect, type Queryable } from './db.ts';
import { merge, opClock, own, type FieldClocks, type Loser, type RecordState } from './merge.ts';
import type { TenantScope } from './types.ts';


interface RecordRow {
  data: string;
  clocks: string;
  deleted_hlc: string | null;
  restored_hlc: string | null;
  site_id: string | null;
  [k: string]: unknown;
}

export async function applyBatch(
  tx: Queryable,
  dialect: Dialect,
  scope: TenantScope,
  mutations: readonly Mutation[],
  now: number
): Promise<MutationResult[]> {
  if (scope.clientId && mutations.some((m) => m.clientId !== scope.clientId)) {
    throw new ForbiddenError('mutation clientId does not match the token');
  }
  const tenant = scope.tenantId;
  await tx.run('INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING', [tenant]);
  const lock = dialect === 'postgres' ? ' FOR UPDATE' : '';
  const seqRow = await tx.first<{ seq: number | string }>(`SELECT seq FROM tenant_seq WHERE tenant_id = ?${lock}`, [tenant]);
  const startSeq = Number(seqRow?.seq ?? 0);
  let seq = startSeq;
  const marks = new ClockMarks(tx, tenant);

  const results: MutationResult[] = [];
  for (const m of mutations) {
    const seen = await tx.first('SELECT outcome FROM applied_mutations WHERE tenant_id = ? AND mutation_id = ?', [tenant, m.mutationId]);
    if (seen) {
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    const row = await tx.first<RecordRow>(
      'SELECT data, clocks, deleted_hlc, restored_hlc, site_id FROM records WHERE tenant_id = ? AND tbl = ? AND id = ?',
      [tenant, m.table, m.recordId]
    );
    const reject = async (reason: RejectReason) => {
      await record(tx, tenant, m, 'rejected', reason, now);
      results.push({ mutationId: m.mutationId, status: 'rejected', reason });
    };
    const reason = policy(scope, m, row);
    if (reason) {
      await reject(reason);
      continue;
    }

    const { clocks, op, clamped } = await fieldClocks(m, now, marks);
    const prev: RecordState | null = row
      ? { data: JSON.parse(row.data), clocks: JSON.parse(row.clocks), deletedHlc: row.deleted_hlc, restoredHlc: row.restored_hlc }
      : null;
    const out = merge(prev, m, clocks, op);
    if (out.duplicate) {
      await record(tx, tenant, m, 'duplicate', null, now);
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    const site = await siteOf(tx, tenant, m.table, m.recordId, (out.next ?? prev)?.data ?? {});
    if (scope.siteIds !== '*' && !(site === null && SHARED_TABLES.has(m.table)) && (site === null || !scope.siteIds.includes(site))) {
      await reject('forbidden-site');
      continue;
    }
    let serverSeq: number | null = null;
    if (out.next) {
      serverSeq = ++seq;
      await write(tx, tenant, m, out.next, site, row !== undefined, serverSeq, now);
    }
    for (const l of out.losers) await saveLoser(tx, tenant, m, l, now);
    await record(tx, tenant, m, 'applied', null, now);
    const res: MutationResult = { mutationId: m.mutationId, status: 'applied', serverSeq, conflicts: out.losers.length, clamped };
    if (clamped) res.stored = storedClocks(m, clocks, op);
    results.push(res);
  }
  if (seq !== startSeq) await tx.run('UPDATE tenant_seq SET seq = ? WHERE tenant_id = ?', [seq, tenant]);
  await marks.save();
  return results;
}

async function siteOf(tx: Queryable, tenant: string, table: string, id: string, data: Record<string, unknown>): Promise<string | null> {
  if (table === 'sites') return id;
  if (TEAM_TABLES.has(table)) return null;
  const direct = Object.hasOwn(data, 'siteId') ? data.siteId : undefined;
  if (typeof direct === 'string') return direct;
  for (const [field, parent] of PARENTS[table] ?? []) {
    const ref = Object.hasOwn(data, field) ? data[field] : undefined;
    if (typeof ref !== 'string') continue;
    const p = await tx.first<{ site_id: string | null }>('SELECT site_id FROM records WHERE tenant_id = ? AND tbl = ? AND id = ?', [tenant, parent, ref]);
    if (p) return p.site_id;
  }
  return null;
}

function policy(scope: TenantScope, m: Mutation, row: RecordRow | undefined): RejectReason | null {
  const insertOnly = INSERT_ONLY_TABLES.has(m.table);
  if (insertOnly && m.op !== 'insert') return 'insert-only';
  if (!insertOnly && m.op === 'insert') return 'op-not-allowed';
  if (Object.hasOwn(m.fields, 'tenantId') && m.fields.tenantId !== scope.tenantId) return 'tenant-mismatch';
  // The tenant record itself is the token's own: no token may create or edit another tenant's.
  if (m.table === 'tenants' && m.recordId !== scope.tenantId) return 'tenant-mismatch';
  if (scope.siteIds !== '*') {
    const allowed = scope.siteIds;
    if (TEAM_TABLES.has(m.table)) return 'forbidden-site';
    const shared = SHARED_TABLES.has(m.table);
    if (row && !(shared && row.site_id === null) && (row.site_id === null || !allowed.includes(row.site_id))) return 'forbidden-site';
    if (m.table === 'sites' && !allowed.includes(m.recordId)) return 'forbidden-site';
    if (Object.hasOwn(m.fields, 'siteId')) {
      const target = m.fields.siteId;
      if (!(shared && target === null) && (typeof target !== 'string' || !allowed.includes(target))) return 'forbidden-site';
    }
  }
  return null;
}

/** A node's last clamped clock, read once per batch and written back at its end. */
class ClockMarks {
  private readonly marks = new Map<string, string | null>();
  private readonly dirty = new Set<string>();
  constructor(private readonly tx: Queryable, private readonly tenant: string) {}

  async last(node: string): Promise<string | null> {
    if (!this.marks.has(node)) {
      const row = await this.tx.first<{ hlc: string }>('SELECT hlc FROM clock_marks WHERE tenant_id = ? AND node = ?', [this.tenant, node]);
      this.marks.set(node, row?.hlc ?? null);
    }
    return this.marks.get(node) ?? null;
  }

  set(node: string, hlc: string): void {
    this.marks.set(node, hlc);
    this.dirty.add(node);
  }

  async save(): Promise<void> {
    for (const node of this.dirty) {
      await this.tx.run(
        'INSERT INTO clock_marks (tenant_id, node, hlc) VALUES (?, ?, ?) ON CONFLICT (tenant_id, node) DO UPDATE SET hlc = excluded.hlc',
        [this.tenant, node, this.marks.get(node)]
      );
    }
  }
}

const fmt = (wall: number, counter: number, node: string) =>
  `${String(wall).padStart(15, '0')}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;

/** The clock right after `hlc` on the same node. */
function bump(hlc: string): string {
  const [, wall, counter, node] = HLC_RE.exec(hlc)!;
  const c = parseInt(counter!, 16) + 1;
  return c > 0xffff ? fmt(Number(wall) + 1, 0, node!) : fmt(Number(wall), c, node!);
}

/**
 * Per-field clocks (a single clock applies to every field) and the op clock. Clocks too far
 * ahead are clamped in ascending order, so one mutation's clocks keep their order too.
 */
async function fieldClocks(m: Mutation, now: number, marks: ClockMarks): Promise<{ clocks: FieldClocks; op: string; clamped: boolean }> {
  const raw: FieldClocks = {};
  for (const f of Object.keys(m.fields)) {
    const c = typeof m.hlc === 'string' ? m.hlc : own(m.hlc, f);
    if (c !== undefined) raw[f] = c;
  }
  const rawOp = typeof m.hlc === 'string' ? m.hlc : opClock(m.hlc);
  const limit = now + MAX_DRIFT_MS;
  const future = [...new Set([...Object.values(raw), rawOp])].filter((c) => Number(HLC_RE.exec(c)?.[1] ?? 0) > limit).sort();
  const mapped = new Map<string, string>();
  for (const c of future) {
    const [, , counter, node] = HLC_RE.exec(c)!;
    const last = await marks.last(node!);
    const candidate = fmt(limit, parseInt(counter!, 16), node!);
    const next = last !== null && bump(last) > candidate ? bump(last) : candidate;
    marks.set(node!, next);
    mapped.set(c, next);
  }
  const clocks: FieldClocks = {};
  for (const [f, c] of Object.entries(raw)) clocks[f] = mapped.get(c) ?? c;
  return { clocks, op: mapped.get(rawOp) ?? rawOp, clamped: mapped.size > 0 };
}

/** What the reply tells the tablet: every field's stored clock, and the op clock of a delete or restore. */
function storedClocks(m: Mutation, clocks: FieldClocks, op: string): Record<string, string> {
  const out: Record<string, string> = { ...clocks };
  if (m.op === 'delete' || m.op === 'restore') out[''] = op;
  return out;
}

async function write(tx: Queryable, tenant: string, m: Mutation, s: RecordState, site: string | null, exists: boolean, seq: number, now: number) {
  const p = [JSON.stringify(s.data), JSON.stringify(s.clocks), s.deletedHlc, s.restoredHlc, site, seq, now, tenant, m.table, m.recordId];
  if (exists) {
    await tx.run(
      `UPDATE records SET data = ?, clocks = ?, deleted_hlc = ?, restored_hlc = ?, site_id = ?, server_seq = ?, updated_at = ?
       WHERE tenant_id = ? AND tbl = ? AND id = ?`,
      p
    );
    return;
  }
  await tx.run(
    `INSERT INTO records (data, clocks, deleted_hlc, restored_hlc, site_id, server_seq, updated_at, tenant_id, tbl, id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    p
  );
}

async function saveLoser(tx: Queryable, tenant: string, m: Mutation, l: Loser, now: number) {
  await tx.run(
    `INSERT INTO conflicts (id, tenant_id, tbl, record_id, field, value, hlc, winner_hlc, side, reason, mutation_id, client_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), tenant, m.table, m.recordId, l.field, JSON.stringify(l.value ?? null), l.hlc, l.winnerHlc, l.side, l.reason, m.mutationId, m.clientId, now]
  );
}

async function record(tx: Queryable, tenant: string, m: Mutation, outcome: string, reason: string | null, now: number) {
  await tx.run(
    `INSERT INTO applied_mutations (tenant_id, mutation_id, client_id, client_seq, outcome, reason, applied_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [tenant, m.mutationId, m.clientId, m.clientSeq, outcome, reason, now]
  );
}
