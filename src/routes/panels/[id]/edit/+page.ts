import { panels, profiles } from '$lib/isolation/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const panel = await panels.get(params.id);
  return { id: params.id, panel: panel ?? null, label: panel ? await panels.labelOf(panel) : '', profiles: await profiles.deviceProfiles() };
};
