/**
 * What a batch of matched inventories writes, once the user has decided the ambiguous ones.
 * Default decisions: new → create, match → update that device, ambiguous/unreadable → skip
 * (nothing is guessed). Created devices are validated here, so the write cannot fail half-way.
 */
import type { DeviceFields } from '../device';
import { normalizeDevice, validateDevice } from '../validate';
import type { GlpiProposal } from '../glpi';
import { newDeviceFromInventory, type Identity, type InventoryResult } from './glpiBulk';

export type Decision = { kind: 'skip' } | { kind: 'new' } | { kind: 'update'; deviceId: string };

export function defaultDecision(r: InventoryResult): Decision {
  if (r.outcome.kind === 'new') return { kind: 'new' };
  if (r.outcome.kind === 'match') return { kind: 'update', deviceId: r.outcome.deviceId };
  return { kind: 'skip' };
}

export interface InventoryWrites {
  creates: DeviceFields[];
  updates: { deviceId: string; proposal: GlpiProposal; identity: Identity }[];
  /** Files whose new device would not be valid, with the fields at fault. */
  rejected: { file: string; fields: string[] }[];
  skipped: number;
}

export function inventoryWrites(results: readonly InventoryResult[], decisions: readonly Decision[], tenantId: string, siteId: string, takenAssetNumbers: Set<string>): InventoryWrites {
  const out: InventoryWrites = { creates: [], updates: [], rejected: [], skipped: 0 };
  const updated = new Set<string>();
  results.forEach((r, i) => {
    const d = decisions[i] ?? defaultDecision(r);
    if (!r.proposal || d.kind === 'skip') { out.skipped++; return; }
    if (d.kind === 'update') {
      // Two files deciding for one device: the first wins, the second is skipped.
      if (updated.has(d.deviceId)) { out.skipped++; return; }
      updated.add(d.deviceId);
      out.updates.push({ deviceId: d.deviceId, proposal: r.proposal, identity: r.identity });
      return;
    }
    const f = normalizeDevice(newDeviceFromInventory(r.proposal, r.identity, tenantId, siteId, takenAssetNumbers));
    const errors = Object.keys(validateDevice(f));
    if (errors.length > 0) out.rejected.push({ file: r.file, fields: errors });
    else out.creates.push(f);
  });
  return out;
}
