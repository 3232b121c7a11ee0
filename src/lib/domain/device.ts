// The device register's shapes. Plain data: what Dexie stores and what sync sends.
export const DEVICE_TYPES = [
  'desktop', 'laptop', 'server', 'switch', 'router', 'firewall', 'accessPoint',
  'printer', 'peripheral', 'phone', 'medical', 'other'
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_STATUSES = ['inUse', 'inStock', 'inRepair', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** The machines the survey notes single out for backup images and extra care. */
export const IMPORTANCE_TAGS = ['finance', 'hr', 'management', 'serverRoom'] as const;
export type ImportanceTag = (typeof IMPORTANCE_TAGS)[number];

export const ANTIVIRUS_STATES = ['ok', 'outdated', 'disabled', 'missing', 'unknown'] as const;
export type AntivirusState = (typeof ANTIVIRUS_STATES)[number];

export interface Disk { model: string; sizeGb: number | null; kind: string }
export interface Nic { name: string; mac: string; ip: string }
export interface Hardware {
  cpu: string;
  memoryGb: number | null;
  disks: Disk[];
  nics: Nic[];
  bios: string;
  board: string;
  peripherals: string;
}
export interface InstalledSoftware { name: string; version: string }
export interface Software {
  os: string;
  osVersion: string;
  installed: InstalledSoftware[];
  antivirus: { name: string; state: AntivirusState };
}

/** Fields a technician edits; each is one unit of per-field conflict resolution. */
export interface DeviceFields {
  tenantId: string;
  siteId: string;
  locationId: string | null;
  assetNumber: string;
  name: string;
  type: DeviceType;
  manufacturer: string;
  model: string;
  serial: string;
  purchaseDate: string | null; // YYYY-MM-DD
  supplier: string;
  purchaseCost: number | null;
  warrantyEnd: string | null; // YYYY-MM-DD
  assignedUser: string;
  department: string;
  status: DeviceStatus;
  importance: ImportanceTag[];
  hardware: Hardware;
  software: Software;
  notes: string;
  custom: Record<string, string>;
}

export interface Device extends DeviceFields {
  id: string;
  /** Per-field hybrid logical clock of the last write (see src/lib/sync/hlc.ts). */
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  deleted?: string; // HLC of the tombstone
}

export function emptyHardware(): Hardware {
  return { cpu: '', memoryGb: null, disks: [], nics: [], bios: '', board: '', peripherals: '' };
}

export function emptySoftware(): Software {
  return { os: '', osVersion: '', installed: [], antivirus: { name: '', state: 'unknown' } };
}

export function newDeviceFields(tenantId: string, siteId: string, locationId: string | null): DeviceFields {
  return {
    tenantId, siteId, locationId,
    assetNumber: '', name: '', type: 'desktop', manufacturer: '', model: '', serial: '',
    purchaseDate: null, supplier: '', purchaseCost: null, warrantyEnd: null,
    assignedUser: '', department: '', status: 'inUse', importance: [],
    hardware: emptyHardware(), software: emptySoftware(), notes: '', custom: {}
  };
}

/** The configuration "same as the last one" copies: what identical machines share. */
export function configurationOf(d: DeviceFields): Partial<DeviceFields> {
  return {
    type: d.type, manufacturer: d.manufacturer, model: d.model, supplier: d.supplier,
    purchaseDate: d.purchaseDate, purchaseCost: d.purchaseCost, warrantyEnd: d.warrantyEnd,
    hardware: { ...structuredClone(d.hardware), nics: d.hardware.nics.map((n) => ({ name: n.name, mac: '', ip: '' })) },
    software: structuredClone(d.software)
  };
}

export function warrantyEndsWithin(d: Pick<DeviceFields, 'warrantyEnd'>, days: number, today: string): boolean {
  if (!d.warrantyEnd) return false;
  const end = Date.parse(d.warrantyEnd + 'T00:00:00Z');
  const now = Date.parse(today + 'T00:00:00Z');
  return end >= now && end - now <= days * 86_400_000;
}

export function warrantyExpired(d: Pick<DeviceFields, 'warrantyEnd'>, today: string): boolean {
  return d.warrantyEnd !== null && d.warrantyEnd < today;
}

/** The fields of `edited` that differ from `loaded` (compared by value), for writing only those. */
export function changedFields(loaded: DeviceFields, edited: DeviceFields): Partial<DeviceFields> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(edited) as (keyof DeviceFields)[]) {
    if (JSON.stringify(loaded[k]) !== JSON.stringify(edited[k])) out[k] = edited[k];
  }
  return out as Partial<DeviceFields>;
}
