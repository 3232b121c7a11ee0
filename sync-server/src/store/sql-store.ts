/**
 * The Store, written once over the Db wrapper. SQLite and PostgreSQL differ only in their Db
 * adapter (sqlite.ts, postgres.ts), the lock clause in apply.ts and dialect-specific migration
 * files, so both databases run exactly the same sync logic and the same test suite.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { accountMethods } from './accounts.ts';
import { applyBatch } from './apply.ts';
import { createBlobStore } from './blobs.ts';
import { checkHorizon, collectTombstones } from './gc.ts';
import { conflictFeed } from './conflict-feed.ts';
import type { Db } from './db.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { pageJson, pageObject, sortRows, type RecordRow } from './pull-page.ts';
import { siteFilter } from './site-filter.ts';
import type { Conflict, ServerPullPage, Store, TenantScope, TokenScope } from './types.ts';

/** A pull page stops at the row that would take it past this many bytes of data and clocks. */
export const PULL_PAGE_BYTES = 4 * 1024 * 1024;
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createSqlStore(db: Db, opts: { schema?: string } = {}): Store {
  const kind = db.dialect;

  /** One page of stored rows after `cursor`, bounded in rows and bytes. */
  async function readPage(scope: TenantScope, cursor: number, limit: number, resync: boolean): Promise<{ rows: RecordRow[]; cursor: number; hasMore: boolean }> {
    const n = Math.max(1, Math.min(1000, Math.floor(limit)));
    const f = siteFilter(scope);
    // Sizes first, so a page of large rows is cut before any of them is read.
    const size = kind === 'postgres' ? 'octet_length(data) + octet_length(clocks)' : 'length(CAST(data AS BLOB)) + length(CAST(clocks AS BLOB))';
    const heads = await db.all<{ server_seq: number | string; size: number | string }>(
      `SELECT server_seq, ${size} AS size FROM records WHERE tenant_id = ? AND server_seq > ?${f.sql} ORDER BY server_seq LIMIT ?`,
      [scope.tenantId, cursor, ...f.params, n + 1]
    );
    let take = 0;
    for (let bytes = 0; take < Math.min(n, heads.length); take++) {
      bytes += Number(heads[take]!.size);
      if (take > 0 && bytes > PULL_PAGE_BYTES) break;
    }
    if (take === 0) {
      if (!resync) await checkHorizon(db, scope.tenantId, cursor);
      return { rows: [], cursor, hasMore: false };
    }
    const last = Number(heads[take - 1]!.server_seq);
    // Seqs only grow, so no row can appear in (cursor, last] meanwhile; one that moved past it comes later.
    const rows = await db.all<RecordRow>(
      `SELECT tbl, id, data, clocks, deleted_hlc, restored_hlc, server_seq FROM records
       WHERE tenant_id = ? AND server_seq > ? AND server_seq <= ?${f.sql} ORDER BY server_seq`,
      [scope.tenantId, cursor, last, ...f.params]
    );
    if (!resync) await checkHorizon(db, scope.tenantId, cursor); // after the rows: see gc.ts
    return { rows, cursor: last, hasMore: heads.length > take };
  }

  return {
    kind,
    ...accountMethods(db),
    blobs: createBlobStore(db),
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
        clientId: row.client_id,
        role: 'technician'
      };
    },

    async revokeToken(id, now = Date.now()) {
      await db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
    },

    applyMutations: (scope, mutations, o = {}) => db.transaction((tx) => applyBatch(tx, kind, scope, mutations, o.now ?? Date.now())),

    async pull(scope, cursor, limit, o = {}): Promise<ServerPullPage> {
      const p = await readPage(scope, cursor, limit, o.resync === true);
      const { ok, skipped } = sortRows(p.rows, true);
      return pageObject(ok, { cursor: p.cursor, hasMore: p.hasMore, skipped });
    },

    async pullJson(scope, cursor, limit, o) {
      const p = await readPage(scope, cursor, limit, o.resync === true);
      const { ok, skipped } = sortRows(p.rows);
      return { json: pageJson(ok, { cursor: p.cursor, hasMore: p.hasMore, skipped }, o), skipped };
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

    conflictFeed: (scope, since, after, limit) => conflictFeed(db, scope, since, after, limit),

    collectTombstones: (o = {}) => collectTombstones(db, { now: o.now ?? Date.now(), ttlDays: o.ttlDays }),

    close: () => db.close()
  };
}
