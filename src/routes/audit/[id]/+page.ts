import { org } from '$lib/db';
import { locationLabel } from '$lib/domain/org';
import { roomAudits } from '$lib/scan/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const audit = await roomAudits.get(params.id);
  const locations = audit ? await org.locations(audit.header.siteId) : [];
  const places = new Map(locations.map((l) => [l.id, locationLabel(l)]));
  return { id: params.id, places, roomName: audit ? places.get(audit.header.locationId) ?? '' : '' };
};
