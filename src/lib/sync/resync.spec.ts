// Tombstone collection and the clean resync (sync-protocol rule 6) against the real server: a
// tablet offline past the collection gets 410, pulls everything again, sweeps the records whose
// tombstones were collected, keeps every edit it had not pushed, and ends equal to the server.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { pullKeys, readCursor } from './pull';
import { tablet, useTenantServer, type Tablet } from './testkit';
import type { Transport } from './transport';

const env = useTenantServer();
const DAY = 24 * 3_600_000;

async function seed(a: Tablet, n: number) {
  await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
  const siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) ids.push((await a.devices.create({ ...newDeviceFields(env.tenantId, siteId, null), assetNumber: `AC-${String(i).padStart(6, '0')}`, name: `PC-${i}` })).id);
  return { siteId, ids };
}

/** Devices as the server has them and as the tablet has them: id → name, or 'deleted'. */
async function serverDevices() {
  const rows = (await env.server.rows(env.tenantId)).filter((r) => r.table === 'devices');
  return Object.fromEntries(rows.map((r) => [r.id, r.deletedHlc ? 'deleted' : String(r.data.name)]));
}
async function tabletDevices(t: Tablet) {
  const rows = await t.db.devices.toArray();
  return Object.fromEntries(rows.map((r) => [r.id, r.deleted ? 'deleted' : r.name]));
}

describe('tombstone collection and the clean resync', () => {
  it('a tablet offline for 31 days gets 410, ends equal to the server and keeps its pending edits', async () => {
    const a = tablet('tabA', env.server, env.token);
    const { siteId, ids } = await seed(a, 4);
    await a.sync();
    const b = tablet('tabB', env.server, env.token);
    await b.sync();
    expect(Object.keys(await tabletDevices(b))).toHaveLength(4);

    // B goes offline. A deletes two devices and syncs; the server collects them 31 days later.
    await a.devices.remove(ids[0]!);
    await a.devices.remove(ids[1]!);
    await a.sync();
    expect(await env.server.store.collectTombstones({ now: Date.now() + 31 * DAY })).toEqual({ tenants: 1, collected: 2 });

    // Meanwhile B, offline, edited one device and created another.
    await b.devices.update(ids[2]!, { ...(await b.devices.get(ids[2]!))!, name: 'PC-3 (B, offline)' });
    const mine = await b.devices.create({ ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000900', name: 'new on B' });

    const replies: string[] = [];
    b.wrap = (t): Transport => ({ pull: async (c, l, x) => { const r = await t.pull(c, l, x); replies.push(r.kind); return r; }, push: (m, x) => t.push(m, x) });
    const out = await b.sync();
    expect(out).toMatchObject({ status: 'ok', pending: 0, rejected: 0 });
    expect(replies[0]).toBe('gone');
    expect(await b.db.meta.get(pullKeys(null).resync)).toBeUndefined(); // the resync finished

    const server = await serverDevices();
    expect(server).toEqual({ [ids[2]!]: 'PC-3 (B, offline)', [ids[3]!]: 'PC-4', [mine.id]: 'new on B' });
    expect(await tabletDevices(b)).toEqual(server);
    // A, whose cursor also predates the collection, resyncs too and sweeps its own tombstones.
    await a.sync();
    expect(await tabletDevices(a)).toEqual(server);
    expect(await a.db.conflicts.count()).toBe(0);
    expect(await b.db.conflicts.count()).toBe(0);
  });

  it('a resync cut off half way starts again from 0 and still sweeps', async () => {
    const a = tablet('tabA', env.server, env.token);
    const { ids } = await seed(a, 30);
    await a.sync();
    const b = tablet('tabB', env.server, env.token);
    await b.sync();
    await b.sync();
    for (const id of ids.slice(0, 5)) await a.devices.remove(id);
    await a.sync();
    await env.server.store.collectTombstones({ now: Date.now() + 31 * DAY });

    let pages = 0;
    await expect(b.sync({ pullPage: 10, afterPullPage: () => { if (++pages === 2) throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await b.db.meta.get(pullKeys(null).resync)).toMatchObject({ value: true });
    expect(await b.sync({ pullPage: 10 })).toMatchObject({ status: 'ok' });
    expect(await tabletDevices(b)).toEqual(await serverDevices());
    expect(Object.keys(await tabletDevices(b))).toHaveLength(25);
    expect(await readCursor(b.db)).toBe(Math.max(...(await env.server.rows(env.tenantId)).map((r) => r.serverSeq)));
  });
});
