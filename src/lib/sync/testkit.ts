/**
 * Test-only: the REAL sync server in-process (SQLite on a temp file, listening on 127.0.0.1:0,
 * called with real fetch) and simulated tablets (fake-indexeddb, one Dexie database each).
 *
 * The server modules are imported by a computed URL: they use `.ts` import specifiers, which
 * the app's tsconfig (svelte-check) does not allow, so their types are declared here minimally.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetWalkDB } from '$lib/db/schema';
import { DeviceRepository } from '$lib/db/devices';
import { OrgRepository } from '$lib/db/org';
import type { WriteContext } from '$lib/db/writer';
import { SyncEngine, type EngineOptions } from './engine';
import { httpTransport, type PulledRecord, type Transport } from './transport';

export interface ServerStore {
  migrate(): Promise<number>;
  createTenant(t: { id?: string; name: string }): Promise<{ id: string; name: string }>;
  createToken(t: { tenantId: string; siteIds: '*' | string[]; clientId?: string | null }): Promise<{ id: string; token: string }>;
  revokeToken(id: string): Promise<void>;
  pull(scope: { tenantId: string; siteIds: '*' }, cursor: number, limit: number): Promise<{ rows: PulledRecord[]; cursor: number; hasMore: boolean }>;
  conflicts(scope: { tenantId: string; siteIds: '*' }, table: string, recordId: string): Promise<{ field: string; value: unknown; side: string }[]>;
  collectTombstones(o?: { now?: number; ttlDays?: number }): Promise<{ tenants: number; collected: number }>;
  close(): Promise<void>;
}
interface ServerApp {
  listen(o: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
}

const serverSrc = new URL('../../../sync-server/src/', import.meta.url);

export interface TestServer {
  url: string;
  store: ServerStore;
  /** Every row the server would give a full pull of `tenantId`. */
  rows(tenantId: string): Promise<PulledRecord[]>;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const { openStore } = (await import(/* @vite-ignore */ new URL('store/index.ts', serverSrc).href)) as { openStore(f: string): ServerStore };
  const { createApp } = (await import(/* @vite-ignore */ new URL('app.ts', serverSrc).href)) as {
    createApp(o: { store: ServerStore; clock: { now(): number }; logger?: boolean }): Promise<ServerApp>;
  };
  const dir = mkdtempSync(join(tmpdir(), 'aw-sync-'));
  const store = openStore(join(dir, 'assetwalk.sqlite'));
  await store.migrate();
  const app = await createApp({ store, clock: { now: () => Date.now() } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    store,
    async rows(tenantId) {
      const out: PulledRecord[] = [];
      let cursor = 0;
      for (;;) {
        const p = await store.pull({ tenantId, siteIds: '*' }, cursor, 1000);
        out.push(...p.rows);
        cursor = p.cursor;
        if (!p.hasMore) return out;
      }
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export interface Tablet {
  name: string;
  db: AssetWalkDB;
  ctx: WriteContext;
  devices: DeviceRepository;
  org: OrgRepository;
  token: string;
  /** Added to this tablet's physical clock (a tablet whose clock runs slow or fast). */
  skewMs: number;
  offsetMs: number;
  /** Whether sync corrects the skew by the server's clock, as the app does (default true). */
  adoptOffset: boolean;
  /** Wraps the HTTP transport (drop replies, refuse big batches, …). */
  wrap: (t: Transport) => Transport;
  engine(extra?: Partial<EngineOptions>): SyncEngine;
  sync(extra?: Partial<EngineOptions>): ReturnType<SyncEngine['sync']>;
}

export function tablet(name: string, server: TestServer, token: string, skewMs = 0): Tablet {
  const db = new AssetWalkDB(`${name}-${crypto.randomUUID()}`);
  const t: Tablet = {
    name, db, token, skewMs, offsetMs: 0, adoptOffset: true,
    ctx: { actor: name, now: () => Date.now() + t.skewMs + t.offsetMs },
    devices: undefined as unknown as DeviceRepository,
    org: undefined as unknown as OrgRepository,
    wrap: (x) => x,
    engine(extra = {}) {
      const transport = t.wrap(httpTransport({ baseUrl: server.url, token: () => t.token, wallNow: () => Date.now() + t.skewMs }));
      return new SyncEngine({ db, transport, physicalNow: t.ctx.now, setClockOffset: (ms) => { if (t.adoptOffset) t.offsetMs = ms; }, ...extra });
    },
    sync: (extra) => t.engine(extra).sync()
  };
  t.devices = new DeviceRepository(db, t.ctx);
  t.org = new OrgRepository(db, t.ctx);
  return t;
}

/** A fresh server per test with one client company and a token for all its sites. */
export interface TenantServer {
  server: TestServer;
  tenantId: string;
  token: string;
}

/** Registers beforeEach/afterEach hooks; the returned object is filled anew before each test. */
export function useTenantServer(): TenantServer {
  const ctx = {} as TenantServer;
  beforeEach(async () => {
    ctx.server = await startServer();
    ctx.tenantId = crypto.randomUUID();
    await ctx.server.store.createTenant({ id: ctx.tenantId, name: 'ACME' });
    ctx.token = (await ctx.server.store.createToken({ tenantId: ctx.tenantId, siteIds: '*' })).token;
  });
  afterEach(async () => {
    await ctx.server.close();
  });
  return ctx;
}
