import { devices, org } from '$lib/db';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  // A deleted device still opens (from its label or a link), to say so and offer a restore.
  const device = (await devices.get(params.id)) ?? (await devices.getDeleted(params.id));
  const location = device?.locationId ? await org.location(device.locationId) : undefined;
  const site = device ? await org.site(device.siteId) : undefined;
  return { id: params.id, device: device ?? null, location: location ?? null, site: site ?? null };
};
