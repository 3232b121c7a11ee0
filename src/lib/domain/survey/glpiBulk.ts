/**
 * Many GLPI agent inventories at once, matched to the client's devices by serial, SMBIOS UUID
 * or MAC (the single-file parser, ../glpi.ts, does the reading).
 *
 * Invariants of matchInventories:
 * - every inventory gets exactly one outcome: new, match (one device, no conflicting
 *   identifier), ambiguous (several candidates, a conflicting identifier, or the same machine
 *   twice in this batch), or unreadable;
 * - nothing is decided for an ambiguous one: the user picks (update one candidate, create, skip).
 * The UUID is kept in the device's custom field `uuid` (devices have no UUID field of their own).
 */
import { newDeviceFields, type DeviceFields } from '../device';
import { parseGlpiInventory, type GlpiProposal } from '../glpi';
import { normalizeMac } from '../validate';
import { cleanSerial } from './placeholders';

export const UUID_FIELD = 'uuid';
// Hypervisors and cheap boards report these for every machine.
const PLACEHOLDER_UUID = /^(0+-?)+$|^(F+-?)+$|^03000200-0400-0500-0006-000700080009$/i;

export interface Identity { serial: string; uuid: string; macs: string[] }
export interface KnownDevice { id: string; assetNumber: string; name: string; model: string; serial: string; uuid: string; macs: string[] }

export type Outcome =
  | { kind: 'new' }
  | { kind: 'match'; deviceId: string; by: ('serial' | 'uuid' | 'mac')[] }
  | { kind: 'ambiguous'; reason: 'several' | 'conflict' | 'sameInBatch'; candidates: string[] }
  | { kind: 'unreadable'; reason: 'notJson' | 'notInventory' };

export interface InventoryResult { file: string; proposal: GlpiProposal | null; identity: Identity; outcome: Outcome }

export function identityOf(p: GlpiProposal, uuid: string): Identity {
  const u = uuid.trim().toUpperCase();
  return {
    serial: cleanSerial(p.serial ?? '').toUpperCase(),
    uuid: u === '' || PLACEHOLDER_UUID.test(u) ? '' : u,
    macs: [...new Set((p.hardware?.nics ?? []).map((n) => normalizeMac(n.mac)).filter((m): m is string => m !== null))]
  };
}

/** What the matcher needs of a stored device. */
export function knownDevice(d: Pick<DeviceFields, 'assetNumber' | 'name' | 'model' | 'serial' | 'hardware' | 'custom'> & { id: string }): KnownDevice {
  return {
    id: d.id, assetNumber: d.assetNumber, name: d.name, model: d.model,
    serial: cleanSerial(d.serial).toUpperCase(), uuid: (d.custom?.[UUID_FIELD] ?? '').toUpperCase(),
    macs: d.hardware.nics.map((n) => normalizeMac(n.mac)).filter((m): m is string => m !== null)
  };
}

class IdIndex {
  private readonly maps = { serial: new Map<string, Set<string>>(), uuid: new Map<string, Set<string>>(), mac: new Map<string, Set<string>>() };
  add(id: string, i: Identity): void {
    const put = (m: Map<string, Set<string>>, k: string) => { if (k) (m.get(k) ?? m.set(k, new Set()).get(k)!).add(id); };
    put(this.maps.serial, i.serial);
    put(this.maps.uuid, i.uuid);
    for (const mac of i.macs) put(this.maps.mac, mac);
  }
  find(i: Identity): Map<string, Set<'serial' | 'uuid' | 'mac'>> {
    const hits = new Map<string, Set<'serial' | 'uuid' | 'mac'>>();
    const take = (ids: Set<string> | undefined, by: 'serial' | 'uuid' | 'mac') => { for (const id of ids ?? []) (hits.get(id) ?? hits.set(id, new Set()).get(id)!).add(by); };
    if (i.serial) take(this.maps.serial.get(i.serial), 'serial');
    if (i.uuid) take(this.maps.uuid.get(i.uuid), 'uuid');
    for (const mac of i.macs) take(this.maps.mac.get(mac), 'mac');
    return hits;
  }
}

export function matchInventories(files: readonly { name: string; text: string }[], devices: readonly KnownDevice[]): InventoryResult[] {
  const index = new IdIndex();
  const byId = new Map(devices.map((d) => [d.id, d]));
  for (const d of devices) index.add(d.id, d);
  const claimed = new Map<string, string>(); // device id or batch key → file that took it
  const out: InventoryResult[] = [];
  files.forEach((f, n) => {
    const r = parseGlpiInventory(f.text);
    if (!r.ok) {
      out.push({ file: f.name, proposal: null, identity: { serial: '', uuid: '', macs: [] }, outcome: { kind: 'unreadable', reason: r.reason } });
      return;
    }
    const identity = identityOf(r.proposal, r.uuid);
    const hits = index.find(identity);
    const batch = [...hits.keys()].filter((id) => id.startsWith('batch:') || claimed.has(id));
    let outcome: Outcome;
    if (batch.length > 0) outcome = { kind: 'ambiguous', reason: 'sameInBatch', candidates: [...hits.keys()].filter((id) => !id.startsWith('batch:')) };
    else if (hits.size === 0) outcome = { kind: 'new' };
    else if (hits.size > 1) outcome = { kind: 'ambiguous', reason: 'several', candidates: [...hits.keys()] };
    else {
      const [id, by] = [...hits][0]!;
      const d = byId.get(id)!;
      // One candidate, but it carries another serial or UUID: a swapped NIC or a re-used MAC?
      const conflict = (identity.serial && d.serial && identity.serial !== d.serial) || (identity.uuid && d.uuid && identity.uuid !== d.uuid);
      outcome = conflict ? { kind: 'ambiguous', reason: 'conflict', candidates: [id] } : { kind: 'match', deviceId: id, by: [...by] };
    }
    if (outcome.kind === 'match') claimed.set(outcome.deviceId, f.name);
    // Later files that name the same machine are flagged rather than created twice.
    index.add(outcome.kind === 'match' ? outcome.deviceId : `batch:${n}`, identity);
    out.push({ file: f.name, proposal: r.proposal, identity, outcome });
  });
  return out;
}

/**
 * The fields an inventory changes on a matched device: the agent is the authority on hardware
 * and software; identity fields a technician may have typed are only filled where empty.
 */
export function updateFromInventory(d: DeviceFields, p: GlpiProposal, identity: Identity): Partial<DeviceFields> {
  const out: Partial<DeviceFields> = {};
  if (p.hardware) out.hardware = p.hardware;
  if (p.software) out.software = p.software;
  for (const k of ['name', 'manufacturer', 'model', 'serial', 'assignedUser'] as const) {
    const v = p[k];
    if (v && d[k].trim() === '') out[k] = v;
  }
  if (identity.uuid && (d.custom[UUID_FIELD] ?? '') !== identity.uuid) out.custom = { ...d.custom, [UUID_FIELD]: identity.uuid };
  for (const k of Object.keys(out) as (keyof DeviceFields)[]) if (JSON.stringify(out[k]) === JSON.stringify(d[k])) delete out[k];
  return out;
}

/** A provisional asset number for a device created from an inventory, until a label is attached. */
export function provisionalAssetNumber(p: GlpiProposal, identity: Identity, taken: Set<string>): string {
  const base = ('GLPI-' + (identity.serial || p.name || identity.uuid.slice(0, 8) || 'X')).toUpperCase().replace(/[^A-Z0-9-]+/g, '-').replace(/-+$/, '').slice(0, 27);
  let n = base;
  for (let i = 2; taken.has(n); i++) n = `${base}-${i}`;
  taken.add(n);
  return n;
}

export function newDeviceFromInventory(p: GlpiProposal, identity: Identity, tenantId: string, siteId: string, taken: Set<string>): DeviceFields {
  const f = newDeviceFields(tenantId, siteId, null);
  Object.assign(f, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== '')));
  f.serial = cleanSerial(f.serial);
  f.assetNumber = provisionalAssetNumber(p, identity, taken);
  if (identity.uuid) f.custom = { ...f.custom, [UUID_FIELD]: identity.uuid };
  return f;
}
