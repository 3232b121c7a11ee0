// Backup and restore, tested the way a team uses them: back up a live store, change it, restore,
// and the data is as it was at backup time. SQLite always; PostgreSQL when PG_URL is set.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { backupName, backupPostgres, backupSqlite, BackupError, restorePostgres, restoreSqlite } from '../src/ops/backup.ts';
import { mutationSchema } from '../src/protocol.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { PG_URL } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'aw-backup-'));
  dirs.push(d);
  return d;
}

const hlc = (n: number) => `${String(1_790_000_000_000 + n).padStart(15, '0')}-0000-tablet1`;
async function put(store: Store, tenantId: string, id: string, name: string, n: number) {
  const m = mutationSchema.parse({ mutationId: randomUUID(), clientId: 'tablet1', clientSeq: n, table: 'devices', recordId: id, op: 'upsert', fields: { tenantId, name }, hlc: hlc(n) });
  await store.applyMutations({ tenantId, siteIds: '*' }, [m], { now: 1_790_000_000_000 + n });
}
async function names(store: Store, tenantId: string): Promise<string[]> {
  const p = await store.pull({ tenantId, siteIds: '*' }, 0, 1000);
  return p.rows.filter((r) => r.table === 'devices').map((r) => String(r.data.name)).sort();
}

describe('SQLite backup and restore', () => {
  it('backs up a store in use, and a restore brings back exactly what was backed up', async () => {
    const dir = tmp();
    const file = join(dir, 'assetwalk.sqlite');
    const store = openStore(file);
    await store.migrate();
    const { id: tenantId } = await store.createTenant({ name: 'ACME' });
    for (let i = 1; i <= 50; i++) await put(store, tenantId, `d${i}`, `PC-${i}`, i);
    const dest = join(dir, 'backups', backupName('sqlite', new Date('2026-12-02T23:15:00Z')));
    expect(dest.endsWith('assetwalk-20261202-231500.sqlite')).toBe(true);
    const { bytes } = await backupSqlite(file, dest); // the store is still open (WAL, uncheckpointed)
    expect(bytes).toBeGreaterThan(0);
    await put(store, tenantId, 'd1', 'renamed after the backup', 100);
    await put(store, tenantId, 'd999', 'created after the backup', 101);
    await store.close();

    restoreSqlite(dest, file);
    const back = openStore(file);
    expect(await back.migrate()).toBeGreaterThanOrEqual(0);
    const got = await names(back, tenantId);
    expect(got).toHaveLength(50);
    expect(got).toContain('PC-1');
    expect(got).not.toContain('created after the backup');
    await back.close();
  });

  it('refuses to restore a file that is not an AssetWalk store, and leaves the live one alone', async () => {
    const dir = tmp();
    const file = join(dir, 'assetwalk.sqlite');
    const store = openStore(file);
    await store.migrate();
    const { id: tenantId } = await store.createTenant({ name: 'ACME' });
    await put(store, tenantId, 'd1', 'kept', 1);
    await store.close();
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database');
    expect(() => restoreSqlite(junk, file)).toThrow(BackupError);
    expect(() => restoreSqlite(join(dir, 'missing.sqlite'), file)).toThrow(/no file/);
    const again = openStore(file);
    expect(await names(again, tenantId)).toEqual(['kept']);
    await again.close();
  });

  it('the npm scripts work end to end with DATA_DIR', () => {
    const dir = tmp();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    execFileSync('npx', ['tsx', 'sync-server/src/seed.ts'], { env, stdio: 'pipe' });
    const out = execFileSync('npx', ['tsx', 'sync-server/src/ops/backup-cli.ts', 'backup'], { env, encoding: 'utf8' });
    const path = /Backup written: (\S+)/.exec(out)?.[1];
    expect(path).toContain(join(dir, 'backups'));
    const restored = execFileSync('npx', ['tsx', 'sync-server/src/ops/backup-cli.ts', 'restore', path!], { env, encoding: 'utf8' });
    expect(restored).toMatch(/Restored/);
    let code = 0;
    try {
      execFileSync('npx', ['tsx', 'sync-server/src/ops/backup-cli.ts', 'restore'], { env, stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(1);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL backup and restore (pg_dump / pg_restore)', () => {
  it('restores the database to the backup', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const name = `aw_backup_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL!);
    url.pathname = `/${name}`;
    try {
      const store = openStore(url.href);
      await store.migrate();
      const { id: tenantId } = await store.createTenant({ name: 'ACME' });
      for (let i = 1; i <= 20; i++) await put(store, tenantId, `d${i}`, `PC-${i}`, i);
      const dest = join(tmp(), 'aw.dump');
      await backupPostgres(url.href, dest);
      await put(store, tenantId, 'd999', 'created after the backup', 100);
      await store.close();

      await restorePostgres(dest, url.href);
      const back = openStore(url.href);
      const got = await names(back, tenantId);
      expect(got).toHaveLength(20);
      expect(got).not.toContain('created after the backup');
      await back.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
