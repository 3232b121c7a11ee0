/**
 * better-sqlite3 behind the async Db interface. better-sqlite3 is synchronous and has one
 * connection, so every call goes through a promise queue: an open transaction never sees
 * another caller's statements interleaved, and readers never see uncommitted writes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, Params, Queryable, Row } from './db.ts';

export function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a push is acknowledged only after its commit is on disk; the tablet then drops it.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const q: Queryable = {
    all: async <T extends Row>(sql: string, params: Params = []) => stmt(sql).all(...params) as T[],
    first: async <T extends Row>(sql: string, params: Params = []) => stmt(sql).get(...params) as T | undefined,
    run: async (sql: string, params: Params = []) => stmt(sql).run(...params).changes,
    exec: async (sql: string) => void db.exec(sql)
  };

  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => serial(() => q.all(sql, params)),
    first: (sql, params) => serial(() => q.first(sql, params)),
    run: (sql, params) => serial(() => q.run(sql, params)),
    exec: (sql) => serial(() => q.exec(sql)),
    transaction: (fn) =>
      serial(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(q);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    close: () => serial(async () => void db.close())
  };
}
