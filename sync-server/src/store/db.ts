/**
 * The small database wrapper both stores share (after Actual's sync-server db.ts): a handful of
 * async calls over `?` placeholders, so the sync logic is written once for SQLite and PostgreSQL.
 * BIGINT columns may come back as strings from pg: convert with Number() where read.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Params = readonly unknown[];
export type Row = Record<string, unknown>;

export interface Queryable {
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  first<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one write transaction: BEGIN IMMEDIATE on SQLite (a single writer), READ
   * COMMITTED on PostgreSQL where callers take row or advisory locks themselves.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
