// A tablet holding several client companies (issue 9 "Tablets") against the real server: each
// chosen tenant is synced with its own cursor and only its own outbox entries, every request
// naming it in X-AssetWalk-Tenant; entries of a tenant not chosen stay queued.
//
// The server's account routes are built beside this change; until then the test's fetch plays
// the account token's part: it sends each request with the legacy token of the tenant its
// header names (a legacy token is bound to one tenant), and records the headers it saw.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { TENANT_HEADER } from './accounts';
import { CURSOR_KEY, pullKeys, readCursor } from './pull';
import { startServer, tablet, type Tablet, type TestServer } from './testkit';
import { httpTransport } from './transport';

let server: TestServer;
const T = ['t-acme', 't-bolt', 't-cedar'] as const;
const tokens = new Map<string, string>();
let seenTenants: (string | null)[];

beforeEach(async () => {
  server = await startServer();
  seenTenants = [];
  for (const id of T) {
    await server.store.createTenant({ id, name: id });
    tokens.set(id, (await server.store.createToken({ tenantId: id, siteIds: '*' })).token);
  }
});
afterEach(async () => server.close());

/** A tablet whose requests authenticate as the tenant their header names. */
function accountTablet(name: string, chosen: () => string[]): Tablet {
  const t = tablet(name, server, 'account-token');
  const fetchAs: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    const tenant = headers.get(TENANT_HEADER);
    seenTenants.push(tenant);
    headers.set('authorization', `Bearer ${tenant ? tokens.get(tenant) : 'none'}`);
    return fetch(input, { ...init, headers });
  };
  const engine = t.engine.bind(t);
  t.engine = (extra = {}) =>
    engine({ transport: httpTransport({ baseUrl: server.url, token: async () => 'account-token', fetch: fetchAs }), tenants: chosen, ...extra });
  t.sync = (extra) => t.engine(extra).sync();
  return t;
}

async function seedTenant(t: Tablet, tenantId: string, devices: number) {
  await t.org.createTenant({ name: tenantId, assetPrefix: 'AC', serviceDeskPhone: '' }, tenantId);
  const site = await t.org.createSite({ tenantId, name: 'HQ', address: '' });
  const list = Array.from({ length: devices }, (_, i) => ({ ...newDeviceFields(tenantId, site.id, null), assetNumber: `AC-${String(i + 1).padStart(6, '0')}`, name: `${tenantId}-${i + 1}` }));
  await t.devices.bulkCreate(list);
  return { site, devices: await t.db.devices.where('tenantId').equals(tenantId).sortBy('assetNumber') };
}

const names = async (tenantId: string) => (await server.rows(tenantId)).filter((r) => r.table === 'devices').map((r) => String(r.data.name)).sort();

describe('a tablet with several client companies', () => {
  it('syncs each chosen tenant under its header; entries of a tenant not chosen stay queued until it is chosen', async () => {
    let chosen = ['t-acme', 't-bolt'];
    const m = accountTablet('tabM', () => chosen);
    await seedTenant(m, 't-acme', 2);
    await seedTenant(m, 't-bolt', 1);
    const cedar = await seedTenant(m, 't-cedar', 3);
    // A delete carries no tenantId: its tenant comes from the record.
    await m.devices.remove(cedar.devices[0]!.id);
    expect(await m.db.outbox.count()).toBe(4 + 3 + 6);

    expect(await m.sync()).toMatchObject({ status: 'ok', pushed: 7, pending: 6 });
    expect(await names('t-acme')).toEqual(['t-acme-1', 't-acme-2']);
    expect(await names('t-bolt')).toEqual(['t-bolt-1']);
    expect(await server.rows('t-cedar')).toEqual([]);
    expect(new Set(seenTenants)).toEqual(new Set(['t-acme', 't-bolt']));
    // One cursor per tenant (the echoes of our pushes come with the next pull), none for the single-tenant key.
    expect(await m.sync()).toMatchObject({ status: 'ok', pulled: 7, conflicts: 0 });
    expect(await readCursor(m.db, 't-acme')).toBe(4);
    expect(await readCursor(m.db, 't-bolt')).toBe(3);
    expect(await m.db.meta.get(CURSOR_KEY)).toBeUndefined();

    // Another tablet of t-bolt edits; tabM pulls it under t-bolt's cursor.
    const other = tablet('tabB', server, tokens.get('t-bolt')!);
    await other.sync();
    const [bolt] = await other.db.devices.toArray();
    const { id: _id, clocks: _c, createdAt: _a, updatedAt: _u, _macs: _m, ...fields } = bolt!;
    await other.devices.update(bolt!.id, { ...fields, name: 'renamed by B' });
    await other.sync();
    expect(await m.sync()).toMatchObject({ status: 'ok', pulled: 1, pending: 6 });
    expect((await m.db.devices.get(bolt!.id))?.name).toBe('renamed by B');

    chosen = [...chosen, 't-cedar'];
    expect(await m.sync()).toMatchObject({ status: 'ok', pushed: 6, pending: 0 });
    const rows = await server.rows('t-cedar');
    expect(rows.filter((r) => r.table === 'devices' && r.deletedHlc === null).length).toBe(2);
    expect(rows.find((r) => r.id === cedar.devices[0]!.id)?.deletedHlc).not.toBeNull();
  });

  it('a legacy single-tenant cursor moves to its tenant; nothing is pulled twice', async () => {
    const legacy = tablet('tabL', server, tokens.get('t-acme')!);
    await seedTenant(legacy, 't-acme', 3);
    expect(await legacy.sync()).toMatchObject({ status: 'ok', pending: 0 });
    await legacy.sync(); // pulls its own echoes: the cursor reaches the server's last seq
    expect(seenTenants).toEqual([]); // the legacy path sends no tenant header
    const cursor = await readCursor(legacy.db);
    expect(cursor).toBe(5);

    const writer = tablet('tabW', server, tokens.get('t-bolt')!);
    await seedTenant(writer, 't-bolt', 2);
    await writer.sync();

    // Same database, now with an account token holding two tenants.
    const m = accountTablet('tabL2', () => ['t-acme', 't-bolt']);
    expect(await m.sync({ db: legacy.db })).toMatchObject({ status: 'ok', pulled: 4 }); // t-bolt's 4 rows only
    expect(await legacy.db.meta.get(CURSOR_KEY)).toBeUndefined();
    expect((await legacy.db.meta.get(pullKeys('t-acme').cursor))?.value).toBe(cursor);
    expect(await legacy.db.devices.count()).toBe(5);
  });

  it('a tenant whose grant was withdrawn (403) does not stop the others, and keeps its entries', async () => {
    const m = accountTablet('tabM', () => ['t-acme', 't-bolt']);
    await seedTenant(m, 't-acme', 1);
    await seedTenant(m, 't-bolt', 1);
    // The server answers 403 for a tenant the account holds no grant of (api.md).
    const out = await m.sync({
      transport: {
        pull: (c, l, tenant) => (tenant === 't-acme' ? Promise.resolve({ kind: 'unauthorized', status: 403 }) : http.pull(c, l, tenant)),
        push: (ms, tenant) => http.push(ms, tenant)
      }
    });
    expect(out).toMatchObject({ status: 'unauthorized', pending: 3 });
    expect(await names('t-bolt')).toEqual(['t-bolt-1']);
  });
});

const http = {
  pull: (c: number, l: number, tenant?: string | null) => transportFor().pull(c, l, tenant),
  push: (ms: Parameters<ReturnType<typeof httpTransport>['push']>[0], tenant?: string | null) => transportFor().push(ms, tenant)
};
function transportFor() {
  return httpTransport({
    baseUrl: server.url,
    token: () => 'x',
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${tokens.get(headers.get(TENANT_HEADER) ?? '') ?? 'none'}`);
      return fetch(input, { ...init, headers });
    }
  });
}
