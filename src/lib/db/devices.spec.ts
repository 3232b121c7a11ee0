import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields, type DeviceFields } from '$lib/domain/device';
import { DuplicateAssetNumberError, ValidationError } from './devices';
import { testDb } from './testing';
import { parseHlc } from '$lib/sync/hlc';

let env: ReturnType<typeof testDb>;
let base: DeviceFields;

beforeEach(async () => {
  env = testDb();
  const t = await env.org.createTenant({ name: '华东医院', assetPrefix: 'hd', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: '总院', address: '' });
  base = { ...newDeviceFields(t.id, s.id, null), assetNumber: 'HD-000001', name: '财务部电脑', model: 'OptiPlex 7090' };
});

describe('DeviceRepository', () => {
  it('saves a device and finds it by asset number, serial and MAC', async () => {
    const d = await env.devices.create({
      ...base, serial: 'CN0ABC123',
      hardware: { ...base.hardware, nics: [{ name: 'eth0', mac: 'aa-bb-cc-dd-ee-0f', ip: '10.0.0.5' }] }
    });
    expect((await env.devices.getByAssetNumber(base.tenantId, 'hd-000001'))?.id).toBe(d.id);
    expect((await env.devices.findBySerial('cn0abc123'))[0]?.id).toBe(d.id);
    expect((await env.devices.findByMac('AABB.CCDD.EE0F'))[0]?.id).toBe(d.id);
    expect(d.hardware.nics[0]?.mac).toBe('AA:BB:CC:DD:EE:0F');
  });

  it('refuses a duplicate asset number and names the device holding it', async () => {
    const first = await env.devices.create(base);
    const err = await env.devices.create({ ...base, name: 'other' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateAssetNumberError);
    expect((err as DuplicateAssetNumberError).holder.id).toBe(first.id);
    expect(await env.db.devices.count()).toBe(1);
  });

  it('keeps a retired or deleted device holding its number', async () => {
    const d = await env.devices.create(base);
    await env.devices.remove(d.id);
    await expect(env.devices.create({ ...base })).rejects.toBeInstanceOf(DuplicateAssetNumberError);
  });

  it('saves nothing when a field is invalid', async () => {
    const bad = { ...base, purchaseDate: '2024-02-30', hardware: { ...base.hardware, nics: [{ name: '', mac: 'zz:zz', ip: '300.1.1.1' }] } };
    const err = await env.devices.create(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors).toMatchObject({ purchaseDate: 'invalidDate', 'hardware.nics.0.mac': 'invalidMac', 'hardware.nics.0.ip': 'invalidIp' });
    expect(await env.db.devices.count()).toBe(0);
    expect(await env.db.outbox.where('table').equals('devices').count()).toBe(0);
  });

  it('stamps changed fields with a new clock, queues them in the outbox and audits them', async () => {
    const d = await env.devices.create(base);
    const created = d.clocks.assignedUser!;
    env.ctx.set(Date.UTC(2026, 11, 1, 9, 0, 0));
    const u = await env.devices.update(d.id, { ...base, assignedUser: '张伟', department: '财务部' });
    expect(u.clocks.assignedUser! > created).toBe(true);
    expect(u.clocks.model).toBe(d.clocks.model); // untouched field keeps its clock
    expect(parseHlc(u.clocks.assignedUser!)?.wall).toBe(Date.UTC(2026, 11, 1, 9, 0, 0));

    const out = await env.db.outbox.where('table').equals('devices').toArray();
    expect(out).toHaveLength(2);
    expect(out[1]!.fields).toEqual({ assignedUser: '张伟', department: '财务部' });
    expect(out[1]!.hlc).toBe(u.clocks.assignedUser);
    expect(out[0]!.clientSeq).toBeLessThan(out[1]!.clientSeq);

    const hist = await env.devices.history(d.id);
    const change = hist.find((h) => h.field === 'assignedUser' && h.to === '张伟');
    expect(change).toMatchObject({ from: '', actor: 'tester' });
  });

  it('writes nothing when an update changes nothing', async () => {
    const d = await env.devices.create(base);
    const before = await env.db.outbox.count();
    await env.devices.update(d.id, { ...base });
    expect(await env.db.outbox.count()).toBe(before);
  });

  it('keeps the clock monotonic when the tablet clock jumps back', async () => {
    const d = await env.devices.create(base);
    env.ctx.set(Date.UTC(2026, 10, 1)); // a month back
    const u = await env.devices.update(d.id, { ...base, notes: 'later edit' });
    expect(u.clocks.notes! > d.clocks.name!).toBe(true);
  });
});

describe('bulk import', () => {
  it('stamps, queues and audits every imported device, and refuses an invalid one', async () => {
    const list = Array.from({ length: 30 }, (_, i) => ({ ...base, assetNumber: `HD-1${String(i).padStart(5, '0')}` }));
    expect(await env.devices.bulkCreate(list)).toBe(30);
    const all = await env.db.devices.toArray();
    expect(all).toHaveLength(30);
    expect(new Set(all.map((d) => d.clocks.assetNumber)).size).toBe(30); // one distinct clock each
    expect(await env.db.outbox.where('table').equals('devices').count()).toBe(30);
    const hist = await env.devices.history(all[0]!.id);
    expect(hist.map((h) => h.field)).toEqual(['created']);
    await expect(env.devices.bulkCreate([{ ...base, assetNumber: 'HD-200000', warrantyEnd: 'soon' }])).rejects.toBeInstanceOf(ValidationError);
    await expect(env.devices.bulkCreate([{ ...base, assetNumber: 'HD-100003' }])).rejects.toThrow();
    expect(await env.db.devices.count()).toBe(30);
  });
});
