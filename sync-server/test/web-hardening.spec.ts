// What the static folder never serves, and HSTS over TLS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { openStore, type Store } from '../src/store/index.ts';

let dir: string;
let outside: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aw-web-'));
  outside = mkdtempSync(join(tmpdir(), 'aw-secret-'));
  const web = join(dir, 'build');
  mkdirSync(join(web, '_app'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>AssetWalk</title>');
  writeFileSync(join(web, '_app', 'app.js'), 'console.log(1)');
  writeFileSync(join(web, '.env'), 'SECRET=1');
  writeFileSync(join(outside, 'secret.txt'), 'server secret');
  symlinkSync(join(outside, 'secret.txt'), join(web, 'linked.txt'));
  symlinkSync(outside, join(web, 'linkdir'));
  store = openStore(join(dir, 'aw.sqlite'));
  await store.migrate();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('static folder', () => {
  it('serves real files but no dotfiles and nothing through a symbolic link', async () => {
    const app = await createApp({ store, clock: { now: () => Date.now() }, staticDir: join(dir, 'build') });
    expect((await app.inject('/_app/app.js')).statusCode).toBe(200);
    for (const url of ['/.env', '/linked.txt', '/linkdir/secret.txt', '/linkdir/', '/%2e%2e/aw.sqlite', '/_app/%E0%A4%A']) {
      const res = await app.inject({ url, headers: { accept: '*/*' } });
      expect(res.statusCode, url).not.toBe(200);
      expect(res.body, url).not.toContain('server secret');
      expect(res.body, url).not.toContain('SECRET=1');
    }
    await app.close();
  });
});

describe('TLS', () => {
  it('sends Strict-Transport-Security over HTTPS only', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'aw-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(certDir, 'k.pem'), '-out', join(certDir, 'c.pem')], { stdio: 'ignore' });
    const https = { cert: readFileSync(join(certDir, 'c.pem')), key: readFileSync(join(certDir, 'k.pem')) };
    const secure = await createApp({ store, clock: { now: () => Date.now() }, https });
    expect((await secure.inject('/api/health')).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await secure.close();
    const plain = await createApp({ store, clock: { now: () => Date.now() } });
    expect((await plain.inject('/api/health')).headers['strict-transport-security']).toBeUndefined();
    await plain.close();
    rmSync(certDir, { recursive: true, force: true });
  });
});
