// `npm run admin` and the first start, as real processes against a temp SQLite file.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.ts';
import { hlc, mut } from './helpers.ts';

const CLI = fileURLToPath(new URL('../src/ops/admin-cli.ts', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aw-admin-'));
  dirs.push(d);
  return d;
};

/** Runs the CLI; `stdin` is piped in when given, else stdin is /dev/null. */
function admin(dataDir: string, args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    if (stdin !== undefined) child.stdin!.end(stdin);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('npm run admin', () => {
  it('creates a company, site and users, grants, resets, lists and revokes tablets, makes tokens', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const tenant = await admin(dir, ['create-tenant', '--name', '仁济医院']);
    expect(tenant.code).toBe(0);
    const tenantId = /created: (\S+)/.exec(tenant.out)![1]!;
    const site = await admin(dir, ['create-site', '--tenant', tenantId, '--name', '东院']);
    const siteId = /created: (\S+)/.exec(site.out)![1]!;

    const typed = await admin(dir, ['create-user', '--login', 'Wang', '--name', '王芳', '--role', 'technician'], 'typed password 1\n');
    expect(typed.code).toBe(0);
    expect(typed.out).toMatch(/^User "wang" \(technician\) created: \S+\n$/); // a typed password is never echoed
    const generated = await admin(dir, ['create-user', '--login', 'li', '--name', 'Li', '--role', 'viewer']);
    const shown = /Password \(shown once\): (\S+)/.exec(generated.out)![1]!;
    expect((await admin(dir, ['create-user', '--login', 'li', '--name', 'x', '--role', 'viewer'])).err).toMatch(/exists/);
    expect((await admin(dir, ['create-user', '--login', 'x', '--name', 'x', '--role', 'boss'])).code).toBe(2);
    expect((await admin(dir, ['create-user', '--login', 'y', '--name', 'y', '--role', 'viewer'], 'short\n')).code).toBe(1);

    expect((await admin(dir, ['grant', '--login', 'wang', '--tenant', tenantId, '--sites', siteId])).out).toContain(`仁济医院 (${tenantId}) ${siteId}`);
    expect((await admin(dir, ['grant', '--login', 'li', '--tenant', tenantId])).out).toContain('all sites');
    expect((await admin(dir, ['revoke', '--login', 'li', '--tenant', tenantId])).code).toBe(0);
    expect((await admin(dir, ['grant', '--login', 'nobody', '--tenant', tenantId])).code).toBe(1);

    const reset = await admin(dir, ['reset-password', '--login', 'wang'], 'another password\n');
    expect(reset.out).toContain('reset');
    const token = /hash\): (\S+)/.exec((await admin(dir, ['token', '--tenant', tenantId, '--sites', siteId])).out)![1]!;

    const store = openStore(join(dir, 'assetwalk.sqlite'));
    try {
      const wang = await store.checkPassword('wang', 'another password');
      expect(wang).toMatchObject({ login: 'wang', name: '王芳', role: 'technician' });
      expect(await store.checkPassword('wang', 'typed password 1')).toBeNull();
      expect(await store.checkPassword('li', shown)).toMatchObject({ role: 'viewer' });
      expect(await store.grantsOf(wang!.id)).toEqual([{ tenantId, tenantName: '仁济医院', siteIds: [siteId] }]);
      expect(await store.grantsOf((await store.accountByLogin('li'))!.id)).toEqual([]);
      expect(await store.verifyToken(token)).toMatchObject({ tenantId, siteIds: [siteId], role: 'technician' });
      expect(await store.bindTablet({ clientId: 'tab1', accountId: wang!.id, deviceName: 'Ward tablet' }, Date.now())).toBe('ok');
    } finally {
      await store.close();
    }
    expect((await admin(dir, ['list-tablets'])).out).toMatch(/tab1\twang\tWard tablet\t-\t.+\tactive/);
    expect((await admin(dir, ['revoke-tablet', '--client', 'tab1'])).code).toBe(0);
    expect((await admin(dir, ['list-tablets'])).out).toMatch(/tab1\t.*revoked/);
    const usage = await admin(dir, ['frobnicate']);
    expect([usage.code, usage.err]).toEqual([2, expect.stringContaining('usage: npm run admin')]);
  });

  it('gc collects tombstones older than TOMBSTONE_TTL_DAYS, unused files and ended sessions, and leaves the rest', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'assetwalk.sqlite'));
    await store.migrate();
    const t = await store.createTenant({ name: 'ACME' });
    const scope = { tenantId: t.id, siteIds: '*' as const };
    const day = 24 * 3_600_000;
    const now = Date.now();
    const clock = (daysAgo: number, c: number) => hlc(now - daysAgo * day, c, 'tabA');
    for (const [id, daysAgo] of [['d-old', 40], ['d-young', 5]] as const) {
      await store.applyMutations(scope, [mut({ recordId: id, fields: { name: id }, hlc: clock(daysAgo + 1, 0) })], { now: now - (daysAgo + 1) * day });
      await store.applyMutations(scope, [mut({ recordId: id, op: 'delete', hlc: clock(daysAgo, 1) })], { now: now - daysAgo * day });
    }
    // A file no record names, uploaded 8 days ago.
    const file = Buffer.from('an orphaned photo');
    await store.blobs.putChunk(t.id, createHash('sha256').update(file).digest('hex'), { offset: 0, size: file.length, type: 'image/jpeg', data: file }, now - 8 * day);
    await store.close();
    const r = await admin(dir, ['gc']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Collected 1 tombstones older than 30 days/);
    expect(r.out).toMatch(/0 unfinished uploads .* and 1 files no record names, untouched for 7 days .*: 17 bytes freed/);
    expect(r.out).toMatch(/Removed 0 sessions ended more than 30 days ago/);
    const after = openStore(join(dir, 'assetwalk.sqlite'));
    expect((await after.pull(scope, 0, 100)).rows.map((x) => x.id)).toEqual(['d-young']);
    expect(await after.blobs.head(t.id, createHash('sha256').update(file).digest('hex'))).toBeNull();
    await after.close();
  });
});

describe('first start', () => {
  it('creates the administrator "admin", prints its password once, and it logs in', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, STATIC_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      let out = '';
      const ready = new Promise<{ port: string; out: () => string }>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at http:\/\/localhost:(\d+)/.exec(out);
          if (m) setTimeout(() => resolve({ port: m[1]!, out: () => out }), 300);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      return { ready, stop: () => new Promise((r) => (child.on('exit', r), child.kill('SIGTERM'))) };
    };
    const first = start();
    const { port, out } = await first.ready;
    const password = /log in as "admin" with the password (\S+) /.exec(out())![1]!;
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password, clientId: 'tab1', deviceName: 'Desk' })
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { role: string } }).user.role).toBe('admin');
    await first.stop();
    const second = start();
    expect((await second.ready).out()).not.toContain('First start'); // shown once
    await second.stop();
  });
});
