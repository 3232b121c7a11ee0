// The grants editor's draft: per client company on/off and all sites or a set of them. Pure.
import type { Grant } from '$lib/sync/accounts';
import type { GrantInput, TenantWithSites } from '$lib/sync/authClient';

export interface GrantDraft {
  tenantId: string;
  on: boolean;
  all: boolean;
  sites: string[];
}

export function draftOf(grants: Grant[], tenants: TenantWithSites[]): GrantDraft[] {
  return tenants.map((tn) => {
    const g = grants.find((x) => x.tenantId === tn.id);
    return { tenantId: tn.id, on: !!g, all: !g || g.siteIds === '*', sites: g && g.siteIds !== '*' ? [...g.siteIds] : [] };
  });
}

/** The PUT body: granted companies only; "some sites" with none ticked grants nothing there. */
export function grantsOf(draft: GrantDraft[]): GrantInput[] {
  return draft.filter((d) => d.on && (d.all || d.sites.length > 0)).map((d) => ({ tenantId: d.tenantId, siteIds: d.all ? '*' : [...d.sites] }));
}
