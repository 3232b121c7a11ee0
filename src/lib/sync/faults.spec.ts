// Must-pass cases 5, 6 and 13 (sync-protocol.md): three tablets running the app's real sync
// engine reach the real server through a proxy that resets, drops, delays and truncates
// connections, while they make 10,000 random edits, creates, deletes and restores between
// syncs. At the end, with the network healed: every outbox is empty, every tablet holds exactly
// what the server holds (0 divergence), and for every field every acknowledged edit either is
// the value kept or lost to an edit with a later clock (0 lost edits). Runs on SQLite and, with
// PG_URL, on PostgreSQL.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields, type DeviceFields } from '$lib/domain/device';
import { seeded, startFaultProxy } from './faultProxy';
import { startServer, tablet, type ServerStore, type Tablet, type TestServer } from './testkit';
import type { PulledRecord } from './transport';

const PG_URL = process.env.PG_URL;
const serverSrc = new URL('../../../sync-server/src/', import.meta.url);

/** The real server on PostgreSQL, in a throwaway schema. */
async function startPgServer(url: string): Promise<TestServer> {
  const { openStore } = (await import(/* @vite-ignore */ new URL('store/index.ts', serverSrc).href)) as {
    openStore(f: string, o: { pgSchema: string }): ServerStore & { migrate(): Promise<number> };
  };
  const { createApp } = (await import(/* @vite-ignore */ new URL('app.ts', serverSrc).href)) as {
    createApp(o: { store: ServerStore; clock: { now(): number } }): Promise<{ listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> }>;
  };
  const schema = `faults_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = openStore(url, { pgSchema: schema });
  await store.migrate();
  const app = await createApp({ store, clock: { now: () => Date.now() } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const pg = (await import('pg')).default;
  return {
    url: base,
    store,
    async rows(tenantId) {
      const out: PulledRecord[] = [];
      for (let cursor = 0; ;) {
        const p = await store.pull({ tenantId, siteIds: '*' }, cursor, 1000);
        out.push(...p.rows);
        cursor = p.cursor;
        if (!p.hasMore) return out;
      }
    },
    async close() {
      await app.close();
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  };
}

const FIELDS = ['name', 'notes', 'assignedUser', 'department'] as const;
type Field = (typeof FIELDS)[number];
interface Edit { id: string; field: Field; value: string; hlc: string }

async function run(server: TestServer, seed: number, ops: number) {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const proxy = await startFaultProxy(server.url, seed);
  try {
    const tenantId = crypto.randomUUID();
    await server.store.createTenant({ id: tenantId, name: 'ACME' });
    const { token } = await server.store.createToken({ tenantId, siteIds: '*' });
    const via = { url: proxy.url } as TestServer;
    const tablets: Tablet[] = ['tabA', 'tabB', 'tabC'].map((n) => tablet(n, via, token));
    const [a] = tablets as [Tablet, Tablet, Tablet];
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, tenantId);
    const siteId = (await a.org.createSite({ tenantId, name: 'HQ', address: '' })).id;
    await a.devices.bulkCreate(Array.from({ length: 60 }, (_, i) => ({ ...newDeviceFields(tenantId, siteId, null), assetNumber: `AC-${String(i + 1).padStart(6, '0')}`, name: `PC-${i + 1}` })));

    const edits: Edit[] = [];
    let created = 0;
    // Each tablet's live and deleted ids, read again after each of its syncs and kept up to date
    // by its own operations (scanning the table before every operation is slow).
    const ids = new Map<Tablet, { live: string[]; gone: string[] }>();
    const reread = async (t: Tablet) => {
      const all = await t.db.devices.toArray();
      ids.set(t, { live: all.filter((d) => !d.deleted).map((d) => d.id), gone: all.filter((d) => !!d.deleted).map((d) => d.id) });
    };
    for (const t of tablets) await reread(t);
    const move = (from: string[], to: string[], id: string) => {
      from.splice(from.indexOf(id), 1);
      to.push(id);
    };
    for (let i = 0; i < ops; i++) {
      const t = pick(tablets);
      const { live, gone } = ids.get(t)!;
      const r = rand();
      if (live.length > 0 && r < 0.8) {
        const id = pick(live);
        const d = (await t.devices.get(id))!;
        const field = pick(FIELDS);
        const value = `${t.name}-${i}`;
        await t.devices.update(id, { ...(d as DeviceFields), [field]: value });
        const hlc = (await t.db.devices.get(id))!.clocks[field]!;
        edits.push({ id, field, value, hlc });
      } else if (r < 0.88) {
        live.push((await t.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: `AC-${t.name.slice(-1)}${String(++created).padStart(5, '0')}`, name: `new-${i}` })).id);
      } else if (live.length > 0 && r < 0.94) {
        const id = pick(live);
        await t.devices.remove(id);
        move(live, gone, id);
      } else if (gone.length > 0) {
        const id = pick(gone);
        await t.devices.restore(id);
        move(gone, live, id);
      }
      if (process.env.FAULT_TRACE && i % 500 === 0) console.error(`op ${i}`, Date.now());
      if (process.env.FAULT_TRACE && !t.wrap.name.startsWith('traced')) {
        const name = t.name;
        t.wrap = function traced(x) {
          return {
            ...x,
            push: async (m, ...r) => { console.error(name, 'push>', m.length); const o = await x.push(m, ...r); console.error(name, 'push<', o.kind); return o; },
            pull: async (c, l, ...r) => { console.error(name, 'pull>', c); const o = await x.pull(c, l, ...r); console.error(name, 'pull<', o.kind); return o; }
          };
        };
      }
      if (rand() < 0.03) {
        const t0 = Date.now();
        const dog = process.env.FAULT_TRACE ? setInterval(() => console.error('STALL', t.name, i, Date.now() - t0, process.getActiveResourcesInfo().join(',')), 20_000) : undefined;
        const o = await t.sync({ pushBatch: 25 });
        if (process.env.FAULT_TRACE && Date.now() - t0 > 5000) console.error(`slow sync ${Date.now() - t0} ms`, o);
        clearInterval(dog);
        await reread(t);
      }
    }

    // Heal the network and let everyone settle: two quiet rounds in a row, every sync ok. (A
    // connection the proxy closed just before healing may still fail one request: retried.)
    proxy.faulty = false;
    for (let quiet = 0, round = 0; quiet < 2; round++) {
      expect(round, 'settles within 20 rounds').toBeLessThan(20);
      let moved = 0;
      let ok = true;
      for (const t of tablets) {
        const o = await t.sync();
        if (process.env.FAULT_TRACE) console.error('settle', t.name, o);
        expect(['ok', 'offline'], `${t.name}: ${o.message ?? ''}`).toContain(o.status);
        ok &&= o.status === 'ok';
        moved += o.pulled + o.pushed;
      }
      quiet = ok && moved === 0 ? quiet + 1 : 0;
    }

    const rows = (await server.rows(tenantId)).filter((r) => r.table === 'devices');
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const t of tablets) {
      expect(await t.db.outbox.count(), `${t.name} outbox`).toBe(0);
      const local = await t.db.devices.toArray();
      expect(local.length, `${t.name} device count`).toBe(rows.length);
      for (const d of local) {
        const s = byId.get(d.id);
        expect(s, `${t.name} ${d.id} on server`).toBeDefined();
        expect(!!d.deleted, `${t.name} ${d.id} deleted`).toBe(s!.deletedHlc !== null);
        for (const f of FIELDS) expect(d[f], `${t.name} ${d.id}.${f}`).toBe(s!.data[f]);
      }
    }
    // Last writer wins per field, by clock: the kept value is the edit with the greatest clock.
    const winner = new Map<string, Edit>();
    for (const e of edits) {
      const k = `${e.id}.${e.field}`;
      const w = winner.get(k);
      if (!w || e.hlc > w.hlc) winner.set(k, e);
    }
    let lost = 0;
    for (const [k, e] of winner) {
      const s = byId.get(e.id)!;
      if (s.data[e.field] !== e.value || (s.clocks[e.field] ?? '') < e.hlc) lost++;
      expect(s.data[e.field], k).toBe(e.value);
    }
    expect(lost).toBe(0);
    return { edits: edits.length, counts: proxy.counts, devices: rows.length };
  } finally {
    await proxy.close();
    await server.close();
  }
}

describe('three tablets through a faulty network', () => {
  it('SQLite: 10,000 random operations, 0 lost edits, 0 divergence', async () => {
    const r = await run(await startServer(), Number(process.env.FAULT_SEED ?? 0x5eed), 10_000);
    expect(r.edits).toBeGreaterThan(7_000);
    // Every kind of fault really happened.
    for (const f of ['reset', 'drop', 'truncate', 'delay'] as const) expect(r.counts[f], f).toBeGreaterThan(0);
  }, 600_000);

  it.skipIf(!PG_URL)('PostgreSQL: 10,000 random operations, 0 lost edits, 0 divergence', async () => {
    const r = await run(await startPgServer(PG_URL!), 0xfa17, 10_000);
    for (const f of ['reset', 'drop', 'truncate'] as const) expect(r.counts[f], f).toBeGreaterThan(0);
  }, 600_000);
});
