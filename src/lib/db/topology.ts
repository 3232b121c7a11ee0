/**
 * Reads what the topology of one site needs: its network devices and any device a cable ends
 * at, the locations they sit in, the cables, and each device's health — open incidents
 * (incidents whose status is not resolved or closed) and its last check: the newest of a saved
 * configuration version and a room-audit scan that found it.
 */
import { deviceHealth, OPEN_INCIDENT } from '$lib/domain/network/health';
import type { TopoInput } from '$lib/domain/network/topology';
import { isNetworkType } from '$lib/domain/network/types';
import type { AssetWalkDB } from './schema';
import { NetworkRepository } from './network';

export async function lastChecks(db: AssetWalkDB, siteId: string, deviceIds: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const note = (id: unknown, at: unknown) => {
    if (typeof id !== 'string' || typeof at !== 'string' || !deviceIds.has(id)) return;
    if ((out.get(id) ?? '') < at) out.set(id, at);
  };
  for (const c of await db.netConfigs.where('deviceId').anyOf([...deviceIds]).toArray()) note(c.deviceId, c.at);
  for (const r of await db.roomAudits.toArray()) {
    if (r.siteId !== siteId || r.kind !== 'scan') continue;
    const res = r.result as { type?: string; deviceId?: string } | undefined;
    if (res?.type === 'device') note(res.deviceId, r.at);
  }
  return out;
}

export async function openIncidents(db: AssetWalkDB, siteId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const i of await db.incidents.where('siteId').equals(siteId).toArray()) {
    if (i.deleted || typeof i.deviceId !== 'string' || !OPEN_INCIDENT(i.status)) continue;
    out.set(i.deviceId, (out.get(i.deviceId) ?? 0) + 1);
  }
  return out;
}

export async function topologyInput(db: AssetWalkDB, tenantId: string, siteId: string, now: number, typeLabel: (t: string) => string = (t) => t): Promise<TopoInput | null> {
  const site = await db.sites.get(siteId);
  if (!site) return null;
  const repo = new NetworkRepository(db, { actor: '', now: () => now });
  const links = await repo.links(siteId);
  const linked = new Set(links.flatMap((l) => [l.fromDeviceId, l.toDeviceId]));
  const devices = (await db.devices.where('siteId').equals(siteId).toArray()).filter((d) => !d.deleted && d.tenantId === tenantId && (isNetworkType(d.type) || linked.has(d.id)));
  const ids = new Set(devices.map((d) => d.id));
  const [checks, incidents, locations] = await Promise.all([lastChecks(db, siteId, ids), openIncidents(db, siteId), db.locations.where('siteId').equals(siteId).toArray()]);
  return {
    site: { id: site.id, name: site.name },
    locations: locations.map((l) => ({ id: l.id, building: l.building, floor: l.floor, room: l.room })),
    devices: devices.map((d) => ({
      id: d.id, name: d.name || d.assetNumber, type: d.type, locationId: d.locationId,
      health: deviceHealth(incidents.get(d.id) ?? 0, checks.get(d.id) ?? null, now),
      sub: [typeLabel(d.type), d.hardware.nics[0]?.ip ?? ''].filter(Boolean).join(' · ')
    })),
    links: links.map((l) => ({ id: l.id, fromDeviceId: l.fromDeviceId, fromPort: l.fromPort, toDeviceId: l.toDeviceId, toPort: l.toPort }))
  };
}
