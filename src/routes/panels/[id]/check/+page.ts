import { panels, profiles } from '$lib/isolation/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url }) => {
  const panel = await panels.get(params.id);
  const correctsId = url.searchParams.get('corrects');
  const correcting = correctsId ? await panels.check(correctsId) : undefined;
  return {
    id: params.id, panel: panel ?? null, label: panel ? await panels.labelOf(panel) : '',
    correcting: correcting && correcting.panelId === params.id ? correcting : null,
    profiles: await profiles.deviceProfiles()
  };
};
