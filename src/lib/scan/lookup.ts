/**
 * ScanLookup over IndexedDB. Every lookup uses an index: asset numbers through the unique
 * [tenantId+assetNumber] index, trying the tenant whose prefix the number carries first, then the
 * current tenant, then the others (a handful of client companies), rather than the repository's
 * any-tenant scan, which reads the whole table (bench/scan: 50,000 devices).
 */
import type { Device } from '$lib/domain/device';
import type { DeviceRef, ScanLookup } from '$lib/domain/scan/resolve';
import type { DeviceRepository } from '$lib/db/devices';
import type { OrgRepository } from '$lib/db/org';
import type { LabelSource } from './labels';

export function toRef(d: Device): DeviceRef {
  return { id: d.id, tenantId: d.tenantId, siteId: d.siteId, locationId: d.locationId, assetNumber: d.assetNumber, name: d.name, model: d.model };
}

export interface LookupDeps {
  devices: DeviceRepository;
  org: OrgRepository;
  labels: LabelSource;
  currentTenantId: () => string | null;
}

/** Tenant ids in the order to try for `assetNumber`. */
export async function tenantOrder(org: OrgRepository, assetNumber: string, current: string | null): Promise<string[]> {
  const tenants = await org.tenants();
  const prefix = assetNumber.split('-')[0] ?? '';
  const rank = (t: { id: string; assetPrefix: string }) => (t.assetPrefix === prefix ? 0 : t.id === current ? 1 : 2);
  return tenants.sort((a, b) => rank(a) - rank(b)).map((t) => t.id);
}

export function appLookup(deps: LookupDeps): ScanLookup {
  const { devices, org, labels } = deps;
  return {
    async deviceByAssetNumber(n) {
      for (const t of await tenantOrder(org, n, deps.currentTenantId())) {
        const d = await devices.getByAssetNumber(t, n);
        if (d) return toRef(d);
      }
      return undefined;
    },
    async deviceById(id) {
      const d = await devices.get(id);
      return d ? toRef(d) : undefined;
    },
    async devicesBySerial(s) {
      return (await devices.findBySerial(s)).map(toRef);
    },
    async devicesByMac(m) {
      return (await devices.findByMac(m)).map(toRef);
    },
    async label(n) {
      return labels.byAssetNumber(await tenantOrder(org, n, deps.currentTenantId()), n);
    }
  };
}
