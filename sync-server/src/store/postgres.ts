/**
 * pg Pool behind the async Db interface. `?` placeholders become `$n` (no SQL here contains a
 * literal question mark). A transaction that dies of a deadlock or serialization failure is
 * retried a few times: both mean "nothing was committed, try again".
 */
import pg from 'pg';
import type { Db, Params, Queryable, Row } from './db.ts';

const RETRYABLE = new Set(['40001', '40P01']);

function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T extends Row>(sql: string, params: Params = []) => (await c.query(numbered(sql), [...params])).rows as T[],
    first: async <T extends Row>(sql: string, params: Params = []) =>
      (await c.query(numbered(sql), [...params])).rows[0] as T | undefined,
    run: async (sql: string, params: Params = []) => (await c.query(numbered(sql), [...params])).rowCount ?? 0,
    exec: async (sql: string) => void (await c.query(sql))
  };
}

export interface PgOptions {
  /** Schema to use (created by migrate); tests give each run its own. */
  schema?: string;
  max?: number;
  onError?: (err: Error) => void;
}

export function openPostgres(url: string, opts: PgOptions = {}): Db {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error('bad schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {})
  });
  // An idle client can fail (server restart); without a listener that would crash the process.
  pool.on('error', (err) => opts.onError?.(err));
  const q = wrap(pool);

  return {
    dialect: 'postgres',
    ...q,
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await fn(wrap(client));
          await client.query('COMMIT');
          return out;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          const code = (e as { code?: string }).code;
          if (attempt >= 3 || code === undefined || !RETRYABLE.has(code)) throw e;
        } finally {
          client.release();
        }
      }
    },
    close: () => pool.end()
  };
}
