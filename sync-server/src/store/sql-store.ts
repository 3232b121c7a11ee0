/**
 * The Store, written once over the Db wrapper. SQLite and PostgreSQL differ only in their Db
 * adapter (sqlite.ts, postgres.ts), the lock clause in apply.ts and dialect-specific migration
 * files, so both databases run exactly the same sync logic and the same test suite.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PullPage } from '../protocol.ts';
import { applyBatch } from './apply.ts';
import type { Db } from './db.ts';
import { migrate, schemaVersion } from './migrate.ts';
import type { Conflict, Store, TenantScope, TokenScope } from './types.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function siteFilter(scope: TenantScope): { sql: string; params: string[] } {
  if (scope.siteIds === '*') return { sql: '', params: [] };
  if (scope.siteIds.length === 0) return { sql: ' AND site_id IS NULL', params: [] };
  return { sql: ` AND (site_id IS NULL OR site_id IN (${scope.siteIds.map(() => '?').join(', ')}))`, params: [...scope.siteIds] };
}

export function createSqlStore(db: Db, opts: { schema?: string } = {}): Store {
  const kind = db.dialect;
  return {
    kind,
    migrate: (o) => migrate(db, { ...o, schema: opts.schema }),

    async health() {
      return { ok: true, store: kind, schemaVersion: await schemaVersion(db) };
    },

    async createTenant({ id = randomUUID(), name }) {
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', [id, name, Date.now()]);
        await tx.run('INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, 0)', [id]);
      });
      return { id, name };
    },

    async createSite({ tenantId, id = randomUUID(), name }) {
      await db.run('INSERT INTO sites (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)', [id, tenantId, name, Date.now()]);
      return { id, tenantId, name };
    },

    async createUser({ tenantId, id = randomUUID(), name, role = 'technician' }) {
      await db.run('INSERT INTO users (id, tenant_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)', [id, tenantId, name, role, Date.now()]);
      return { id, tenantId, name, role };
    },

    async createToken({ tenantId, userId = null, siteIds, clientId = null, expiresAt = null }) {
      const id = randomUUID();
      const token = `aw_${randomBytes(32).toString('base64url')}`;
      await db.run(
        `INSERT INTO api_tokens (id, token_hash, tenant_id, user_id, site_ids, client_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, hashToken(token), tenantId, userId, siteIds === '*' ? null : JSON.stringify(siteIds), clientId, Date.now(), expiresAt]
      );
      return { id, token };
    },

    async verifyToken(token, now = Date.now()): Promise<TokenScope | null> {
      if (!/^aw_[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const row = await db.first<{
        id: string;
        tenant_id: string;
        user_id: string | null;
        site_ids: string | null;
        client_id: string | null;
        expires_at: number | string | null;
        revoked_at: number | string | null;
      }>('SELECT id, tenant_id, user_id, site_ids, client_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?', [hashToken(token)]);
      if (!row || row.revoked_at !== null) return null;
      if (row.expires_at !== null && Number(row.expires_at) <= now) return null;
      return {
        tokenId: row.id,
        tenantId: row.tenant_id,
        userId: row.user_id,
        siteIds: row.site_ids === null ? '*' : (JSON.parse(row.site_ids) as string[]),
        clientId: row.client_id
      };
    },

    async revokeToken(id, now = Date.now()) {
      await db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
    },

    applyMutations: (scope, mutations, o = {}) => db.transaction((tx) => applyBatch(tx, kind, scope, mutations, o.now ?? Date.now())),

    async pull(scope, cursor, limit): Promise<PullPage> {
      const n = Math.max(1, Math.min(1000, Math.floor(limit)));
      const f = siteFilter(scope);
      const rows = await db.all<{ tbl: string; id: string; data: string; clocks: string; deleted_hlc: string | null; server_seq: number | string }>(
        `SELECT tbl, id, data, clocks, deleted_hlc, server_seq FROM records
         WHERE tenant_id = ? AND server_seq > ?${f.sql} ORDER BY server_seq LIMIT ?`,
        [scope.tenantId, cursor, ...f.params, n + 1]
      );
      const page = rows.slice(0, n).map((r) => ({
        table: r.tbl,
        id: r.id,
        data: JSON.parse(r.data) as Record<string, unknown>,
        clocks: JSON.parse(r.clocks) as Record<string, string>,
        deletedHlc: r.deleted_hlc,
        serverSeq: Number(r.server_seq)
      }));
      return { rows: page, cursor: page.at(-1)?.serverSeq ?? cursor, hasMore: rows.length > n };
    },

    async conflicts(scope, table, recordId): Promise<Conflict[]> {
      const rows = await db.all<Record<string, string | number | null>>(
        `SELECT id, tbl, record_id, field, value, hlc, winner_hlc, side, reason, mutation_id, client_id, created_at
         FROM conflicts WHERE tenant_id = ? AND tbl = ? AND record_id = ? ORDER BY created_at, id`,
        [scope.tenantId, table, recordId]
      );
      return rows.map((r) => ({
        id: String(r.id),
        table: String(r.tbl),
        recordId: String(r.record_id),
        field: String(r.field),
        value: r.value === null ? null : JSON.parse(String(r.value)),
        hlc: r.hlc === null ? null : String(r.hlc),
        winnerHlc: String(r.winner_hlc),
        side: r.side as Conflict['side'],
        reason: r.reason as Conflict['reason'],
        mutationId: String(r.mutation_id),
        clientId: String(r.client_id),
        createdAt: Number(r.created_at)
      }));
    },

    close: () => db.close()
  };
}
