import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { numberHolders } from './numberHolders';
import { testDb } from './testing';

it('finds the devices holding asked numbers, once each, in their own company only', async () => {
  const env = testDb();
  const a = await env.org.createTenant({ name: '华东医院', assetPrefix: 'hd', serviceDeskPhone: '' });
  const b = await env.org.createTenant({ name: '西区医院', assetPrefix: 'xq', serviceDeskPhone: '' });
  const site = await env.org.createSite({ tenantId: a.id, name: '总院', address: '' });
  const one = await env.devices.create({ ...newDeviceFields(a.id, site.id, null), assetNumber: 'HD-000001', name: 'PC-1' });
  const two = await env.devices.create({ ...newDeviceFields(a.id, site.id, null), assetNumber: 'HD-000002', name: 'PC-2' });
  const asked = [[a.id, 'HD-000002'], [a.id, 'HD-000001'], [a.id, 'HD-000002'], [a.id, 'HD-000404'], [b.id, 'HD-000001']] as const;
  const held = await numberHolders(env.db.devices, asked);
  expect(held.map((d) => d.id).sort()).toEqual([one.id, two.id].sort());
  expect(await numberHolders(env.db.devices, [])).toEqual([]);
});
