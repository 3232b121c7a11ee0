/**
 * What a scan leads to. The lookup order is: asset number (and its label record), then serial,
 * then MAC; the first hit wins. A scheme number with no device is a pre-printed label waiting to
 * be claimed; a voided label names the label that replaced it. Lookups are injected (ScanLookup),
 * so this file stays pure and the app adapts it to IndexedDB in src/lib/scan/lookup.ts.
 */
import { isValidAssetNumberFormat, normalizeAssetNumber } from '../validate';
import type { RejectReason, ScanCode } from './classify';

export interface DeviceRef {
  id: string;
  tenantId: string;
  siteId: string;
  locationId: string | null;
  assetNumber: string;
  name: string;
  model: string;
}

/** The part of a label record a scan needs (the labels feature owns the full record). */
export interface LabelInfo {
  assetNumber: string;
  state: string; // 'unclaimed' | 'attached' | 'voided' | …
  deviceId: string | null;
  /** Asset number of the label that replaced this one, when it was voided and reissued. */
  replacedBy: string | null;
}

export interface ScanLookup {
  deviceByAssetNumber(assetNumber: string): Promise<DeviceRef | undefined>;
  deviceById(id: string): Promise<DeviceRef | undefined>;
  devicesBySerial(serial: string): Promise<DeviceRef[]>;
  devicesByMac(mac: string): Promise<DeviceRef[]>;
  label(assetNumber: string): Promise<LabelInfo | undefined>;
}

export type MatchedBy = 'assetNumber' | 'label' | 'serial' | 'mac';

export type ScanOutcome =
  | { type: 'device'; device: DeviceRef; matchedBy: MatchedBy }
  /** Several devices share the serial or MAC (a data problem worth seeing): let the technician pick. */
  | { type: 'choose'; devices: DeviceRef[]; matchedBy: 'serial' | 'mac'; value: string }
  | { type: 'voided'; assetNumber: string; replacedBy: string | null; device: DeviceRef | null }
  /** A valid number no device holds yet: offer to register a device with it. */
  | { type: 'unclaimed'; assetNumber: string; labelKnown: boolean }
  | { type: 'room'; locationId: string }
  /** Nothing matched; `assetNumber` is set when the text may serve as a (legacy) asset tag. */
  | { type: 'notFound'; value: string; kind: 'asset' | 'gs1' | 'mac' | 'plain'; assetNumber: string | null; text: string }
  | { type: 'rejected'; reason: RejectReason; text: string; detail?: string };

export const VOIDED = 'voided';

async function bySerialOrMac(lookup: ScanLookup, serial: string | null, mac: string | null): Promise<ScanOutcome | null> {
  const pick = (devices: DeviceRef[], matchedBy: 'serial' | 'mac', value: string): ScanOutcome | null => {
    if (devices.length === 1) return { type: 'device', device: devices[0]!, matchedBy };
    if (devices.length > 1) return { type: 'choose', devices, matchedBy, value };
    return null;
  };
  if (serial) {
    const hit = pick(await lookup.devicesBySerial(serial), 'serial', serial);
    if (hit) return hit;
  }
  if (mac) return pick(await lookup.devicesByMac(mac), 'mac', mac);
  return null;
}

async function resolveAsset(lookup: ScanLookup, n: string, scheme: boolean, text: string): Promise<ScanOutcome> {
  const [device, label] = await Promise.all([lookup.deviceByAssetNumber(n), lookup.label(n)]);
  if (label?.state === VOIDED) {
    const holder = device ?? (label.deviceId ? await lookup.deviceById(label.deviceId) : undefined);
    return { type: 'voided', assetNumber: n, replacedBy: label.replacedBy, device: holder ?? null };
  }
  if (device) return { type: 'device', device, matchedBy: 'assetNumber' };
  if (label?.deviceId) {
    const holder = await lookup.deviceById(label.deviceId);
    if (holder) return { type: 'device', device: holder, matchedBy: 'label' };
  }
  const fallback = await bySerialOrMac(lookup, n, null);
  if (fallback) return fallback;
  if (scheme) return { type: 'unclaimed', assetNumber: n, labelKnown: label !== undefined };
  return { type: 'notFound', value: n, kind: 'asset', assetNumber: n, text };
}

export async function resolveScan(code: ScanCode, lookup: ScanLookup): Promise<ScanOutcome> {
  switch (code.kind) {
    case 'rejected':
      return { type: 'rejected', reason: code.reason, text: code.text, ...(code.detail ? { detail: code.detail } : {}) };
    case 'room':
      return { type: 'room', locationId: code.locationId };
    case 'asset':
      return resolveAsset(lookup, code.assetNumber, code.scheme, code.text);
    case 'plain': {
      const tag = normalizeAssetNumber(code.value);
      const asTag = isValidAssetNumberFormat(tag);
      if (asTag) {
        const device = await lookup.deviceByAssetNumber(tag);
        if (device) return { type: 'device', device, matchedBy: 'assetNumber' };
      }
      const hit = await bySerialOrMac(lookup, code.value, null);
      return hit ?? { type: 'notFound', value: code.value, kind: 'plain', assetNumber: asTag ? tag : null, text: code.text };
    }
    case 'gs1': {
      const hit = await bySerialOrMac(lookup, code.serial, null);
      return hit ?? { type: 'notFound', value: code.serial ?? code.gtin ?? '', kind: 'gs1', assetNumber: null, text: code.text };
    }
    case 'mac': {
      const hit = await bySerialOrMac(lookup, null, code.mac);
      return hit ?? { type: 'notFound', value: code.mac, kind: 'mac', assetNumber: null, text: code.text };
    }
  }
}
