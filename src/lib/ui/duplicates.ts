// The devices that share a serial or MAC with the form's input, read through the indexes.
import { devices } from '$lib/db';
import type { Device, DeviceFields } from '$lib/domain/device';
import { duplicateWarnings, normalizeMac, type DuplicateWarning } from '$lib/domain/validate';

export async function findDuplicates(fields: DeviceFields, selfId: string | null): Promise<DuplicateWarning[]> {
  const found = new Map<string, Device>();
  const add = (list: Device[]) => list.forEach((d) => found.set(d.id, d));
  if (fields.serial.trim() !== '') add(await devices.findBySerial(fields.serial));
  for (const n of fields.hardware.nics) if (normalizeMac(n.mac)) add(await devices.findByMac(n.mac));
  return duplicateWarnings(fields, selfId, [...found.values()]);
}
