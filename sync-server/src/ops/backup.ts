/**
 * Backup and restore of the server's store, for `npm run backup` and `npm run restore`.
 *
 * SQLite: SQLite's online backup API (better-sqlite3 `backup()`), which copies a consistent
 * snapshot page by page while the server keeps serving; the copy is checked with
 * `PRAGMA integrity_check` before it is called done. Restore checks the file the same way and
 * that it is an AssetWalk store (its `schema_migrations` table), then replaces the live file
 * atomically (write beside it, rename) and removes the old WAL and shared-memory files, which
 * belong to the replaced database. The server must be stopped for a restore.
 *
 * PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --no-owner`, the
 * tools that match the server. The URL goes to them as an argument, never into our output.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

export async function backupSqlite(file: string, dest: string): Promise<{ bytes: number }> {
  if (!existsSync(file)) throw new BackupError(`no database at ${file}`);
  mkdirSync(dirname(dest), { recursive: true });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  checkSqlite(dest);
  return { bytes: statSync(dest).size };
}

export function restoreSqlite(src: string, file: string): void {
  checkSqlite(src);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.restore-${process.pid}`;
  copyFileSync(src, tmp);
  for (const extra of ['-wal', '-shm']) rmSync(file + extra, { force: true });
  renameSync(tmp, file);
}

/** Throws unless `path` is an intact SQLite database with AssetWalk's migrations table. */
export function checkSqlite(path: string): void {
  if (!existsSync(path)) throw new BackupError(`no file at ${path}`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${path} is not a SQLite database (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new BackupError(`${path} failed the integrity check: ${String(ok)}`);
    const t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!t) throw new BackupError(`${path} is not an AssetWalk store (no schema_migrations table)`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${path} is not a readable SQLite database (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    db.close();
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', (e) => reject(new BackupError(`${cmd} could not start: ${e.message}`)));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (${code}): ${err.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

export async function backupPostgres(url: string, dest: string): Promise<{ bytes: number }> {
  mkdirSync(dirname(dest), { recursive: true });
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dest}`, `--dbname=${url}`]);
  return { bytes: statSync(dest).size };
}

export async function restorePostgres(src: string, url: string): Promise<void> {
  if (!existsSync(src)) throw new BackupError(`no file at ${src}`);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, src]);
}

/** `assetwalk-20261202-231500.sqlite` (or `.dump` for PostgreSQL). */
export function backupName(kind: 'sqlite' | 'postgres', at: Date): string {
  const s = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `assetwalk-${s}.${kind === 'sqlite' ? 'sqlite' : 'dump'}`;
}
