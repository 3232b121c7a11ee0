/**
 * openStore: a postgres:// or postgresql:// URL selects PostgreSQL, anything else is a SQLite
 * file path (or ':memory:'). The store is not migrated here; call `store.migrate()` at start.
 */
import { openPostgres } from './postgres.ts';
import { createSqlStore } from './sql-store.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './types.ts';

export type { Store, StoreKind, TenantScope, TokenScope, Conflict, Health, NewToken } from './types.ts';
export { ForbiddenError } from './db.ts';
export { GoneError, scheduleGc } from './gc.ts';

export interface OpenOptions {
  /** PostgreSQL only: the schema to live in (created by migrate). */
  pgSchema?: string;
  /** PostgreSQL only: reports errors of idle pooled connections. */
  onError?: (err: Error) => void;
}

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

export function openStore(target: string, opts: OpenOptions = {}): Store {
  if (isPostgresUrl(target)) {
    const db = openPostgres(target, { schema: opts.pgSchema, onError: opts.onError });
    return createSqlStore(db, { schema: opts.pgSchema });
  }
  return createSqlStore(openSqlite(target));
}
