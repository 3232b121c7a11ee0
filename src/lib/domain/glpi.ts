/**
 * GLPI agent inventory (glpi-project/inventory_format JSON) → device fields, so that a survey
 * fills hardware and software configuration without typing. The result is a proposal: the
 * technician reviews it in the form before anything is saved. Unknown or malformed parts are
 * skipped, never thrown: an agent's output varies by platform and version.
 */
import { emptyHardware, emptySoftware, type AntivirusState, type DeviceFields, type DeviceType, type Nic } from './device';
import { normalizeMac, isValidIp, isValidSerial } from './validate';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

// Vendors' placeholders for "no serial" would otherwise be taken for real serials.
const PLACEHOLDER = /^(to be filled|default string|system serial|not specified|none|n\/a|0+|1234567890)/i;
const cleanSerial = (s: string) => (s && !PLACEHOLDER.test(s) && isValidSerial(s) ? s : '');

export type GlpiProposal = Partial<Pick<DeviceFields, 'type' | 'name' | 'manufacturer' | 'model' | 'serial' | 'assignedUser' | 'hardware' | 'software'>>;

/** `uuid`: the machine's SMBIOS UUID (hardware.uuid), upper-case, '' when absent: an identity for matching. */
export type GlpiParse = { ok: true; proposal: GlpiProposal; itemtype: string; uuid: string } | { ok: false; reason: 'notJson' | 'notInventory' };

const CHASSIS: Record<string, DeviceType> = { laptop: 'laptop', notebook: 'laptop', portable: 'laptop', desktop: 'desktop', tower: 'desktop', 'mini tower': 'desktop', 'rack mount chassis': 'server', server: 'server' };

function computer(c: Json): GlpiProposal {
  const bios = obj(c.bios), hw = obj(c.hardware), os = obj(c.operatingsystem);
  const hardware = emptyHardware();
  const cpus = arr(c.cpus);
  const cpu0 = cpus[0];
  hardware.cpu = cpu0 ? (cpus.length > 1 ? `${cpus.length} × ` : '') + str(cpu0.name) : '';
  const memMb = arr(c.memories).reduce((s, m) => s + (num(m.capacity) ?? 0), 0) || (num(hw.memory) ?? 0);
  hardware.memoryGb = memMb ? Math.round(memMb / 1024) : null;
  hardware.bios = [str(bios.bmanufacturer), str(bios.bversion), str(bios.bdate)].filter(Boolean).join(' ');
  hardware.board = [str(bios.mmanufacturer), str(bios.mmodel)].filter(Boolean).join(' ');
  hardware.disks = arr(c.storages).filter((d) => num(d.disksize)).map((d) => ({
    model: str(d.model) || str(d.name), sizeGb: Math.round((num(d.disksize) ?? 0) / 1000), kind: str(d.interface) || str(d.description)
  }));
  hardware.nics = nics(arr(c.networks));
  hardware.peripherals = [...arr(c.monitors).map((m) => str(m.caption) || str(m.name)), ...arr(c.inputs).map((i) => str(i.caption) || str(i.name))].filter(Boolean).slice(0, 10).join('; ');
  const software = emptySoftware();
  software.os = str(os.full_name) || str(os.name);
  software.osVersion = str(os.version) || str(os.kernel_version);
  const seen = new Set<string>();
  software.installed = arr(c.softwares).map((s) => ({ name: str(s.name), version: str(s.version) }))
    .filter((s) => s.name !== '' && !seen.has(s.name + '\u0000' + s.version) && seen.add(s.name + '\u0000' + s.version));
  const av = arr(c.antivirus)[0];
  if (av) {
    const state: AntivirusState = av.enabled === false || av.enabled === 0 ? 'disabled' : av.uptodate === false || av.uptodate === 0 ? 'outdated' : 'ok';
    software.antivirus = { name: [str(av.name), str(av.version)].filter(Boolean).join(' '), state };
  }
  const chassis = str(hw.chassis_type).toLowerCase();
  return {
    type: CHASSIS[chassis] ?? 'desktop',
    name: str(hw.name),
    manufacturer: str(bios.smanufacturer) || str(bios.mmanufacturer),
    model: str(bios.smodel),
    serial: cleanSerial(str(bios.ssn)) || cleanSerial(str(bios.msn)),
    assignedUser: str(hw.lastloggeduser) === 'root' ? '' : str(hw.lastloggeduser),
    hardware, software
  };
}

function nics(list: Json[]): Nic[] {
  const byMac = new Map<string, Nic>();
  for (const n of list) {
    if (n.virtualdev === true || n.virtualdev === 1 || str(n.type) === 'loopback') continue;
    const mac = normalizeMac(str(n.mac));
    if (!mac || mac === '00:00:00:00:00:00') continue;
    const ip = str(n.ipaddress);
    const prev = byMac.get(mac);
    // An interface with several addresses is listed once per address: keep the first IPv4.
    if (prev) { if (!prev.ip && isValidIp(ip)) prev.ip = ip; continue; }
    byMac.set(mac, { name: str(n.description), mac, ip: isValidIp(ip) ? ip : '' });
  }
  return [...byMac.values()];
}

function networkDevice(c: Json, itemtype: string): GlpiProposal {
  const d = obj(c.network_device);
  const hardware = emptyHardware();
  const mac = normalizeMac(str(d.mac));
  const ips = Array.isArray(d.ips) ? d.ips.map(str).filter((ip) => isValidIp(ip) && !ip.startsWith('127.')) : [];
  hardware.nics = mac ? [{ name: 'mgmt', mac, ip: ips[0] ?? '' }] : [];
  hardware.memoryGb = num(d.ram) ? Math.round((num(d.ram) ?? 0) / 1024) || null : null;
  const software = emptySoftware();
  software.osVersion = str(d.firmware);
  const model = str(d.model);
  const type: DeviceType = itemtype === 'Printer' ? 'printer' : /firewall|asa|fortigate|usg/i.test(model) ? 'firewall' : /router|isr|\bar\d/i.test(model) ? 'router' : 'switch';
  return { type, name: str(d.name), manufacturer: str(d.manufacturer), model, serial: cleanSerial(str(d.serial)), hardware, software };
}

export function parseGlpiInventory(text: string): GlpiParse {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  const r = obj(root);
  const c = obj(r.content);
  if (Object.keys(c).length === 0) return { ok: false, reason: 'notInventory' };
  const itemtype = str(r.itemtype) || (c.network_device ? 'NetworkEquipment' : 'Computer');
  const uuid = str(obj(c.hardware).uuid).toUpperCase();
  if (itemtype === 'Computer') return { ok: true, itemtype, proposal: computer(c), uuid };
  if (itemtype === 'NetworkEquipment' || itemtype === 'Printer') return { ok: true, itemtype, proposal: networkDevice(c, itemtype), uuid };
  return { ok: false, reason: 'notInventory' };
}
