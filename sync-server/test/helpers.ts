/**
 * Test backends and factories. Every store test runs against real SQLite (a temp file) and,
 * when PG_URL is set, real PostgreSQL in a throwaway schema dropped afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppOptions } from '../src/app.ts';
import { openStore, type Store } from '../src/store/index.ts';
import type { MutationInput, Mutation } from '../src/protocol.ts';
import { mutationSchema } from '../src/protocol.ts';

export const PG_URL = process.env.PG_URL;
if (!PG_URL) console.warn('PG_URL is not set: PostgreSQL store tests are skipped (e.g. PG_URL=postgres://postgres@127.0.0.1:5432/test)');

export interface Opened {
  store: Store;
  /** Raw SQL on the same database: to see what is stored at rest, or to write old-version rows. */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** A second store on the same database (another server process). */
  reopen(): Store;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  open(): Promise<Opened>;
}

const sqlite: Backend = {
  name: 'sqlite',
  skip: false,
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'aw-store-'));
    const file = join(dir, 'assetwalk.sqlite');
    const stores: Store[] = [openStore(file)];
    return {
      store: stores[0]!,
      reopen: () => {
        const s = openStore(file);
        stores.push(s);
        return s;
      },
      async raw(sql, params = []) {
        const db = new Database(file);
        try {
          const st = db.prepare(sql);
          if (!st.reader) {
            st.run(...params);
            return [];
          }
          return st.all(...params) as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      async cleanup() {
        for (const s of stores) await s.close();
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
};

const postgres: Backend = {
  name: 'postgres',
  skip: !PG_URL,
  async open() {
    const url = PG_URL!;
    const schema = `aw_test_${randomBytes(6).toString('hex')}`;
    const stores: Store[] = [openStore(url, { pgSchema: schema })];
    const admin = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
    return {
      store: stores[0]!,
      reopen: () => {
        const s = openStore(url, { pgSchema: schema });
        stores.push(s);
        return s;
      },
      async raw(sql, params = []) {
        let i = 0;
        return (await admin.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows;
      },
      async cleanup() {
        for (const s of stores) await s.close();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    };
  }
};

export const backends: Backend[] = [sqlite, postgres];

export function hlc(wall: number, counter: number, node: string): string {
  return `${String(wall).padStart(15, '0')}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}

/** Wall times in tests sit near this fixed instant; `NOW` is the server clock passed in. */
export const T0 = 1_733_000_000_000;
export const NOW = T0 + 3_600_000;

let seq = 0;
export function mut(p: Partial<MutationInput> & Pick<MutationInput, 'recordId'>): Mutation {
  return mutationSchema.parse({
    mutationId: randomUUID(),
    clientId: 'tabA',
    clientSeq: ++seq,
    table: 'devices',
    op: 'upsert',
    fields: {},
    hlc: hlc(T0, 0, p.clientId ?? 'tabA'),
    ...p
  });
}

export async function seedTenant(store: Store, name = 'ACME') {
  const tenant = await store.createTenant({ name });
  const site = await store.createSite({ tenantId: tenant.id, name: `${name} HQ` });
  return { tenant, site, scope: { tenantId: tenant.id, siteIds: '*' as const } };
}

/**
 * A migrated store with one tenant (ACME, one site) for each test of a `describe.each(backends)`
 * block; read the fields inside tests only.
 */
/** `migrateTo`: stop at that schema version (to feed a later migration old data). */
export function storeFixture(b: Backend, opts: { migrateTo?: number } = {}) {
  const f = {} as { o: Opened; store: Store; acme: Awaited<ReturnType<typeof seedTenant>> };
  beforeEach(async () => {
    if (b.skip) return;
    f.o = await b.open();
    f.store = f.o.store;
    await f.store.migrate(opts.migrateTo === undefined ? undefined : { to: opts.migrateTo });
    f.acme = await seedTenant(f.store);
  });
  afterEach(async () => {
    if (!b.skip) await f.o.cleanup();
  });
  return f;
}

/**
 * A migrated store with one tenant, a whole-tenant token and the app on it, per test; the app
 * closes before the store is cleaned up. `appOptions`: more createApp options (a body limit).
 */
export function appFixture(b: Backend, appOptions: Partial<AppOptions> = {}) {
  const f = {} as { o: Opened; app: FastifyInstance; token: string; tenantId: string };
  beforeEach(async () => {
    if (b.skip) return;
    f.o = await b.open();
    await f.o.store.migrate();
    f.tenantId = (await seedTenant(f.o.store)).tenant.id;
    f.token = (await f.o.store.createToken({ tenantId: f.tenantId, siteIds: '*' })).token;
    f.app = await createApp({ store: f.o.store, clock: { now: () => NOW }, ...appOptions });
  });
  afterEach(async () => {
    if (b.skip) return;
    await f.app.close();
    await f.o.cleanup();
  });
  return f;
}
