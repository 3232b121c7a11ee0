// The engine against the real sync env.server (SQLite on a temp file, real HTTP): drain, pull,
// 401, lost replies, 413 splitting, rejections, interrupted pulls.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields, type DeviceFields } from '$lib/domain/device';
import { ProfileRepository } from '$lib/db/profiles';
import { INSERT_ONLY_TABLES, SYNCED_TABLES } from '$lib/db/schema';
import { CURSOR_KEY, readCursor } from './pull';
import { rejectedEntries } from './push';
import { tablet, useTenantServer, type Tablet } from './testkit';
import type { Transport } from './transport';

const env = useTenantServer();
let siteId: string;

/** Tablet A creates the client company (with the env.server tenant's id), a site and n devices. */
async function seed(a: Tablet, n: number): Promise<DeviceFields[]> {
  await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
  siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
  const list = Array.from({ length: n }, (_, i) => ({
    ...newDeviceFields(env.tenantId, siteId, null), assetNumber: `AC-${String(i + 1).padStart(6, '0')}`, name: `PC-${i + 1}`,
    hardware: { ...newDeviceFields(env.tenantId, siteId, null).hardware, nics: [{ name: 'eth0', mac: `00:11:22:33:44:${(i % 256).toString(16).padStart(2, '0')}`, ip: '' }] }
  }));
  await a.devices.bulkCreate(list);
  return list;
}

describe('sync engine against the real server', () => {
  it('drains the outbox and the env.server has every record; another tablet pulls them with derived indexes', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 5);
    const queued = await a.db.outbox.count();
    expect(queued).toBe(7); // tenant, site, 5 devices
    const out = await a.sync();
    expect(out).toMatchObject({ status: 'ok', pushed: 7, pending: 0, rejected: 0 });
    expect(await a.db.outbox.count()).toBe(0);
    const rows = await env.server.rows(env.tenantId);
    expect(rows.filter((r) => r.table === 'devices').map((r) => r.data.name).sort()).toEqual(['PC-1', 'PC-2', 'PC-3', 'PC-4', 'PC-5']);

    const b = tablet('tabB', env.server, env.token);
    expect(await b.sync()).toMatchObject({ status: 'ok', pulled: 7, pushed: 0 });
    expect((await b.devices.listBySite(siteId)).length).toBe(5);
    expect((await b.devices.findByMac('00-11-22-33-44-02'))[0]?.name).toBe('PC-3');
    expect((await b.devices.getByAssetNumber(env.tenantId, 'AC-000001'))?.name).toBe('PC-1');
    // Pulled rows are not local edits: nothing queued, nothing audited.
    expect(await b.db.outbox.count()).toBe(0);
    expect(await b.db.audit.count()).toBe(0);
    expect(await readCursor(b.db)).toBe(Math.max(...rows.map((r) => r.serverSeq)));
    // A's own echoes change nothing and record no conflicts.
    expect(await a.sync()).toMatchObject({ status: 'ok', conflicts: 0 });
    expect(await a.db.conflicts.count()).toBe(0);
  });

  it('401 stops the run and keeps the outbox; the retry with a valid env.token drains it', async () => {
    const a = tablet('tabA', env.server, 'aw_revoked-or-wrong');
    await seed(a, 3);
    expect(await a.sync()).toMatchObject({ status: 'unauthorized', pending: 5 });
    expect(await a.db.outbox.count()).toBe(5);
    a.token = '';
    expect((await a.sync()).status).toBe('unauthorized');
    a.token = env.token;
    expect(await a.sync()).toMatchObject({ status: 'ok', pushed: 5, pending: 0 });
    expect((await env.server.rows(env.tenantId)).length).toBe(5);
  });

  it('a lost push reply: offline, nothing lost; the re-push is answered duplicate with no double effect', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 2);
    const statuses: string[] = [];
    let drop = true;
    a.wrap = (t): Transport => ({
      pull: (c, l) => t.pull(c, l),
      async push(m) {
        const r = await t.push(m);
        if (r.kind === 'ok') statuses.push(...r.body.results.map((x) => x.status));
        if (drop) return { kind: 'network', error: 'connection reset after commit' };
        return r;
      }
    });
    expect(await a.sync()).toMatchObject({ status: 'offline', pending: 4 });
    drop = false;
    expect(await a.sync()).toMatchObject({ status: 'ok', pending: 0 });
    expect(statuses).toEqual(['applied', 'applied', 'applied', 'applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const rows = await env.server.rows(env.tenantId);
    expect(rows.length).toBe(4);
    expect(Math.max(...rows.map((r) => r.serverSeq))).toBe(4); // applied once: one server_seq each
  });

  it('a network failure keeps everything; the next run pushes in clientSeq order', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 1);
    const dead = tablet('x', { ...env.server, url: 'http://127.0.0.1:9' }, env.token);
    const offline = await dead.engine({ db: a.db }).sync();
    expect(offline.status).toBe('offline');
    expect(await a.db.outbox.count()).toBe(3);
    const seqs: number[] = [];
    a.wrap = (t) => ({ pull: (c, l) => t.pull(c, l), push: (m) => (seqs.push(...m.map((x) => x.clientSeq)), t.push(m)) });
    // One mutation a request: the order of the requests is the order the tablet sends in.
    expect((await a.sync({ pushBatch: 1 })).status).toBe('ok');
    const queued = [...seqs];
    expect(queued).toHaveLength(3);
    expect(queued.every((x, i) => i === 0 || x > queued[i - 1]!)).toBe(true);
    expect((await env.server.rows(env.tenantId)).length).toBe(3); // nothing lost to the failed run
  });

  it('413 splits the batch until it fits', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 40);
    const sizes: number[] = [];
    a.wrap = (t) => ({
      pull: (c, l) => t.pull(c, l),
      push: async (m) => (sizes.push(m.length), m.length > 10 ? { kind: 'too-large' } : t.push(m))
    });
    expect(await a.sync({ pushBatch: 200 })).toMatchObject({ status: 'ok', pushed: 42, pending: 0 });
    expect(sizes.slice(0, 4)).toEqual([42, 21, 11, 6]);
    expect((await env.server.rows(env.tenantId)).length).toBe(42);
  });

  it('a rejected mutation is kept visible and does not block the ones behind it', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 1);
    // A client company this env.token is not for: the env.server refuses its records (tenant-mismatch).
    const other = await a.org.createTenant({ name: 'Other', assetPrefix: 'OT', serviceDeskPhone: '' });
    await a.org.createSite({ tenantId: other.id, name: 'Elsewhere', address: '' });
    await a.devices.create({ ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000099', name: 'after' });
    const out = await a.sync();
    expect(out).toMatchObject({ status: 'ok', rejected: 2, pending: 0 });
    const rejected = await rejectedEntries(a.db);
    // Neither the other company's record nor its site may be written with this env.token.
    expect(rejected.map((r) => [r.entry.table, r.reason])).toEqual([['tenants', 'tenant-mismatch'], ['sites', 'tenant-mismatch']]);
    expect((await env.server.rows(env.tenantId)).some((r) => r.data.name === 'after')).toBe(true);
  });

  it('ids are scoped by client company: an id another company uses is simply ours too (rule 10)', async () => {
    const otherTenant = crypto.randomUUID();
    await env.server.store.createTenant({ id: otherTenant, name: 'Other' });
    const other = tablet('tabB', env.server, (await env.server.store.createToken({ tenantId: otherTenant, siteIds: '*' })).token);
    await other.org.createTenant({ name: 'Other', assetPrefix: 'OT', serviceDeskPhone: '' }, otherTenant);
    await other.org.createSite({ tenantId: otherTenant, name: 'Theirs', address: '' }, 'site-main');
    expect(await other.sync()).toMatchObject({ status: 'ok', pending: 0 });

    const a = tablet('tabA', env.server, env.token);
    await seed(a, 2);
    await a.org.createSite({ tenantId: env.tenantId, name: 'Ours', address: '' }, 'site-main');
    expect(await a.sync({ pushBatch: 200 })).toMatchObject({ status: 'ok', rejected: 0, pending: 0 });
    expect((await env.server.rows(env.tenantId)).find((r) => r.id === 'site-main')?.data.name).toBe('Ours');
    expect((await env.server.rows(otherTenant)).find((r) => r.id === 'site-main')?.data.name).toBe('Theirs');
    // Neither pull crosses over.
    expect(await other.sync()).toMatchObject({ status: 'ok' });
    expect((await other.db.sites.get('site-main'))?.name).toBe('Theirs');
    expect(await other.db.devices.count()).toBe(0);
  });

  it('one asset number given offline to two devices does not stall sync; the clash is recorded', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 1);
    expect(await a.sync()).toMatchObject({ status: 'ok' });
    const b = tablet('tabB', env.server, env.token);
    expect(await b.sync()).toMatchObject({ status: 'ok' });
    const dup = { ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000500' };
    await a.devices.create({ ...dup, name: 'A’s' });
    const mine = await b.devices.create({ ...dup, name: 'B’s' });
    expect(await a.sync()).toMatchObject({ status: 'ok', pending: 0 });
    expect(await b.sync()).toMatchObject({ status: 'ok', pending: 0 }); // not stuck on the unique index
    const clash = await b.db.conflicts.where('[table+recordId]').equals(['devices', mine.id]).toArray();
    expect(clash).toMatchObject([{ kind: 'assetNumberClash', value: 'AC-000500' }]);
    expect((await b.devices.getByAssetNumber(env.tenantId, 'AC-000500'))?.name).toBe('B’s');
    // Later changes still arrive.
    await a.devices.create({ ...dup, assetNumber: 'AC-000501', name: 'after the clash' });
    await a.sync();
    await b.sync();
    expect((await b.devices.getByAssetNumber(env.tenantId, 'AC-000501'))?.name).toBe('after the clash');
  });

  it('a fresh tablet pulling a number two devices share keeps one, records the clash and gets every other row', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 25);
    const b = tablet('tabB', env.server, env.token);
    expect(await a.sync()).toMatchObject({ status: 'ok' });
    expect(await b.sync()).toMatchObject({ status: 'ok' });
    const dup = { ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000900' };
    await a.devices.create({ ...dup, name: 'A’s' });
    await b.devices.create({ ...dup, name: 'B’s' });
    await a.devices.create({ ...dup, assetNumber: 'AC-000901', name: 'after' });
    expect(await a.sync()).toMatchObject({ status: 'ok', pending: 0 });
    expect(await b.sync()).toMatchObject({ status: 'ok' });
    const total = (await env.server.rows(env.tenantId)).filter((r) => r.table === 'devices').length;

    // An empty tablet takes the fast path (no lookups); the clash fails its page, which is merged again.
    const c = tablet('tabC', env.server, env.token);
    expect(await c.sync({ pullPage: 10 })).toMatchObject({ status: 'ok' });
    expect(await c.db.devices.count()).toBe(total - 1);
    expect((await c.devices.getByAssetNumber(env.tenantId, 'AC-000901'))?.name).toBe('after');
    const holder = await c.devices.getByAssetNumber(env.tenantId, 'AC-000900');
    const clash = await c.db.conflicts.where('[table+recordId]').equals(['devices', holder!.id]).toArray();
    expect(clash).toMatchObject([{ kind: 'assetNumberClash', value: 'AC-000900' }]);
  });

  it('a pull interrupted between pages resumes without missing or doubling rows', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 30);
    await a.sync();
    const b = tablet('tabB', env.server, env.token);
    let pages = 0;
    await expect(
      b.sync({ pullPage: 10, afterPullPage: () => { if (++pages === 2) throw new Error('killed'); } })
    ).rejects.toThrow('killed');
    expect(await readCursor(b.db)).toBe(20);
    expect(await b.db.devices.count()).toBe(18); // tenant + site + 18 devices in the first 20 rows
    expect(await b.sync({ pullPage: 10 })).toMatchObject({ status: 'ok', pulled: 12 });
    expect(await b.db.devices.count()).toBe(30);
    expect((await b.db.meta.get(CURSOR_KEY))?.value).toBe(32);
    expect(await b.db.conflicts.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);
  });

  it('rows of a table an older app version did not know arrive after the update', async () => {
    const a = tablet('tabA', env.server, env.token);
    await seed(a, 2);
    const profile = { id: 'acme-imd', make: 'ACME', model: 'IMD-1', fc: 3, entries: [{ address: 8, type: 'u16', unit: 'kΩ', meaning: 'insulation' }] };
    expect((await new ProfileRepository(a.db, a.ctx).save(JSON.stringify(profile))).ok).toBe(true);
    expect(await a.sync()).toMatchObject({ status: 'ok', pending: 0, rejected: 0 });

    const old = new Set<string>([...SYNCED_TABLES, ...INSERT_ONLY_TABLES].filter((t) => t !== 'profiles'));
    const b = tablet('tabB', env.server, env.token);
    expect(await b.sync({ knownTables: old })).toMatchObject({ status: 'ok' });
    expect(await b.db.devices.count()).toBe(2);
    expect(await b.db.profiles.count()).toBe(0); // the old version cannot store them
    // The app is updated: the next sync brings the rows it skipped, and nothing is doubled.
    await b.sync();
    expect((await b.db.profiles.toArray()).map((p) => p.id)).toEqual(['acme-imd']);
    expect(await b.db.devices.count()).toBe(2);
    expect(await b.db.conflicts.count()).toBe(0);
    expect(await readCursor(b.db)).toBe(Math.max(...(await env.server.rows(env.tenantId)).map((r) => r.serverSeq)));
  });
});
