import { org } from '$lib/db';
import { profiles } from '$lib/isolation/app';
import { settings } from '$lib/state/settings.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  const siteId = settings.siteId;
  return {
    tenantId: settings.tenantId, siteId,
    locations: siteId ? await org.locations(siteId) : [],
    asset: url.searchParams.get('asset') ?? '',
    profiles: await profiles.deviceProfiles()
  };
};
