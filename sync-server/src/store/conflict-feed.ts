/**
 * The server's conflicts of one client company, as a feed tablets pull after their records
 * (GET /api/sync/conflicts), so a value lost on the server shows on every tablet's /conflicts.
 *
 * Invariants:
 * - scoped as pull is: the conflict's record must be one the token may read (its site, a team
 *   table, a siteless shared row); a conflict whose record is gone (collected) is not served;
 * - ordered by (created_at, id) and resumed after the last one seen. Conflicts of pushes that
 *   commit late can carry an earlier created_at than one already served (PostgreSQL, parallel
 *   pushes), so the tablet asks again from a minute before its last and drops the ids it has.
 */
import type { Conflict, ConflictFeedPage } from '../protocol.ts';
import type { Db } from './db.ts';
import { siteFilter } from './site-filter.ts';
import type { TenantScope } from './types.ts';

export async function conflictFeed(db: Db, scope: TenantScope, since: number, after: string, limit: number): Promise<ConflictFeedPage> {
  const n = Math.max(1, Math.min(1000, Math.floor(limit)));
  const f = siteFilter(scope, 'r.');
  const rows = await db.all<Record<string, string | number | null>>(
    `SELECT c.id, c.tbl, c.record_id, c.field, c.value, c.hlc, c.winner_hlc, c.side, c.reason, c.mutation_id, c.client_id, c.created_at
     FROM conflicts c JOIN records r ON r.tenant_id = c.tenant_id AND r.tbl = c.tbl AND r.id = c.record_id
     WHERE c.tenant_id = ? AND (c.created_at > ? OR (c.created_at = ? AND c.id > ?))${f.sql}
     ORDER BY c.created_at, c.id LIMIT ?`,
    [scope.tenantId, since, since, after, ...f.params, n + 1]
  );
  const conflicts = rows.slice(0, n).map((r) => ({
    id: String(r.id),
    table: String(r.tbl),
    recordId: String(r.record_id),
    field: String(r.field),
    value: r.value === null ? null : (JSON.parse(String(r.value)) as unknown),
    hlc: r.hlc === null ? null : String(r.hlc),
    winnerHlc: String(r.winner_hlc),
    side: r.side as Conflict['side'],
    reason: r.reason as Conflict['reason'],
    mutationId: String(r.mutation_id),
    clientId: String(r.client_id),
    createdAt: Number(r.created_at)
  }));
  const last = conflicts.at(-1);
  return { conflicts, next: last ? { since: last.createdAt, after: last.id } : null, hasMore: rows.length > n };
}
