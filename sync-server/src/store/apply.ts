/**
 * applyMutations inside one transaction (sync-protocol rules 3, 4, 6, 7).
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
 * - anything touching another tenant's record aborts the whole batch (ForbiddenError).
 */
import { randomUUID } from 'node:crypto';
import { clampHlc, INSERT_ONLY_TABLES, type Mutation, type MutationResult, type RejectReason } from '../protocol.ts';
import { ForbiddenError, type Dialect, type Queryable } from './db.ts';
import { merge, opClock, type FieldClocks, type Loser, type RecordState } from './merge.ts';
import type { TenantScope } from './types.ts';

interface RecordRow {
  tenant_id: string;
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

  const results: MutationResult[] = [];
  for (const m of mutations) {
    const seen = await tx.first('SELECT outcome FROM applied_mutations WHERE tenant_id = ? AND mutation_id = ?', [tenant, m.mutationId]);
    if (seen) {
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    const row = await tx.first<RecordRow>(
      'SELECT tenant_id, data, clocks, deleted_hlc, restored_hlc, site_id FROM records WHERE tbl = ? AND id = ?',
      [m.table, m.recordId]
    );
    if (row && row.tenant_id !== tenant) throw new ForbiddenError('record belongs to another tenant');

    const reason = policy(scope, m, row);
    if (reason) {
      await record(tx, tenant, m, 'rejected', reason, now);
      results.push({ mutationId: m.mutationId, status: 'rejected', reason });
      continue;
    }

    const { clocks, op, clamped } = fieldClocks(m, now);
    const prev: RecordState | null = row
      ? { data: JSON.parse(row.data), clocks: JSON.parse(row.clocks), deletedHlc: row.deleted_hlc, restoredHlc: row.restored_hlc }
      : null;
    const out = merge(prev, m, clocks, op);
    if (out.duplicate) {
      await record(tx, tenant, m, 'duplicate', null, now);
      results.push({ mutationId: m.mutationId, status: 'duplicate' });
      continue;
    }
    let serverSeq: number | null = null;
    if (out.next) {
      serverSeq = ++seq;
      await write(tx, tenant, m, out.next, row !== undefined, serverSeq, now);
    }
    for (const l of out.losers) await saveLoser(tx, tenant, m, l, now);
    await record(tx, tenant, m, 'applied', null, now);
    results.push({ mutationId: m.mutationId, status: 'applied', serverSeq, conflicts: out.losers.length, clamped });
  }
  if (seq !== startSeq) await tx.run('UPDATE tenant_seq SET seq = ? WHERE tenant_id = ?', [seq, tenant]);
  return results;
}

function siteOf(table: string, id: string, data: Record<string, unknown>): string | null {
  if (table === 'sites') return id;
  return typeof data.siteId === 'string' ? data.siteId : null;
}

function policy(scope: TenantScope, m: Mutation, row: RecordRow | undefined): RejectReason | null {
  const insertOnly = INSERT_ONLY_TABLES.has(m.table);
  if (insertOnly && m.op !== 'insert') return 'insert-only';
  if (!insertOnly && m.op === 'insert') return 'op-not-allowed';
  if ('tenantId' in m.fields && m.fields.tenantId !== scope.tenantId) return 'tenant-mismatch';
  // The tenant record itself is the token's own: no token may create or edit another tenant's.
  if (m.table === 'tenants' && m.recordId !== scope.tenantId) return 'tenant-mismatch';
  if (scope.siteIds !== '*') {
    const allowed = scope.siteIds;
    const target = m.table === 'sites' ? m.recordId : m.fields.siteId;
    if (row?.site_id != null && !allowed.includes(row.site_id)) return 'forbidden-site';
    if (typeof target === 'string' && !allowed.includes(target)) return 'forbidden-site';
  }
  return null;
}

/** Per-field clocks (a single clock applies to every field) and the op clock, all clamped. */
function fieldClocks(m: Mutation, now: number): { clocks: FieldClocks; op: string; clamped: boolean } {
  let clamped = false;
  const clamp = (c: string): string => {
    const cc = clampHlc(c, now);
    if (cc !== c) clamped = true;
    return cc;
  };
  const clocks: FieldClocks = {};
  for (const f of Object.keys(m.fields)) {
    const c = typeof m.hlc === 'string' ? m.hlc : m.hlc[f];
    if (c !== undefined) clocks[f] = clamp(c);
  }
  const op = clamp(typeof m.hlc === 'string' ? m.hlc : opClock(m.hlc));
  return { clocks, op, clamped };
}

async function write(tx: Queryable, tenant: string, m: Mutation, s: RecordState, exists: boolean, seq: number, now: number) {
  const p = [JSON.stringify(s.data), JSON.stringify(s.clocks), s.deletedHlc, s.restoredHlc, siteOf(m.table, m.recordId, s.data), seq, now];
  if (exists) {
    await tx.run(
      'UPDATE records SET data = ?, clocks = ?, deleted_hlc = ?, restored_hlc = ?, site_id = ?, server_seq = ?, updated_at = ? WHERE tbl = ? AND id = ?',
      [...p, m.table, m.recordId]
    );
    return;
  }
  const n = await tx.run(
    `INSERT INTO records (data, clocks, deleted_hlc, restored_hlc, site_id, server_seq, updated_at, tbl, id, tenant_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, id) DO NOTHING`,
    [...p, m.table, m.recordId, tenant]
  );
  // Our tenant is locked, so a row that appeared meanwhile was created by another tenant.
  if (n === 0) throw new ForbiddenError('record belongs to another tenant');
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
