/**
 * Reads a client's survey for the report: sites, locations, devices, licences, OS images and
 * the conflicts of each site's IP plan. Deleted records are left out.
 */
import type { ReportDevice, SurveyInput } from '$lib/domain/survey/report';
import type { ImageRecord, LicenceRecord } from '$lib/domain/survey';
import { ipConflicts } from '$lib/domain/network/ipPlan';
import type { AssetWalkDB } from './schema';
import { NetworkRepository } from './network';

export async function surveyInput(db: AssetWalkDB, tenantId: string, today: string): Promise<SurveyInput & { tenantName: string }> {
  const [tenant, sites, locations, devices, licences, images] = await Promise.all([
    db.tenants.get(tenantId),
    db.sites.where('tenantId').equals(tenantId).toArray(),
    db.locations.where('tenantId').equals(tenantId).toArray(),
    db.devices.where('tenantId').equals(tenantId).toArray(),
    db.licences.where('tenantId').equals(tenantId).toArray(),
    db.osImages.where('tenantId').equals(tenantId).toArray()
  ]);
  const repo = new NetworkRepository(db, { actor: '', now: () => Date.now() });
  let conflicts = 0;
  for (const s of sites) conflicts += ipConflicts(await repo.vlans(s.id), await repo.ips(s.id)).length;
  return {
    tenantName: tenant?.name ?? '',
    today,
    sites: sites.map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    locations: locations.map((l) => ({ id: l.id, siteId: l.siteId, building: l.building, floor: l.floor, room: l.room })),
    devices: devices.filter((d) => !d.deleted).map(({ _macs: _, ...d }) => d as ReportDevice),
    licences: licences.filter((l) => !l.deleted) as unknown as LicenceRecord[],
    images: images.filter((i) => !i.deleted) as unknown as ImageRecord[],
    ipConflicts: conflicts
  };
}
