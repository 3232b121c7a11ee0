// The server's conflicts reach every tablet of the client company that may see the record
// (GET /api/sync/conflicts, scoped like pull), once each, marked as from the server.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { nodeId } from '$lib/db/writer';
import { newDeviceFields, type Device } from '$lib/domain/device';
import { clientConflicts, useConflictValue } from './resolve';
import { readTabletDirectory } from './tabletDirectory';
import { tablet, useTenantServer, type Tablet } from './testkit';

const env = useTenantServer();
const edit = (t: Tablet, id: string, fields: Partial<Device>) => t.devices.get(id).then((d) => t.devices.update(id, { ...d!, ...fields }));
const fromServer = (t: Tablet) => t.db.conflicts.filter((c) => c.source === 'server').toArray();

describe('the server conflicts feed', () => {
  it('brings a loser recorded on the server to other tablets of its site, once, and not to other sites', async () => {
    const a = tablet('tabA', env.server, env.token, -5_000); // slow: its edit loses
    a.adoptOffset = false;
    const b = tablet('tabB', env.server, env.token);
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
    const hq = await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' });
    const other = await a.org.createSite({ tenantId: env.tenantId, name: 'Branch', address: '' });
    const d = await a.devices.create({ ...newDeviceFields(env.tenantId, hq.id, null), assetNumber: 'AC-000001', name: 'PC-1', assignedUser: 'Li' });
    expect((await a.sync()).status).toBe('ok');
    expect((await b.sync()).status).toBe('ok');

    // Both edit the same field offline; B (newer clock) pushes first, then A's older value loses on the server.
    await edit(a, d.id, { assignedUser: 'Wang (A)' });
    await edit(b, d.id, { assignedUser: 'Zhao (B)' });
    expect((await b.sync()).status).toBe('ok');
    expect((await a.sync()).status).toBe('ok');

    // C (whole company), H (HQ only) and X (Branch only) never edited anything.
    const hqToken = (await env.server.store.createToken({ tenantId: env.tenantId, siteIds: [hq.id] })).token;
    const branchToken = (await env.server.store.createToken({ tenantId: env.tenantId, siteIds: [other.id] })).token;
    const c = tablet('tabC', env.server, env.token);
    const h = tablet('tabH', env.server, hqToken);
    const x = tablet('tabX', env.server, branchToken);
    for (const t of [c, h, x, b]) expect((await t.sync({ serverConflicts: true })).status).toBe('ok');
    for (const t of [c, h, b]) {
      const got = await fromServer(t);
      expect(got).toHaveLength(1);
      // A's incoming value lost on the server: A pushed it.
      expect(got[0]).toMatchObject({ table: 'devices', recordId: d.id, field: 'assignedUser', value: 'Wang (A)', source: 'server', kind: 'value', clientId: await nodeId(a.db), reason: 'lww' });
      expect(got[0]!.serverId).toEqual(expect.any(String));
    }
    expect(await x.db.conflicts.toArray()).toEqual([]); // not its site

    // Again: nothing doubles. A, which recorded the loss itself while merging, does not get it twice.
    for (const t of [c, h, b, a]) expect((await t.sync({ serverConflicts: true })).status).toBe('ok');
    expect(await fromServer(a)).toEqual([]); // its own merge had recorded this loss already
    for (const t of [c, h, b]) expect(await fromServer(t)).toHaveLength(1);
    expect(await a.db.conflicts.where('[table+recordId]').equals(['devices', d.id]).count()).toBe(1);
  });

  it('names the tablet that pushed the lost value when the stored value lost, and shows it as recorded on the server', async () => {
    const a = tablet('tabA', env.server, env.token, -5_000); // slow: its stored value loses to B's newer edit
    a.adoptOffset = false;
    const b = tablet('tabB', env.server, env.token);
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
    const hq = await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' });
    const d = await a.devices.create({ ...newDeviceFields(env.tenantId, hq.id, null), assetNumber: 'AC-000001', name: 'PC-1', assignedUser: 'Li' });
    expect((await a.sync()).status).toBe('ok');
    expect((await b.sync()).status).toBe('ok');

    // A pushes first; B's newer edit then beats the stored value, in B's push.
    await edit(a, d.id, { assignedUser: 'Wang (A)' });
    await edit(b, d.id, { assignedUser: 'Zhao (B)' });
    expect((await a.sync()).status).toBe('ok');
    expect((await b.sync()).status).toBe('ok');

    const c = tablet('tabC', env.server, env.token);
    expect((await c.sync({ serverConflicts: true })).status).toBe('ok');
    const [got] = await fromServer(c);
    expect(got).toMatchObject({ value: 'Wang (A)', source: 'server', clientId: await nodeId(a.db) });

    const [line] = await clientConflicts(c.db, env.tenantId, await readTabletDirectory(c.db));
    expect(line).toMatchObject({ source: 'server', lost: 'Wang (A)', current: 'Zhao (B)', canRestore: true });
    expect(line!.lostBy).toMatchObject({ id: await nodeId(a.db), self: false });
    expect(line!.by).toMatchObject({ id: await nodeId(b.db), self: false });

    // One tap on C puts A's value back, as a new edit that wins everywhere.
    expect(await useConflictValue(c.db, c.ctx, line!.id)).toBe(true);
    expect(await c.db.conflicts.count()).toBe(0);
    expect((await c.sync({ serverConflicts: true })).status).toBe('ok');
    expect((await env.server.rows(env.tenantId)).find((r) => r.id === d.id)!.data.assignedUser).toBe('Wang (A)');
    expect((await b.sync()).status).toBe('ok');
    expect((await b.devices.get(d.id))!.assignedUser).toBe('Wang (A)');
  });
});
