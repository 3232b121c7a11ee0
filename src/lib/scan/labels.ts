/**
 * What a scan needs from the label register: a label record by asset number, through the labels
 * feature's repository (indexed by [tenantId+assetNumber]; the caller passes the tenants to try,
 * most likely first, rather than using its any-tenant scan).
 */
import type { LabelRepository } from '$lib/db/labels';
import type { LabelInfo } from '$lib/domain/scan/resolve';

export interface LabelSource {
  byAssetNumber(tenantIds: readonly string[], assetNumber: string): Promise<LabelInfo | undefined>;
}

export function repositoryLabelSource(labels: Pick<LabelRepository, 'byNumber'>): LabelSource {
  return {
    async byAssetNumber(tenantIds, assetNumber) {
      for (const t of tenantIds) {
        const l = await labels.byNumber(t, assetNumber);
        if (l) return { assetNumber: l.assetNumber, state: l.state, deviceId: l.deviceId, replacedBy: l.replacedBy };
      }
      return undefined;
    }
  };
}
