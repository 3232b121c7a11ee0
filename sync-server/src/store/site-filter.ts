import { SHARED_TABLES, TEAM_TABLES } from '../../../src/lib/sync/tables.ts';
import type { TenantScope } from './types.ts';

/**
 * A site-limited token sees team tables, siteless shared rows and rows of its sites (src/lib/sync/tables.ts).
 * `p`: the records table's alias with its dot, when the query joins it (conflict-feed.ts).
 */
export function siteFilter(scope: TenantScope, p = ''): { sql: string; params: string[] } {
  if (scope.siteIds === '*') return { sql: '', params: [] };
  const team = [...TEAM_TABLES];
  const shared = [...SHARED_TABLES];
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const base = `${p}tbl IN (${marks(team.length)}) OR (${p}site_id IS NULL AND ${p}tbl IN (${marks(shared.length)}))`;
  if (scope.siteIds.length === 0) return { sql: ` AND (${base})`, params: [...team, ...shared] };
  return { sql: ` AND (${base} OR ${p}site_id IN (${marks(scope.siteIds.length)}))`, params: [...team, ...shared, ...scope.siteIds] };
}
