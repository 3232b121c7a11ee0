// Field validators for the device form. Each returns an error code (translated by the UI) or null.
import { DEVICE_STATUSES, DEVICE_TYPES, IMPORTANCE_TAGS, type DeviceFields } from './device';
import { parseAssetNumber } from './assetNumber';

export type FieldError =
  | 'required' | 'invalidDate' | 'invalidMac' | 'invalidIp' | 'invalidSerial'
  | 'invalidAssetNumber' | 'assetNumberCheckChar' | 'invalidNumber' | 'tooLong' | 'invalidChoice' | 'warrantyBeforePurchase';

export type FieldErrors = Partial<Record<string, FieldError>>;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && y <= 2100 && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

const MAC_RE = /^[0-9A-F]{2}([:-]?)[0-9A-F]{2}(?:\1[0-9A-F]{2}){4}$/i;
const MAC_DOTTED_RE = /^[0-9A-F]{4}\.[0-9A-F]{4}\.[0-9A-F]{4}$/i; // Cisco style

/** Normalises a MAC to AA:BB:CC:DD:EE:FF, or null when it is not one. */
export function normalizeMac(s: string): string | null {
  const t = s.trim();
  if (!MAC_RE.test(t) && !MAC_DOTTED_RE.test(t)) return null;
  const hex = t.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)!.join(':');
}

export function isValidIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function isValidIpv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || s.length > 45) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  const last = all[all.length - 1];
  const v4tail = last !== undefined && last.includes('.');
  if (v4tail && !isValidIpv4(last)) return false;
  const hexGroups = v4tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hexGroups.length + (v4tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

export function isValidIp(s: string): boolean {
  const t = s.trim();
  return isValidIpv4(t) || isValidIpv6(t);
}

// Serials: printable ASCII letters, digits and the separators vendors use; no spaces at the ends.
const SERIAL_RE = /^[A-Za-z0-9][A-Za-z0-9\-_./ ]{0,62}[A-Za-z0-9]$|^[A-Za-z0-9]$/;
export function isValidSerial(s: string): boolean {
  return SERIAL_RE.test(s);
}

const ASSET_RE = /^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/;
export function isValidAssetNumberFormat(s: string): boolean {
  return ASSET_RE.test(s);
}

export function normalizeAssetNumber(s: string): string {
  return s.trim().toUpperCase();
}

/**
 * The one asset-number rule, shared by the device form, the panel form and the scanner:
 * a scheme number (PREFIX-DIGITS-C) must carry its right check character; anything not
 * scheme-shaped is a legacy client tag, held to the tag format.
 */
export type AssetNumberKind = 'scheme' | 'legacy';
export function checkAssetNumber(raw: string):
  | { ok: true; value: string; kind: AssetNumberKind }
  | { ok: false; value: string; error: 'required' | 'invalidAssetNumber' | 'assetNumberCheckChar' } {
  const value = normalizeAssetNumber(raw);
  if (value === '') return { ok: false, value, error: 'required' };
  const p = parseAssetNumber(value);
  if (p.ok) return { ok: true, value, kind: 'scheme' };
  // Scheme-shaped with a wrong check char: a typo or a damaged label, never a legacy tag.
  if (p.reason === 'checkChar') return { ok: false, value, error: 'assetNumberCheckChar' };
  return isValidAssetNumberFormat(value) ? { ok: true, value, kind: 'legacy' } : { ok: false, value, error: 'invalidAssetNumber' };
}

const MAX_TEXT = 500;
const MAX_NOTES = 20_000;

/**
 * Validates a device before it is saved. Returns the errors by field path
 * (e.g. "hardware.nics.0.mac"); an empty object means the device may be saved.
 */
export function validateDevice(d: DeviceFields): FieldErrors {
  const e: FieldErrors = {};
  const asset = checkAssetNumber(d.assetNumber);
  if (!asset.ok) e.assetNumber = asset.error;
  else if (asset.value !== d.assetNumber) e.assetNumber = 'invalidAssetNumber'; // stored numbers are canonical
  if (!DEVICE_TYPES.includes(d.type)) e.type = 'invalidChoice';
  if (!DEVICE_STATUSES.includes(d.status)) e.status = 'invalidChoice';
  if (!d.importance.every((t) => IMPORTANCE_TAGS.includes(t))) e.importance = 'invalidChoice';
  if (d.serial !== '' && !isValidSerial(d.serial)) e.serial = 'invalidSerial';
  if (d.purchaseDate !== null && !isValidDate(d.purchaseDate)) e.purchaseDate = 'invalidDate';
  if (d.warrantyEnd !== null && !isValidDate(d.warrantyEnd)) e.warrantyEnd = 'invalidDate';
  if (!e.purchaseDate && !e.warrantyEnd && d.purchaseDate && d.warrantyEnd && d.warrantyEnd < d.purchaseDate) {
    e.warrantyEnd = 'warrantyBeforePurchase';
  }
  if (d.purchaseCost !== null && (!Number.isFinite(d.purchaseCost) || d.purchaseCost < 0)) e.purchaseCost = 'invalidNumber';
  if (d.hardware.memoryGb !== null && (!Number.isFinite(d.hardware.memoryGb) || d.hardware.memoryGb < 0)) {
    e['hardware.memoryGb'] = 'invalidNumber';
  }
  d.hardware.nics.forEach((n, i) => {
    if (n.mac !== '' && normalizeMac(n.mac) === null) e[`hardware.nics.${i}.mac`] = 'invalidMac';
    if (n.ip !== '' && !isValidIp(n.ip)) e[`hardware.nics.${i}.ip`] = 'invalidIp';
  });
  d.hardware.disks.forEach((k, i) => {
    if (k.sizeGb !== null && (!Number.isFinite(k.sizeGb) || k.sizeGb < 0)) e[`hardware.disks.${i}.sizeGb`] = 'invalidNumber';
  });
  for (const f of ['name', 'manufacturer', 'model', 'supplier', 'assignedUser', 'department'] as const) {
    if (d[f].length > MAX_TEXT) e[f] = 'tooLong';
  }
  if (d.notes.length > MAX_NOTES) e.notes = 'tooLong';
  const custom = Object.entries(d.custom);
  if (custom.length > 50 || custom.some(([k, v]) => k.length > 64 || v.length > MAX_TEXT)) e.custom = 'tooLong';
  return e;
}

/** Canonical forms stored after validation passes (MACs upper-case with colons, trimmed text). */
export function normalizeDevice(d: DeviceFields): DeviceFields {
  return {
    ...d,
    assetNumber: normalizeAssetNumber(d.assetNumber),
    serial: d.serial.trim(),
    name: d.name.trim(),
    model: d.model.trim(),
    manufacturer: d.manufacturer.trim(),
    assignedUser: d.assignedUser.trim(),
    hardware: {
      ...d.hardware,
      nics: d.hardware.nics.map((n) => ({ ...n, mac: normalizeMac(n.mac) ?? n.mac.trim(), ip: n.ip.trim() }))
    }
  };
}

/** Another device of the same client company that shares a serial or a MAC with the one being saved. */
export interface DuplicateWarning {
  /** Field path, as in FieldErrors: "serial" or "hardware.nics.0.mac". */
  field: string;
  value: string;
  other: { id: string; assetNumber: string; model: string; name: string };
}

type DuplicateCandidate = DuplicateWarning['other'] & Pick<DeviceFields, 'tenantId' | 'serial' | 'hardware'>;

/**
 * Serials and MACs that another device of the same client already carries. A warning, not a
 * refusal: a re-used serial can be real (a replaced mainboard, a vendor's placeholder), but
 * usually it is the same device entered twice. `candidates` may hold any devices; only other
 * devices of `d.tenantId` count.
 */
export function duplicateWarnings(d: DeviceFields, selfId: string | null, candidates: readonly DuplicateCandidate[]): DuplicateWarning[] {
  const others = candidates.filter((c) => c.id !== selfId && c.tenantId === d.tenantId);
  const out: DuplicateWarning[] = [];
  const ref = ({ id, assetNumber, model, name }: DuplicateCandidate) => ({ id, assetNumber, model, name });
  const serial = d.serial.trim().toUpperCase();
  if (serial !== '') {
    const hit = others.find((c) => c.serial.trim().toUpperCase() === serial);
    if (hit) out.push({ field: 'serial', value: d.serial.trim(), other: ref(hit) });
  }
  d.hardware.nics.forEach((n, i) => {
    const mac = normalizeMac(n.mac);
    if (!mac) return;
    const hit = others.find((c) => c.hardware.nics.some((o) => normalizeMac(o.mac) === mac));
    if (hit) out.push({ field: `hardware.nics.${i}.mac`, value: mac, other: ref(hit) });
  });
  return out;
}
