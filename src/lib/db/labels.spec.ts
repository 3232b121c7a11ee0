import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from '$lib/domain/device';
import { parseAssetNumber } from '$lib/domain/assetNumber';
import { AssetBlockError } from '$lib/domain/assetBlocks';
import { contentFingerprint } from '$lib/domain/labels/content';
import { AssetWalkDB } from './schema';
import { LabelError, LabelRepository } from './labels';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let labels: LabelRepository;
let tenantId: string;
let siteId: string;
const ORIGIN = 'https://assets.example.cn';
const job = { jobId: 'J1', template: 'L7160', symbology: 'qr' as const };

async function device(assetNumber: string, extra: Partial<Device> = {}): Promise<Device> {
  return env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber, name: '财务部电脑', ...extra });
}

beforeEach(async () => {
  env = testDb();
  labels = new LabelRepository(env.db, env.ctx);
  tenantId = (await env.org.createTenant({ name: '华东医院', assetPrefix: 'HD', serviceDeskPhone: '400-1' })).id;
  siteId = (await env.org.createSite({ tenantId, name: '总院', address: '' })).id;
  await labels.setTabletCode(42);
});

describe('LabelRepository: minting', () => {
  it('mints valid numbers from this tablet\'s block and records each as an unclaimed label', async () => {
    const ls = await labels.mintUnclaimed(tenantId, 5);
    expect(ls.map((l) => l.assetNumber.slice(0, -2))).toEqual(['HD-104200000', 'HD-104200001', 'HD-104200002', 'HD-104200003', 'HD-104200004']);
    expect(ls.every((l) => parseAssetNumber(l.assetNumber).ok && l.state === 'unclaimed' && l.deviceId === null)).toBe(true);
    expect((await labels.blocks()).derivedNext).toEqual({ HD: 5 });
    expect(await env.db.outbox.where('table').equals('labels').count()).toBe(5);
    expect(await env.db.outbox.where('table').equals('labelEvents').count()).toBe(5);
    expect((await env.db.outbox.where('table').equals('labelEvents').first())?.op).toBe('insert');
  });

  it('two tabs (two connections) minting at once never hand out one number twice', async () => {
    const other = new LabelRepository(new AssetWalkDB(env.db.name), env.ctx);
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 15 }, () => labels.mintNumber(tenantId))),
      Promise.all(Array.from({ length: 15 }, () => other.mintNumber(tenantId)))
    ]);
    expect(new Set([...a, ...b]).size).toBe(30);
    expect((await labels.blocks()).derivedNext.HD).toBe(30);
  });

  it('skips numbers already held, and never reuses one after its device is deleted', async () => {
    const first = await labels.mintNumber(tenantId);
    const d = await device(first);
    await env.devices.remove(d.id);
    // a device typed in by hand with the next number of the block
    const nextByHand = 'HD-104200001-' + (await import('$lib/domain/assetNumber')).checkChar('HD104200001');
    await device(nextByHand);
    const n = await labels.mintNumber(tenantId);
    expect([first, nextByHand]).not.toContain(n);
    expect(n.startsWith('HD-104200002')).toBe(true);
  });

  it('refuses to mint without a tablet code or a tenant prefix', async () => {
    const fresh = testDb();
    const repo = new LabelRepository(fresh.db, fresh.ctx);
    const t = await fresh.org.createTenant({ name: 'x', assetPrefix: 'X', serviceDeskPhone: '' });
    await expect(repo.mintNumber(t.id)).rejects.toBeInstanceOf(AssetBlockError);
    const noPrefix = await fresh.org.createTenant({ name: 'y', assetPrefix: '', serviceDeskPhone: '' });
    await repo.setTabletCode(1);
    await expect(repo.mintNumber(noPrefix.id)).rejects.toMatchObject({ reason: 'noPrefix' });
  });

  it('uses a server lease before the derived block', async () => {
    await labels.addLease({ id: 'lease-1', prefix: 'HD', start: 500, end: 502 });
    const ns = await Promise.all([labels.mintNumber(tenantId), labels.mintNumber(tenantId), labels.mintNumber(tenantId)]);
    expect(ns.map((n) => n.slice(0, -2)).sort()).toEqual(['HD-000500', 'HD-000501', 'HD-104200000']);
  });
});

describe('LabelRepository: life of a label', () => {
  it('creates the label of a device once, and reprinting keeps the number', async () => {
    const d = await device('HD-000001');
    const l = await labels.ensureForDevice(d);
    expect(await labels.ensureForDevice(d)).toMatchObject({ id: l.id, state: 'issued', deviceId: d.id });
    await labels.recordPrint(job, [{ labelId: l.id, fingerprint: 'a' }]);
    await labels.recordPrint({ ...job, jobId: 'J2' }, [{ labelId: l.id, fingerprint: 'b' }]);
    const after = await labels.get(l.id);
    expect(after).toMatchObject({ assetNumber: 'HD-000001', printCount: 2, lastPrintedHash: 'b' });
    const h = await labels.history(l.id);
    expect(h.map((e) => e.kind)).toEqual(['minted', 'printed', 'printed']);
    expect(h[2]).toMatchObject({ jobId: 'J2', template: 'L7160', symbology: 'qr', deviceId: d.id });
  });

  it('goes attached → damaged → reprinted → attached', async () => {
    const l = await labels.ensureForDevice(await device('HD-000002'));
    expect((await labels.markAttached(l.id)).state).toBe('attached');
    expect((await labels.markDamaged(l.id, 'scratched')).state).toBe('damaged');
    await labels.recordPrint(job, [{ labelId: l.id, fingerprint: 'x' }]);
    expect((await labels.get(l.id))?.state).toBe('issued');
    expect((await labels.markAttached(l.id)).state).toBe('attached');
  });

  it('claims a pre-printed unclaimed label for a new device', async () => {
    const [pre] = await labels.mintUnclaimed(tenantId, 1);
    const d = await device('HD-TEMP-1');
    const claimed = await labels.claimLabel(pre!.assetNumber.toLowerCase(), d.id);
    expect(claimed).toMatchObject({ id: pre!.id, deviceId: d.id, state: 'attached' });
    expect((await env.devices.get(d.id))?.assetNumber).toBe(pre!.assetNumber);
    expect(await labels.claimLabel(pre!.assetNumber, d.id)).toMatchObject({ id: pre!.id }); // idempotent
    const other = await device('HD-TEMP-2');
    await expect(labels.claimLabel(pre!.assetNumber, other.id)).rejects.toMatchObject({ reason: 'claimedByOther' });
    await expect(labels.claimLabel('HD-999999-X', d.id)).rejects.toMatchObject({ reason: 'notFound' });
    await expect(labels.claimLabel(pre!.assetNumber, 'nope')).rejects.toMatchObject({ reason: 'deviceNotFound' });
  });

  it('voids the old label when a device with a label claims a pre-printed one', async () => {
    const d = await device('HD-000003');
    const old = await labels.ensureForDevice(d);
    const [pre] = await labels.mintUnclaimed(tenantId, 1);
    const claimed = await labels.claimLabel(pre!.assetNumber, d.id);
    expect(await labels.get(old.id)).toMatchObject({ state: 'voided', replacedBy: claimed.id });
    expect((await labels.get(claimed.id))?.replaces).toBe(old.id);
    expect((await labels.forDevice(d.id))?.id).toBe(claimed.id);
    expect((await labels.history(old.id)).map((e) => e.kind)).toEqual(['minted', 'voided', 'reissued']);
  });

  it('reissues: voids the number for good and gives the device a new one', async () => {
    const d = await device('HD-000004');
    const old = await labels.ensureForDevice(d);
    const fresh = await labels.reissue(old.id, 'label stolen');
    expect(fresh.assetNumber).not.toBe('HD-000004');
    expect(fresh).toMatchObject({ deviceId: d.id, state: 'issued', replaces: old.id });
    expect((await env.devices.get(d.id))?.assetNumber).toBe(fresh.assetNumber);
    expect(await labels.get(old.id)).toMatchObject({ state: 'voided', replacedBy: fresh.id });
    const hist = await labels.deviceHistory(d.id);
    expect(hist.map((h) => h.label.assetNumber)).toEqual(['HD-000004', fresh.assetNumber]);
    expect(hist[0]!.events.find((e) => e.kind === 'reissued')?.assetNumber).toBe(fresh.assetNumber);
    await expect(labels.recordPrint(job, [{ labelId: old.id, fingerprint: 'z' }])).rejects.toThrow(/voided/);
    // the voided number cannot come back to any device
    const other = await device('HD-000005');
    await expect(labels.claimLabel('HD-000004', other.id)).rejects.toMatchObject({ reason: 'voided' });
    await expect(labels.ensureForDevice({ ...other, assetNumber: 'HD-000004' })).rejects.toBeInstanceOf(LabelError);
  });
});

describe('LabelRepository: selecting devices to print', () => {
  it('filters by site, floor, devices without a label and labels changed since their last print', async () => {
    const site2 = (await env.org.createSite({ tenantId, name: '分院', address: '' })).id;
    const f3 = await env.org.createLocation({ tenantId, siteId, building: 'A', floor: '3', room: '301' });
    const a = await device('HD-000010', { locationId: f3.id });
    const b = await device('HD-000011');
    await device('HD-000012', { siteId: site2 });
    await device('HD-000013', { status: 'retired' });
    const pick = async (f: Parameters<LabelRepository['candidates']>[1]) => (await labels.candidates(tenantId, f, ORIGIN)).map((c) => c.device.assetNumber);

    expect(await pick({})).toEqual(['HD-000010', 'HD-000011', 'HD-000012']);
    expect(await pick({ siteId })).toEqual(['HD-000010', 'HD-000011']);
    expect(await pick({ siteId, floor: '3' })).toEqual(['HD-000010']);

    const [ca] = await labels.candidates(tenantId, { floor: '3' }, ORIGIN);
    expect(ca!.data.text.siteRoom).toBe('总院 · A / 3 / 301');
    const la = await labels.ensureForDevice(a);
    await labels.recordPrint(job, [{ labelId: la.id, fingerprint: contentFingerprint(ca!.data) }]);
    expect(await pick({ siteId, withoutLabel: true })).toEqual(['HD-000011']);
    expect(await pick({ changedSinceLastPrint: true })).toEqual([]);
    await env.devices.update(a.id, { ...a, name: '新名字' });
    expect(await pick({ changedSinceLastPrint: true })).toEqual(['HD-000010']);
    expect(await pick({ siteId, withoutLabel: true, changedSinceLastPrint: true })).toEqual(['HD-000010', 'HD-000011']);
    void b;
  });
});
