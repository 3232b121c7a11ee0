import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '$lib/db/testing';
import { LabelRepository } from '$lib/db/labels';
import { syncTables, writeInTx } from '$lib/db/writer';
import { newDeviceFields } from '$lib/domain/device';
import { formatAssetNumber } from '$lib/domain/assetNumber';
import { newLabelFields } from '$lib/domain/labels/record';
import { classifyScan } from '$lib/domain/scan/classify';
import { resolveScan } from '$lib/domain/scan/resolve';
import { appLookup, tenantOrder } from './lookup';
import { repositoryLabelSource } from './labels';

let env: ReturnType<typeof testDb>;
let t1: string;
let t2: string;
let current: string | null;

beforeEach(async () => {
  env = testDb();
  t1 = (await env.org.createTenant({ name: '甲公司', assetPrefix: 'JIA', serviceDeskPhone: '' })).id;
  t2 = (await env.org.createTenant({ name: '乙医院', assetPrefix: 'YI', serviceDeskPhone: '' })).id;
  current = t1;
});

const resolver = () => {
  const lookup = appLookup({ devices: env.devices, org: env.org, labels: repositoryLabelSource(new LabelRepository(env.db, env.ctx)), currentTenantId: () => current });
  return (text: string) => resolveScan(classifyScan(text, { bases: ['https://a.example'] }), lookup);
};

async function addLabel(tenantId: string, assetNumber: string, extra: Record<string, unknown>): Promise<void> {
  const { db, ctx } = env;
  await db.transaction('rw', [db.labels, ...syncTables(db)], async () => {
    await writeInTx(db, db.labels, crypto.randomUUID(), { ...newLabelFields(tenantId, assetNumber, null), ...extra }, ctx);
  });
}

describe('appLookup', () => {
  it('orders tenants by the number’s prefix, then the current tenant', async () => {
    expect(await tenantOrder(env.org, 'YI-000001-X', t1)).toEqual([t2, t1]);
    expect(await tenantOrder(env.org, 'LEGACY42', t2)).toEqual([t2, t1]);
  });

  it('finds a device of another client by its number, and by serial and MAC', async () => {
    const site = await env.org.createSite({ tenantId: t2, name: '总院', address: '' });
    const n = formatAssetNumber('YI', 42);
    const d = await env.devices.create({
      ...newDeviceFields(t2, site.id, null), assetNumber: n, serial: 'PF0XYZ',
      hardware: { ...newDeviceFields(t2, site.id, null).hardware, nics: [{ name: 'eth0', mac: '00:1a:2b:3c:4d:5e', ip: '' }] }
    });
    const r = resolver();
    expect(await r(`https://a.example/a/${n}`)).toMatchObject({ type: 'device', device: { id: d.id }, matchedBy: 'assetNumber' });
    expect(await r('pf0xyz')).toMatchObject({ type: 'device', device: { id: d.id }, matchedBy: 'serial' });
    expect(await r('001A.2B3C.4D5E')).toMatchObject({ type: 'device', device: { id: d.id }, matchedBy: 'mac' });
  });

  it('reads label records: unclaimed, and voided with its replacement', async () => {
    const unclaimed = formatAssetNumber('JIA', 7);
    const voided = formatAssetNumber('JIA', 8);
    const replacement = formatAssetNumber('JIA', 9);
    await addLabel(t1, unclaimed, {});
    await addLabel(t1, voided, { state: 'voided', replacedBy: replacement });
    const r = resolver();
    expect(await r(unclaimed)).toEqual({ type: 'unclaimed', assetNumber: unclaimed, labelKnown: true });
    expect(await r(voided)).toEqual({ type: 'voided', assetNumber: voided, replacedBy: replacement, device: null });
    expect(await r(formatAssetNumber('JIA', 10))).toMatchObject({ type: 'unclaimed', labelKnown: false });
  });
});
