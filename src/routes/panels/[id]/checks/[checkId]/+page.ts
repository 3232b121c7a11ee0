import { org } from '$lib/db';
import { panels } from '$lib/isolation/app';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url }) => {
  const [panel, check] = await Promise.all([panels.get(params.id), panels.check(params.checkId)]);
  const site = panel ? await org.site(panel.siteId) : undefined;
  const tenant = panel ? await org.tenant(panel.tenantId) : undefined;
  return {
    id: params.id, checkId: params.checkId, panel: panel ?? null, label: panel ? await panels.labelOf(panel) : '',
    check: check && check.panelId === params.id ? check : null,
    siteName: site?.name ?? '', tenantName: tenant?.name ?? '', justSigned: url.searchParams.has('signed')
  };
};
