import { devices, org } from '$lib/db';
import { settings } from '$lib/state/settings.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  const siteId = settings.siteId;
  const tenantId = settings.tenantId;
  const locations = siteId ? await org.locations(siteId) : [];
  const locationId = url.searchParams.get('location');
  const lastId = localStorage.getItem('assetwalk.quickadd.last');
  return {
    tenantId, siteId, locations,
    asset: url.searchParams.get('asset') ?? '',
    location: locationId ? locations.find((l) => l.id === locationId) ?? null : null,
    lastDevice: lastId ? (await devices.get(lastId)) ?? null : null
  };
};
