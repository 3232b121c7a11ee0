/**
 * Which records may be deleted (issue 9 "Deletes"). Pure: the repository (db/deletes.ts) reads
 * the facts and asks here. A delete is a tombstone (sync-protocol rule 6): it syncs, beats
 * concurrent edits and can be restored with a newer clock.
 *
 * Rules:
 * - a location holding live (not deleted) devices cannot be deleted; the refusal names them, so
 *   the technician can move them first;
 * - a panel can always be deleted: its checks are insert-only history and stay; restoring the
 *   panel brings them back into view. It cannot be restored while another live panel carries
 *   its label's device (a label scans to one panel);
 * - a label that was ever issued (bound to a device, or in any state but `unclaimed`) cannot be
 *   deleted, only voided: its number never changes hands. An unissued pre-printed label can be.
 */
import type { Label } from '../labels/record';

export type DeleteVerdict<R extends string> = { ok: true } | { ok: false; reason: R };

export interface DeviceRef {
  id: string;
  assetNumber: string;
  name: string;
}

export type LocationVerdict = { ok: true } | { ok: false; reason: 'has-devices'; devices: DeviceRef[] };

export function canDeleteLocation(liveDevices: readonly DeviceRef[]): LocationVerdict {
  if (liveDevices.length === 0) return { ok: true };
  const devices = [...liveDevices].sort((a, b) => a.assetNumber.localeCompare(b.assetNumber, 'en', { numeric: true }));
  return { ok: false, reason: 'has-devices', devices };
}

export function canDeleteLabel(label: Pick<Label, 'state' | 'deviceId'>): DeleteVerdict<'issued'> {
  return label.state === 'unclaimed' && label.deviceId === null ? { ok: true } : { ok: false, reason: 'issued' };
}

export function canRestorePanel(otherLivePanelOnDevice: boolean): DeleteVerdict<'label-taken'> {
  return otherLivePanelOnDevice ? { ok: false, reason: 'label-taken' } : { ok: true };
}

/** "AC-000001 PC-1, AC-000002 …": the devices a refusal names, at most `max` of them. */
export function deviceList(devices: readonly DeviceRef[], max = 5): string {
  const shown = devices.slice(0, max).map((d) => (d.name ? `${d.assetNumber} ${d.name}` : d.assetNumber));
  return devices.length > max ? `${shown.join(', ')} (+${devices.length - max})` : shown.join(', ');
}
