/**
 * OS backup image plan (survey artefact 1.8). Where machines are mixed "compatibles", one image
 * per hardware configuration, for the configurations shared by the most machines, plus images of
 * the important machines (finance, HR, managers and supervisors).
 *
 * hardwareKey(): two computers with the same key can share an image. It joins the normalised
 * maker + model, CPU, memory, disk sizes and kinds and NIC names (the chip decides the driver);
 * serials, MACs and IPs are left out. Only computers (desktop, laptop, server) are planned.
 * imageCoverage(): a device is covered by an image of its group, or by an image naming it.
 */
import type { DeviceFields, DeviceType, ImportanceTag } from '../device';

export const IMAGED_TYPES: readonly DeviceType[] = ['desktop', 'laptop', 'server'];
/** The importance tags that call for a machine's own image. */
export const IMAGE_IMPORTANCE: readonly ImportanceTag[] = ['finance', 'hr', 'management'];

type HwDevice = Pick<DeviceFields, 'type' | 'manufacturer' | 'model' | 'hardware' | 'importance'> & { id: string };

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\(r\)|\(tm\)|®|™|\bcpu\b/g, ' ').replace(/[^\p{L}\p{N}.]+/gu, ' ').replace(/\s+/g, ' ').trim();

export function hardwareKey(d: Pick<HwDevice, 'manufacturer' | 'model' | 'hardware'>): string {
  const hw = d.hardware;
  const disks = (hw.disks ?? []).map((k) => `${k.sizeGb ?? '?'}${norm(k.kind)}`).sort().join('+');
  const nics = [...new Set((hw.nics ?? []).map((n) => norm(n.name)).filter(Boolean))].sort().join('+');
  return [norm(`${d.manufacturer} ${d.model}`), norm(hw.cpu), hw.memoryGb ?? '?', disks, nics].join(' / ');
}

export interface HardwareGroup {
  key: string;
  /** A sample device's maker and model, for display. */
  label: string;
  deviceIds: string[];
  importantIds: string[];
}

export function isImportant(d: Pick<HwDevice, 'importance'>): boolean {
  return d.importance.some((t) => IMAGE_IMPORTANCE.includes(t));
}

/** Computers grouped by hardware configuration, largest groups first. */
export function hardwareGroups(devices: readonly HwDevice[]): HardwareGroup[] {
  const groups = new Map<string, HardwareGroup>();
  for (const d of devices) {
    if (!IMAGED_TYPES.includes(d.type)) continue;
    const key = hardwareKey(d);
    const g = groups.get(key) ?? groups.set(key, { key, label: `${d.manufacturer} ${d.model}`.trim(), deviceIds: [], importantIds: [] }).get(key)!;
    g.deviceIds.push(d.id);
    if (isImportant(d)) g.importantIds.push(d.id);
  }
  return [...groups.values()].sort((a, b) => b.deviceIds.length - a.deviceIds.length || a.label.localeCompare(b.label));
}

export interface ImageRecord {
  id: string;
  groupKey: string;
  imageId: string;
  hash: string;
  location: string;
  /** The day the image was made (not `createdAt`: that is the record's own bookkeeping field). */
  takenAt: string;
  restoreTestedAt?: string | null;
  deviceIds?: string[] | null;
}

export interface ImageCoverage {
  /** Computers with no image of their group and none naming them. */
  uncovered: string[];
  /** Important machines without an image naming them (a group image is not theirs). */
  importantWithoutOwnImage: string[];
  /** Covered, but no image that covers them has had a restore tested. */
  untested: string[];
  covered: number;
  total: number;
}

export function imageCoverage(devices: readonly HwDevice[], images: readonly ImageRecord[]): ImageCoverage {
  const byGroup = new Map<string, ImageRecord[]>();
  const byDevice = new Map<string, ImageRecord[]>();
  for (const im of images) {
    if (im.groupKey) (byGroup.get(im.groupKey) ?? byGroup.set(im.groupKey, []).get(im.groupKey)!).push(im);
    for (const id of im.deviceIds ?? []) (byDevice.get(id) ?? byDevice.set(id, []).get(id)!).push(im);
  }
  const out: ImageCoverage = { uncovered: [], importantWithoutOwnImage: [], untested: [], covered: 0, total: 0 };
  for (const d of devices) {
    if (!IMAGED_TYPES.includes(d.type)) continue;
    out.total++;
    const own = byDevice.get(d.id) ?? [];
    const mine = [...own, ...(byGroup.get(hardwareKey(d)) ?? [])];
    if (mine.length === 0) out.uncovered.push(d.id);
    else {
      out.covered++;
      if (!mine.some((im) => im.restoreTestedAt)) out.untested.push(d.id);
    }
    if (isImportant(d) && own.length === 0) out.importantWithoutOwnImage.push(d.id);
  }
  return out;
}
