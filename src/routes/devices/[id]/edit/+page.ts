import { devices, org } from '$lib/db';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const device = await devices.get(params.id);
  const location = device?.locationId ? await org.location(device.locationId) : undefined;
  const locations = device ? await org.locations(device.siteId) : [];
  return { device: device ?? null, location: location ?? null, locations };
};
