import type { OrgRepository } from '$lib/db/org';

/** The location id for a typed building/floor/room, created on first use; null when all are empty. */
export async function resolvePlace(org: OrgRepository, tenantId: string, siteId: string, p: { building: string; floor: string; room: string }): Promise<string | null> {
  const building = p.building.trim(), floor = p.floor.trim(), room = p.room.trim();
  if (!building && !floor && !room) return null;
  return (await org.ensureLocation({ tenantId, siteId, building, floor, room })).id;
}
