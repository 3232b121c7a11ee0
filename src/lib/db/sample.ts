// Writes the sample client through the ordinary repositories, so it is stamped and queued like any edit.
import { sampleClient } from '$lib/domain/sample';
import type { DeviceRepository } from './devices';
import type { OrgRepository } from './org';
import { loadSampleNetwork } from './sampleNetwork';

export async function loadSampleClient(org: OrgRepository, devices: DeviceRepository, count = 200, seed = 7): Promise<{ tenantId: string; siteId: string; devices: number }> {
  const c = sampleClient(count, seed);
  const existing = (await org.tenants()).find((t) => t.name === c.tenant.name);
  if (existing) {
    const sites = await org.sites(existing.id);
    return { tenantId: existing.id, siteId: sites[0]?.id ?? '', devices: 0 };
  }
  const tenant = await org.createTenant(c.tenant);
  const siteIds = new Map<string, string>();
  for (const s of c.sites) siteIds.set(s.key, (await org.createSite({ tenantId: tenant.id, name: s.name, address: s.address })).id);
  const locIds = new Map<string, string>();
  for (const l of c.locations) {
    const loc = await org.createLocation({ tenantId: tenant.id, siteId: siteIds.get(l.siteKey)!, building: l.building, floor: l.floor, room: l.room });
    locIds.set(l.key, loc.id);
  }
  const n = await devices.bulkCreate(
    c.devices.map(({ siteKey, locationKey, ...d }) => ({ ...d, tenantId: tenant.id, siteId: siteIds.get(siteKey)!, locationId: locIds.get(locationKey)! }))
  );
  await loadSampleNetwork(tenant.id, siteIds, c);
  await (await import('./sampleSurvey')).loadSampleSurvey(tenant.id, c);
  await (await import('./sampleService')).loadSampleService(tenant.id, siteIds, c);
  await (await import('./sampleChanges')).loadSampleChanges(tenant.id, siteIds.get('main')!, c);
  return { tenantId: tenant.id, siteId: siteIds.get('main')!, devices: n };
}
