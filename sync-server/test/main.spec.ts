// The real entry point in a child process: exactly what it prints, that it serves, that it stops.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { displayUrl, LAN_HTTPS_HINT, readConfig } from '../src/config.ts';
import { loadMigrations } from '../src/store/migrate.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'aw-main-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'index.html'), '<!doctype html><title>AssetWalk</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, STATIC_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const url = await new Promise<string>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (\S+)/.exec(out);
      if (m) setTimeout(() => res(m[1]!), 100); // let a second line arrive
    });
    void exited.then((code) => rej(new Error(`exited ${code}: ${err}`)));
  });
  // The first-start admin password line is tested in accounts-cli.spec.ts.
  return { url, lines: () => out.trim().split('\n').filter((l) => !l.startsWith('First start:')), stop: () => (child.kill('SIGTERM'), exited) };
}

describe('main', () => {
  it('prints one line on loopback, serves health on SQLite, and exits 0 on SIGTERM', async () => {
    const s = await start({ HOST: '127.0.0.1' });
    expect(s.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(s.lines()).toEqual([`AssetWalk is running at ${s.url}`]);
    const port = new URL(s.url).port;
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, store: 'sqlite', schemaVersion: loadMigrations('sqlite').length });
    expect(await s.stop()).toBe(0);
  });

  it('adds the HTTPS hint when it listens on the LAN without TLS', async () => {
    const s = await start({ HOST: '0.0.0.0' });
    expect(s.lines()).toEqual([`AssetWalk is running at ${s.url}`, LAN_HTTPS_HINT]);
    expect(await s.stop()).toBe(0);
  });
});

describe('readConfig', () => {
  it('defaults to SQLite in ./data and the repository build', () => {
    const c = readConfig({}, '/srv/aw');
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', database: '/srv/aw/data/assetwalk.sqlite', databaseKind: 'sqlite', tls: null, apiLimit: { perMinute: 1200, burst: 300 } });
    expect(readConfig({ RATE_LIMIT_PER_MINUTE: '6000' }, '/').apiLimit).toEqual({ perMinute: 6000, burst: 1500 });
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: 'lots' }, '/')).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(c.staticDir).toMatch(/\/build$/);
    expect(displayUrl(c, 8080)).toBe('http://localhost:8080');
  });

  it('selects PostgreSQL by URL and HTTPS by certificate', () => {
    const c = readConfig({ DATABASE_URL: 'postgresql://u@db/aw', TLS_CERT: 'c.pem', TLS_KEY: '/k.pem', HOST: '10.0.0.5', STATIC_DIR: 'web' }, '/srv');
    expect(c).toMatchObject({ databaseKind: 'postgres', staticDir: '/srv/web', tls: { certPath: '/srv/c.pem', keyPath: '/k.pem' } });
    expect(displayUrl(c, 443)).toBe('https://10.0.0.5:443');
    expect(() => readConfig({ TLS_CERT: 'c.pem' }, '/')).toThrow(/TLS_KEY/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' }, '/')).toThrow(/postgres/);
    expect(() => readConfig({ PORT: 'eighty' }, '/')).toThrow(/PORT/);
  });
});
