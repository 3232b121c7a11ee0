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
 *
 * Round trips are per batch, not per mutation (PostgreSQL push was bound by them): after the
 * lock, one query reads the batch's known mutation ids and one per table its records; the loop
 * then works on that snapshot (`Batch`), which it updates as it goes, so a later mutation of the
 * batch sees an earlier one's effects exactly as a fresh read would (the same JSON text, the
 * same site); records, conflicts and outcomes are written at the end with multi-row
 * statements, a record changed twice only in its last state (with the last seq it got). The
 * lock is held from before the reads to the commit, so no other push can change the snapshot.
 */
import { randomUUID } from 'node:crypto';
import { HLC_RE, INSERT_ONLY_TABLES, MAX_DRIFT_MS, type Mutation, type MutationResult, type RejectReason } from '../protocol.ts';
import { PARENTS, SHARED_TABLES, TEAM_TABLES } from '../../../src/lib/sync/tables.ts';
import { ForbiddenError, type Dialect, type Queryable } from './db.ts';
import { merge, opClock, own, type FieldClocks, type Loser, type RecordState } from '../../../src/lib/sync/protocol/merge-rule.ts';
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
  const by = scope.userId ?? null; // who made the change (issue 9): the token's account
  await tx.run('INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING', [tenant]);
  const lock = dialect === 'postgres' ? ' FOR UPDATE' : '';
  const seqRow = await tx.first<{ seq: number | string }>(`SELECT seq FROM tenant_seq WHERE tenant_id = ?${lock}`, [tenant]);
  const startSeq = Number(seqRow?.seq ?? 0);
  let seq = startSeq;
  const marks = new ClockMarks(tx, tenant);
  const batch = await Batch.load(tx, tenant, mutations);

  const results: MutationResult[] = [];
  for (const m of mutations) {
    if (batch.applied.has(m.mutationId)) {
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    const row = batch.record(m.table, m.recordId);
    const reject = (reason: RejectReason) => {
      batch.outcome(m, 'rejected', reason, now, by);
      results.push({ mutationId: m.mutationId, status: 'rejected', reason });
    };
    const reason = policy(scope, m, row);
    if (reason) {
      reject(reason);
      continue;
    }

    const { clocks, op, clamped } = await fieldClocks(m, now, marks);
    const prev: RecordState | null = row
      ? { data: JSON.parse(row.data), clocks: JSON.parse(row.clocks), deletedHlc: row.deleted_hlc, restoredHlc: row.restored_hlc }
      : null;
    const out = merge(prev, m, clocks, op);
    if (out.duplicate) {
      batch.outcome(m, 'duplicate', null, now, by);
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    const site = await siteOf(batch, m.table, m.recordId, (out.next ?? prev)?.data ?? {});
    if (scope.siteIds !== '*' && !(site === null && SHARED_TABLES.has(m.table)) && (site === null || !scope.siteIds.includes(site))) {
      reject('forbidden-site');
      continue;
    }
    let serverSeq: number | null = null;
    if (out.next) {
      serverSeq = ++seq;
      batch.write(m, out.next, site, serverSeq, now, by);
    }
    for (const l of out.losers) batch.loser(m, l, now);
    batch.outcome(m, 'applied', null, now, by);
    const res: MutationResult = { mutationId: m.mutationId, status: 'applied', serverSeq, conflicts: out.losers.length, clamped };
    if (clamped) res.stored = storedClocks(m, clocks, op);
    results.push(res);
  }
  await batch.flush();
  if (seq !== startSeq) await tx.run('UPDATE tenant_seq SET seq = ? WHERE tenant_id = ?', [seq, tenant]);
  await marks.save();
  return results;
}

/** Rows per multi-row statement or IN list: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 400;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

const placeholders = (n: number, width: number): string => {
  const one = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: n }, () => one).join(', ');
};

const RECORD_COLS = 'tenant_id, tbl, id, data, clocks, deleted_hlc, restored_hlc, site_id, server_seq, updated_at, updated_by';
const CONFLICT_COLS = 'id, tenant_id, tbl, record_id, field, value, hlc, winner_hlc, side, reason, mutation_id, client_id, created_at';
const OUTCOME_COLS = 'tenant_id, mutation_id, client_id, client_seq, outcome, reason, applied_at, user_id';
const keyOf = (table: string, id: string): string => `${table}\u0000${id}`;

/** One batch's view of the tenant's records and mutation ids, and its buffered writes. */
class Batch {
  /** Mutation ids recorded before this batch or earlier in it. */
  readonly applied = new Set<string>();
  /** (table, id) → the row as a read would return it now; null: no such record. */
  private readonly rows = new Map<string, RecordRow | null>();
  private readonly writes = new Map<string, unknown[]>();
  private readonly losers: unknown[][] = [];
  private readonly outcomes: unknown[][] = [];

  private constructor(readonly tx: Queryable, readonly tenant: string) {}

  static async load(tx: Queryable, tenant: string, mutations: readonly Mutation[]): Promise<Batch> {
    const b = new Batch(tx, tenant);
    for (const ids of chunks([...new Set(mutations.map((m) => m.mutationId))])) {
      const got = await tx.all<{ mutation_id: string }>(
        `SELECT mutation_id FROM applied_mutations WHERE tenant_id = ? AND mutation_id IN (${ids.map(() => '?').join(', ')})`,
        [tenant, ...ids]
      );
      for (const r of got) b.applied.add(r.mutation_id);
    }
    // The records written, and the parents their new fields name (siteOf reads those).
    const wanted = new Map<string, Set<string>>();
    const want = (t: string, id: string) => (wanted.get(t) ?? wanted.set(t, new Set()).get(t)!).add(id);
    for (const m of mutations) {
      want(m.table, m.recordId);
      for (const [field, parent] of PARENTS[m.table] ?? []) {
        const ref = own(m.fields, field);
        if (typeof ref === 'string') want(parent, ref);
      }
    }
    for (const [t, set] of wanted) await b.read(t, [...set]);
    return b;
  }

  private async read(table: string, ids: readonly string[]): Promise<void> {
    for (const part of chunks(ids)) {
      const got = await this.tx.all<RecordRow & { id: string }>(
        `SELECT id, data, clocks, deleted_hlc, restored_hlc, site_id FROM records WHERE tenant_id = ? AND tbl = ? AND id IN (${part.map(() => '?').join(', ')})`,
        [this.tenant, table, ...part]
      );
      for (const id of part) this.rows.set(keyOf(table, id), null);
      for (const r of got) this.rows.set(keyOf(table, r.id), r);
    }
  }

  record(table: string, id: string): RecordRow | undefined {
    return this.rows.get(keyOf(table, id)) ?? undefined;
  }

  /** A row not read by `load` (a parent named only by the stored data): read it once. */
  async fetch(table: string, id: string): Promise<RecordRow | undefined> {
    if (!this.rows.has(keyOf(table, id))) await this.read(table, [id]);
    return this.record(table, id);
  }

  write(m: Mutation, s: RecordState, site: string | null, seq: number, now: number, by: string | null): void {
    const data = JSON.stringify(s.data), clocks = JSON.stringify(s.clocks);
    const key = keyOf(m.table, m.recordId);
    this.rows.set(key, { data, clocks, deleted_hlc: s.deletedHlc, restored_hlc: s.restoredHlc, site_id: site });
    this.writes.delete(key); // re-inserted, so rows are written in the order of their last seq
    this.writes.set(key, [this.tenant, m.table, m.recordId, data, clocks, s.deletedHlc, s.restoredHlc, site, seq, now, by]);
  }

  loser(m: Mutation, l: Loser, now: number): void {
    this.losers.push([randomUUID(), this.tenant, m.table, m.recordId, l.field, JSON.stringify(l.value ?? null), l.hlc, l.winnerHlc, l.side, l.reason, m.mutationId, m.clientId, now]);
  }

  outcome(m: Mutation, outcome: string, reason: string | null, now: number, by: string | null): void {
    this.applied.add(m.mutationId);
    this.outcomes.push([this.tenant, m.mutationId, m.clientId, m.clientSeq, outcome, reason, now, by]);
  }

  async flush(): Promise<void> {
    for (const part of chunks([...this.writes.values()])) {
      await this.tx.run(
        `INSERT INTO records (${RECORD_COLS}) VALUES ${placeholders(part.length, 11)}
         ON CONFLICT (tenant_id, tbl, id) DO UPDATE SET data = excluded.data, clocks = excluded.clocks,
           deleted_hlc = excluded.deleted_hlc, restored_hlc = excluded.restored_hlc, site_id = excluded.site_id,
           server_seq = excluded.server_seq, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        part.flat()
      );
    }
    for (const part of chunks(this.losers)) await this.tx.run(`INSERT INTO conflicts (${CONFLICT_COLS}) VALUES ${placeholders(part.length, 13)}`, part.flat());
    for (const part of chunks(this.outcomes)) await this.tx.run(`INSERT INTO applied_mutations (${OUTCOME_COLS}) VALUES ${placeholders(part.length, 8)}`, part.flat());
  }
}

async function siteOf(batch: Batch, table: string, id: string, data: Record<string, unknown>): Promise<string | null> {
  if (table === 'sites') return id;
  if (TEAM_TABLES.has(table)) return null;
  const direct = Object.hasOwn(data, 'siteId') ? data.siteId : undefined;
  if (typeof direct === 'string') return direct;
  for (const [field, parent] of PARENTS[table] ?? []) {
    const ref = Object.hasOwn(data, field) ? data[field] : undefined;
    if (typeof ref !== 'string') continue;
    const p = await batch.fetch(parent, ref);
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
