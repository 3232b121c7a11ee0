import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { inlineScriptHashes } from '../src/security.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { loadMigrations } from '../src/store/migrate.ts';
import { backends, NOW, type Opened } from './helpers.ts';

const clock = { now: () => NOW };
const SHELL = '<!doctype html><html><body><div id="app"></div><script>window.__boot = 1;</script></body></html>';

describe.each(backends)('GET /api/health on $name', (b) => {
  let o: Opened;
  afterEach(async () => {
    if (!b.skip) await o.cleanup();
  });

  it.skipIf(b.skip)('reports the store and the latest applied migration', async () => {
    o = await b.open();
    await o.store.migrate();
    const app = await createApp({ store: o.store, clock });
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, store: b.name, schemaVersion: loadMigrations(o.store.kind).length, version: '0.1.0' });
    await app.close();
  });
});

describe('web app serving', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aw-web-'));
    mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), SHELL);
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'registerSW.js'), '');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"AssetWalk"}');
    writeFileSync(join(dir, 'favicon.png'), 'png');
    writeFileSync(join(dir, '_app/immutable/chunks/app.abc123.js'), 'export {}');
    store = openStore(':memory:');
    await store.migrate();
    app = await createApp({ store, clock, staticDir: dir });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves real files with their cache policy', async () => {
    const immutable = await app.inject('/_app/immutable/chunks/app.abc123.js');
    expect(immutable.statusCode).toBe(200);
    expect(immutable.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const f of ['/sw.js', '/registerSW.js', '/manifest.webmanifest', '/index.html', '/']) {
      const res = await app.inject({ url: f, headers: html });
      expect([f, res.statusCode, res.headers['cache-control']]).toEqual([f, 200, 'no-cache']);
    }
    expect((await app.inject('/manifest.webmanifest')).headers['content-type']).toContain('manifest+json');
    expect((await app.inject('/favicon.png')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers SPA deep links with index.html, and only HTML navigations', async () => {
    for (const url of ['/devices/123', '/a/ACME-000123-X', '/isolation/panel/7?tab=log']) {
      const res = await app.inject({ url, headers: html });
      expect([url, res.statusCode, res.body, res.headers['cache-control']]).toEqual([url, 200, SHELL, 'no-cache']);
    }
    expect((await app.inject({ url: '/_app/immutable/missing.js', headers: { accept: '*/*' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/devices/123', headers: html })).statusCode).toBe(404);
  });

  it('answers unknown /api paths with a JSON 404, never the shell', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['GET', '/api'], ['POST', '/api/nope']] as const) {
      const res = await app.inject({ method, url, headers: html });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not-found' });
    }
  });

  it('sends security headers, allowing the shell’s inline boot script by hash', async () => {
    for (const url of ['/', '/api/health', '/api/nope']) {
      const h = (await app.inject({ url, headers: html })).headers;
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('no-referrer');
      const csp = String(h['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' blob: data:");
      expect(csp).toContain("'wasm-unsafe-eval'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain(inlineScriptHashes(SHELL)[0]);
      expect(csp.split('; ').find((d) => d.startsWith('script-src'))).not.toContain('unsafe-inline');
    }
  });

  it('follows a rebuild of the shell without a restart', async () => {
    const rebuilt = SHELL.replace('__boot = 1', '__boot = 2');
    writeFileSync(join(dir, 'index.html'), rebuilt);
    try {
      const res = await app.inject({ url: '/devices/9', headers: html });
      expect(res.body).toBe(rebuilt);
      expect(res.headers['content-security-policy']).toContain(inlineScriptHashes(rebuilt)[0]);
      expect(res.headers['content-security-policy']).not.toContain(inlineScriptHashes(SHELL)[0]);
    } finally {
      writeFileSync(join(dir, 'index.html'), SHELL);
    }
  });

  it('refuses a body over 1 MiB with a JSON 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ mutations: [], pad: 'x'.repeat(1024 * 1024) })
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload-too-large' });
  });

  it('serves only /api without a build', async () => {
    const bare = await createApp({ store, clock, staticDir: join(dir, 'missing') });
    expect((await bare.inject('/api/health')).statusCode).toBe(200);
    expect((await bare.inject({ url: '/devices/1', headers: html })).statusCode).toBe(404);
    await bare.close();
  });
});
