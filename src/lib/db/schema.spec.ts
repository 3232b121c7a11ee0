import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AssetWalkDB } from './schema';
import { DeviceRepository } from './devices';
import { TeamSettingsRepository } from './teamSettings';

describe('Dexie upgrade v1 → v2', () => {
  it('keeps v1 data, stamps clocks, fills indexes and lets the device be edited', async () => {
    const name = 'upgrade-' + crypto.randomUUID();
    const v1 = new Dexie(name);
    v1.version(1).stores({
      tenants: 'id, name', sites: 'id, tenantId', locations: 'id, siteId',
      devices: 'id, tenantId, siteId, locationId, assetNumber, serial'
    });
    await v1.table('tenants').add({ id: 't1', name: '客户A', assetPrefix: 'CA', serviceDeskPhone: '', updatedAt: '2025-03-01T00:00:00.000Z' });
    await v1.table('sites').add({ id: 's1', tenantId: 't1', name: '总部', address: '' });
    await v1.table('locations').add({ id: 'l1', siteId: 's1', building: 'A', floor: '3F', room: '301' });
    await v1.table('devices').add({
      id: 'd1', tenantId: 't1', siteId: 's1', locationId: 'l1', assetNumber: ' ca-000042 ', name: 'PC', type: 'desktop',
      manufacturer: 'Lenovo', model: 'M720', serial: 'PC0XYZ', purchaseDate: '2021-05-01', supplier: '', purchaseCost: null,
      warrantyEnd: '2024-05-01', assignedUser: '李娜', department: '人事部', status: 'inUse', importance: ['hr'],
      hardware: { cpu: 'i5', memoryGb: 8, disks: [], nics: [{ name: 'eth0', mac: '00:11:22:33:44:55', ip: '' }], bios: '', board: '', peripherals: '' },
      software: { os: 'Windows 10', osVersion: '22H2', installed: [], antivirus: { name: '', state: 'unknown' } },
      notes: '', custom: {}, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-02-01T00:00:00.000Z'
    });
    v1.close();

    const db = new AssetWalkDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4); // it opens at the newest version, through every upgrade
    const d = await db.devices.get('d1');
    expect(d?.assetNumber).toBe('CA-000042');
    expect(d?.assignedUser).toBe('李娜');
    expect(d?._macs).toEqual(['00:11:22:33:44:55']);
    expect(d?.clocks.assignedUser).toMatch(new RegExp(`^${String(Date.parse('2025-02-01T00:00:00.000Z')).padStart(15, '0')}-0000-[0-9a-f]{16}$`));
    // Every v1 row is queued, so the first sync sends what was surveyed before sync existed.
    const queued = await db.outbox.orderBy('clientSeq').toArray();
    expect(queued.map((e) => e.table)).toEqual(['tenants', 'sites', 'locations', 'devices']);
    expect(queued[3]!.fields).toMatchObject({ assignedUser: '李娜', assetNumber: 'CA-000042' });
    expect(queued[3]!.fields).not.toHaveProperty('_macs');
    expect(queued[2]!.fields).toMatchObject({ tenantId: 't1' });
    expect((await db.locations.get('l1'))?.tenantId).toBe('t1');
    expect((await db.tenants.get('t1'))?.clocks.name).toBeDefined();

    const repo = new DeviceRepository(db, { actor: 'x', now: () => Date.UTC(2026, 0, 1) });
    const found = await repo.getByAssetNumber('t1', 'CA-000042');
    expect(found?.id).toBe('d1');
    const edited = await repo.update('d1', { ...found!, assignedUser: '王芳' });
    expect(edited.clocks.assignedUser! > d!.clocks.assignedUser!).toBe(true);
    db.close();
  });
});

describe('Dexie upgrade v2 → v3', () => {
  it('keeps v2 data and adds the profiles table', async () => {
    const name = 'upgrade3-' + crypto.randomUUID();
    const v2 = new Dexie(name);
    v2.version(2).stores({
      tenants: 'id, name', sites: 'id, tenantId', locations: 'id, tenantId, siteId',
      devices: 'id, &[tenantId+assetNumber], tenantId, siteId, locationId, serial, *_macs, updatedAt',
      outbox: 'clientSeq, &mutationId, table', audit: '++id, [table+recordId], at', conflicts: '++id, [table+recordId]', meta: 'key',
      labels: 'id, &[tenantId+assetNumber], deviceId, state', labelEvents: 'id, labelId, at',
      panels: 'id, tenantId, siteId, deviceId', checks: 'id, panelId, signedAt', roomAudits: 'id, locationId, startedAt'
    });
    await v2.table('panels').add({ id: 'p1', tenantId: 't1', siteId: 's1', deviceId: 'd1', room: 'OR 1', clocks: {}, createdAt: '', updatedAt: '' });
    await v2.table('outbox').add({ clientSeq: 1, mutationId: 'm1', clientId: 'c', table: 'panels', recordId: 'p1', op: 'upsert', fields: { room: 'OR 1' }, hlc: 'x' });
    v2.close();

    const db = new AssetWalkDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect((await db.panels.get('p1'))?.room).toBe('OR 1');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.profiles.count()).toBe(0);
    db.close();
  });
});

describe('Dexie upgrade v3 → v4', () => {
  it('keeps v3 data (profiles and the outbox included) and adds the synced teamSettings table', async () => {
    const name = 'upgrade4-' + crypto.randomUUID();
    const v3 = new Dexie(name);
    const v2Stores = {
      tenants: 'id, name', sites: 'id, tenantId', locations: 'id, tenantId, siteId',
      devices: 'id, &[tenantId+assetNumber], tenantId, siteId, locationId, serial, *_macs, updatedAt',
      outbox: 'clientSeq, &mutationId, table', audit: '++id, [table+recordId], at', conflicts: '++id, [table+recordId]', meta: 'key',
      labels: 'id, &[tenantId+assetNumber], deviceId, state', labelEvents: 'id, labelId, at',
      panels: 'id, tenantId, siteId, deviceId', checks: 'id, panelId, signedAt', roomAudits: 'id, locationId, startedAt'
    };
    v3.version(2).stores(v2Stores);
    v3.version(3).stores({ profiles: 'id' });
    await v3.table('profiles').add({ id: 'acme-imd', config: { id: 'acme-imd', make: 'ACME' }, clocks: { config: 'x' }, createdAt: '', updatedAt: '' });
    await v3.table('labels').add({ id: 'l1', tenantId: 't1', assetNumber: 'CA-000042', deviceId: 'd1', state: 'issued', clocks: {}, createdAt: '', updatedAt: '' });
    await v3.table('outbox').add({ clientSeq: 7, mutationId: 'm7', clientId: 'c', table: 'profiles', recordId: 'acme-imd', op: 'upsert', fields: {}, hlc: 'x' });
    await v3.table('meta').put({ key: 'clientSeq', value: 7 });
    v3.close();

    const db = new AssetWalkDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect((await db.profiles.get('acme-imd'))?.config).toEqual({ id: 'acme-imd', make: 'ACME' });
    expect((await db.labels.where('[tenantId+assetNumber]').equals(['t1', 'CA-000042']).first())?.id).toBe('l1');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.teamSettings.count()).toBe(0);
    // The new table is written through the one write path: the edit is queued after the old ones.
    const repo = new TeamSettingsRepository(db, { actor: 'x', now: () => Date.UTC(2026, 0, 1) });
    await repo.setLabelOrigin('t1', 'https://assets.example.cn');
    const queued = await db.outbox.orderBy('clientSeq').toArray();
    expect(queued.map((e) => [e.clientSeq, e.table])).toEqual([[7, 'profiles'], [8, 'teamSettings']]);
    db.close();
  });
});

describe('Dexie upgrade v4 → v5', () => {
  it('keeps v4 data and the outbox, and adds the team tables, each written through the one write path', async () => {
    const name = 'upgrade5-' + crypto.randomUUID();
    const v4 = new Dexie(name);
    v4.version(2).stores({
      tenants: 'id, name', sites: 'id, tenantId', locations: 'id, tenantId, siteId',
      devices: 'id, &[tenantId+assetNumber], tenantId, siteId, locationId, serial, *_macs, updatedAt',
      outbox: 'clientSeq, &mutationId, table', audit: '++id, [table+recordId], at', conflicts: '++id, [table+recordId]', meta: 'key',
      labels: 'id, &[tenantId+assetNumber], deviceId, state', labelEvents: 'id, labelId, at',
      panels: 'id, tenantId, siteId, deviceId', checks: 'id, panelId, signedAt', roomAudits: 'id, locationId, startedAt'
    });
    v4.version(3).stores({ profiles: 'id' });
    v4.version(4).stores({ teamSettings: 'id' });
    await v4.table('teamSettings').add({ id: 'labelOrigin:t1', tenantId: 't1', name: 'labelOrigin', value: 'https://a.example', clocks: {}, createdAt: '', updatedAt: '' });
    await v4.table('devices').add({ id: 'd1', tenantId: 't1', assetNumber: 'CA-000042', _macs: ['00:11:22:33:44:55'], clocks: {}, createdAt: '', updatedAt: '' });
    await v4.table('outbox').add({ clientSeq: 3, mutationId: 'm3', clientId: 'c', table: 'devices', recordId: 'd1', op: 'upsert', fields: {}, hlc: 'x' });
    await v4.table('meta').put({ key: 'clientSeq', value: 3 });
    v4.close();

    const db = new AssetWalkDB(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect((await db.teamSettings.get('labelOrigin:t1'))?.value).toBe('https://a.example');
    expect((await db.devices.where('_macs').equals('00:11:22:33:44:55').first())?.id).toBe('d1');
    for (const t of ['blobs', 'attachments', 'articles', 'incidents', 'incidentLogs', 'drivers', 'licences', 'osImages'] as const) {
      expect(await db[t].count(), t).toBe(0);
    }
    const { writeInTx, syncTables } = await import('./writer');
    await db.transaction('rw', [db.articles, ...syncTables(db)], async () => {
      await writeInTx(db, db.articles, 'a1', { tenantId: 't1', kind: 'faq', title: '打印机卡纸' }, { actor: 'x', now: () => Date.UTC(2026, 0, 1) });
    });
    expect((await db.articles.where('kind').equals('faq').first())?.title).toBe('打印机卡纸');
    const queued = await db.outbox.orderBy('clientSeq').toArray();
    expect(queued.map((e) => [e.clientSeq, e.table])).toEqual([[3, 'devices'], [4, 'articles']]);
    db.close();
  });
});
