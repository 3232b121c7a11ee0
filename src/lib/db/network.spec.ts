import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '$lib/domain/assetNumber';
import { newDeviceFields } from '$lib/domain/device';
import { sampleClient } from '$lib/domain/sample';
import { ipConflicts } from '$lib/domain/network/ipPlan';
import { NetValidationError, NetworkRepository } from './network';
import { writeSampleNetwork } from './sampleNetwork';
import { testDb } from './testing';
import { topologyInput } from './topology';

async function setup() {
  const t = testDb();
  const tenant = await t.org.createTenant({ name: 'C', assetPrefix: 'C', serviceDeskPhone: '' });
  const site = await t.org.createSite({ tenantId: tenant.id, name: 'S', address: '' });
  const loc = await t.org.createLocation({ tenantId: tenant.id, siteId: site.id, building: 'B', floor: '1F', room: '机房' });
  let n = 0;
  const mk = (name: string, type: 'switch' | 'firewall' | 'desktop') => t.devices.create({ ...newDeviceFields(tenant.id, site.id, loc.id), name, type, assetNumber: formatAssetNumber('C', ++n) });
  const [sw, fw, pc] = [await mk('SW-1', 'switch'), await mk('FW-1', 'firewall'), await mk('PC-1', 'desktop')];
  return { ...t, repo: new NetworkRepository(t.db, t.ctx), tenantId: tenant.id, siteId: site.id, sw, fw, pc };
}

describe('network repository', () => {
  it('keeps configuration versions insert-only, newest first, queued as inserts', async () => {
    const { repo, db, ctx, tenantId, sw } = await setup();
    await repo.saveConfig(tenantId, sw.id, 'sysname a', 'first');
    ctx.set(Date.UTC(2026, 11, 2));
    await repo.saveConfig(tenantId, sw.id, 'sysname b', 'second');
    expect((await repo.configs(sw.id)).map((c) => [c.text, c.note, c.by])).toEqual([['sysname b', 'second', 'tester'], ['sysname a', 'first', 'tester']]);
    const out = (await db.outbox.toArray()).filter((e) => e.table === 'netConfigs');
    expect(out.map((e) => e.op)).toEqual(['insert', 'insert']);
    await expect(repo.saveConfig(tenantId, sw.id, '  ', '')).rejects.toBeInstanceOf(NetValidationError);
  });

  it('saves VLANs and addresses validated, and lists the plan with its conflicts', async () => {
    const { repo, tenantId, siteId, sw } = await setup();
    await expect(repo.saveVlan({ tenantId, siteId, vlanId: 10, name: 'x', subnet: '10.0.0.1/24', gateway: '', purpose: '' })).rejects.toMatchObject({ errors: { subnet: 'cidr' } });
    await repo.saveVlan({ tenantId, siteId, vlanId: 20, name: '办公', subnet: '10.0.20.0/24', gateway: '10.0.20.1', purpose: '' });
    await repo.saveVlan({ tenantId, siteId, vlanId: 10, name: '网管', subnet: '10.0.0.0/24', gateway: '10.0.0.1', purpose: '' });
    await repo.saveIp({ tenantId, siteId, ip: '10.0.0.2', deviceId: sw.id, mac: 'f4-8e-38-00-00-01', vlanId: 10, note: '' });
    await repo.saveIp({ tenantId, siteId, ip: '10.0.0.2', vlanId: 20, note: 'NVR' });
    const vlans = await repo.vlans(siteId);
    expect(vlans.map((v) => v.vlanId)).toEqual([10, 20]);
    const ips = await repo.ips(siteId);
    // Two rows with one address: their order is not defined, so find each by what it holds.
    expect(ips.find((i) => i.deviceId)).toMatchObject({ ip: '10.0.0.2', deviceId: sw.id, mac: 'F4:8E:38:00:00:01' });
    const nvr = ips.find((i) => i.note === 'NVR')!;
    expect(nvr.deviceId).toBeUndefined();
    expect(ipConflicts(vlans, ips).map((c) => c.kind)).toEqual(['duplicateIp', 'outsideVlan']);
    await repo.remove('ipAssignments', nvr.id);
    expect(await repo.ips(siteId)).toHaveLength(1);
  });

  it('records a cable once whichever way round it is entered, and adds LLDP links not yet known', async () => {
    const { repo, tenantId, siteId, sw, fw, pc } = await setup();
    const id = await repo.saveLink({ tenantId, siteId, fromDeviceId: sw.id, fromPort: 'Gi0/1', toDeviceId: fw.id, toPort: 'eth2', source: 'manual' });
    expect(await repo.saveLink({ tenantId, siteId, fromDeviceId: fw.id, fromPort: 'eth2', toDeviceId: sw.id, toPort: 'gi0/1', source: 'manual' })).toBe(id);
    const added = await repo.addLinks(tenantId, siteId, [
      { fromDeviceId: sw.id, fromPort: 'Gi0/1', toDeviceId: fw.id, toPort: 'eth2', source: 'lldp' },
      { fromDeviceId: sw.id, fromPort: 'Gi0/5', toDeviceId: pc.id, toPort: '', source: 'lldp', speed: '1G' }
    ]);
    expect(added).toBe(1);
    expect((await repo.linksOf(sw.id)).map((l) => l.fromPort).sort()).toEqual(['Gi0/1', 'Gi0/5']);
  });

  it('keeps dragged positions per site, merged', async () => {
    const { repo, tenantId, siteId, sw, fw } = await setup();
    await repo.savePosition(tenantId, siteId, sw.id, { x: 10.4, y: 20 });
    await repo.savePosition(tenantId, siteId, fw.id, { x: 5, y: 6 });
    expect(await repo.layout(siteId)).toEqual({ [sw.id]: { x: 10, y: 20 }, [fw.id]: { x: 5, y: 6 } });
    await repo.resetLayout(tenantId, siteId);
    expect(await repo.layout(siteId)).toEqual({});
  });

  it('colours the topology by open incidents and last check, and draws devices a cable ends at', async () => {
    const { repo, db, tenantId, siteId, sw, fw, pc } = await setup();
    await repo.saveLink({ tenantId, siteId, fromDeviceId: sw.id, fromPort: 'Gi0/5', toDeviceId: pc.id, toPort: '', source: 'manual' });
    await repo.saveConfig(tenantId, sw.id, 'x', '', '2026-11-20T00:00:00.000Z');
    await db.incidents.bulkPut([
      { id: 'i1', tenantId, siteId, deviceId: fw.id, status: 'in-progress', clocks: {}, createdAt: '', updatedAt: '' },
      { id: 'i2', tenantId, siteId, deviceId: sw.id, status: 'closed', clocks: {}, createdAt: '', updatedAt: '' }
    ]);
    const input = (await topologyInput(db, tenantId, siteId, Date.UTC(2026, 11, 1)))!;
    expect(Object.fromEntries(input.devices.map((d) => [d.name, d.health]))).toEqual({ 'SW-1': 'ok', 'FW-1': 'incident', 'PC-1': 'never' });
  });

  it('loads the sample network onto the sample client, every link between its devices', async () => {
    const t = testDb();
    const c = sampleClient(200, 7);
    const tenant = await t.org.createTenant(c.tenant);
    const siteIds = new Map<string, string>();
    for (const s of c.sites) siteIds.set(s.key, (await t.org.createSite({ tenantId: tenant.id, name: s.name, address: s.address })).id);
    await t.devices.bulkCreate(c.devices.map(({ siteKey, locationKey: _l, ...d }) => ({ ...d, tenantId: tenant.id, siteId: siteIds.get(siteKey)!, locationId: null })));
    await writeSampleNetwork(t.db, t.ctx, tenant.id, siteIds, c);
    const repo = new NetworkRepository(t.db, t.ctx);
    const main = siteIds.get('main')!;
    expect((await repo.vlans(main)).length).toBe(6);
    expect((await repo.links(main)).length).toBeGreaterThan(15);
    expect(await t.db.netConfigs.count()).toBeGreaterThanOrEqual(4);
    const topo = (await topologyInput(t.db, tenant.id, main, Date.UTC(2026, 5, 1)))!;
    expect(topo.devices.some((d) => d.type === 'firewall' && d.health === 'ok')).toBe(true);
  });
});
