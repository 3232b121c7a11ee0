/**
 * Numbered migrations from sync-server/migrations: `NNN_name.sql` is portable; a dialect may
 * override it with `NNN_name.sqlite.sql` or `NNN_name.pg.sql`. Versions run from 1 without gaps.
 *
 * Each migration runs in its own transaction together with its `schema_migrations` row, so a
 * crash leaves the database at a whole version. On PostgreSQL the transaction first takes an
 * advisory lock and re-reads the applied versions, so several servers starting at once apply
 * each migration exactly once; on SQLite BEGIN IMMEDIATE gives the same guarantee.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Dialect, Queryable } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const FILE_RE = /^(\d{3})_([a-z0-9_]+?)(?:\.(sqlite|pg))?\.sql$/;
const LOCK_KEY = 'assetwalk:migrate';

export function loadMigrations(dialect: Dialect, dir = MIGRATIONS_DIR): Migration[] {
  const tag = dialect === 'postgres' ? 'pg' : 'sqlite';
  const byVersion = new Map<number, { name: string; file: string; specific: boolean }>();
  for (const file of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(file);
    if (!m) continue;
    if (m[3] !== undefined && m[3] !== tag) continue;
    const version = Number(m[1]);
    const specific = m[3] !== undefined;
    const seen = byVersion.get(version);
    if (seen && seen.name !== m[2]) throw new Error(`two migrations numbered ${m[1]}: ${seen.file}, ${file}`);
    if (!seen || specific) byVersion.set(version, { name: m[2]!, file, specific });
  }
  const out = [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, { name, file }]) => ({ version, name, sql: readFileSync(`${dir}/${file}`, 'utf8') }));
  out.forEach((mig, i) => {
    if (mig.version !== i + 1) throw new Error(`migration ${i + 1} is missing`);
  });
  return out;
}

async function prepare(tx: Queryable, db: Db, schema: string | undefined): Promise<Set<number>> {
  if (db.dialect === 'postgres') {
    await tx.run('SELECT pg_advisory_xact_lock(hashtext(?))', [`${LOCK_KEY}:${schema ?? ''}`]);
    if (schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  }
  await tx.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)'
  );
  const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => Number(r.version)));
}

/** Applies pending migrations up to `to` (default: all); returns the version reached. */
export async function migrate(
  db: Db,
  opts: { to?: number; schema?: string; now?: () => number; dir?: string } = {}
): Promise<number> {
  const all = loadMigrations(db.dialect, opts.dir);
  const target = opts.to ?? all.length;
  const now = opts.now ?? Date.now;
  for (const mig of all) {
    if (mig.version > target) break;
    await db.transaction(async (tx) => {
      const applied = await prepare(tx, db, opts.schema);
      if (applied.has(mig.version)) return;
      await tx.exec(mig.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [mig.version, mig.name, now()]);
    });
  }
  return schemaVersion(db);
}

export async function schemaVersion(db: Queryable): Promise<number> {
  const row = await db.first<{ v: number | string | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(row?.v ?? 0);
}
