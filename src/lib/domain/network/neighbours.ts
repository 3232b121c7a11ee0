/**
 * Links between ports taken from a GLPI agent's network-equipment inventory: each port's
 * LLDP/CDP neighbour (connections with a system name, MAC, IP or port), matched to devices of
 * the register by MAC first (the most specific), then name, then IP. Neighbours that match
 * nothing are returned as such, for the technician to add the device or link by hand.
 * Malformed parts of the file are skipped, never thrown (agents vary by vendor and version).
 */
import { normalizeMac } from '../validate';
import type { LinkSource, NetLink } from './types';

export interface Neighbour {
  localPort: string;
  protocol: Exclude<LinkSource, 'manual'>;
  name: string;
  ip: string;
  mac: string; // normalised, '' when not sent
  remotePort: string;
  model: string;
  speed?: string;
}

export interface InventoriedSwitch {
  name: string;
  serial: string;
  macs: string[];
  ips: string[];
  neighbours: Neighbour[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function speedText(bps: unknown): string | undefined {
  const n = typeof bps === 'number' ? bps : Number(str(bps));
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return n >= 1e9 ? `${n / 1e9}G` : `${n / 1e6}M`;
}

/** The inventoried device and its neighbours, or null when the text is not a GLPI network inventory. */
export function parseNetworkInventory(text: string): InventoriedSwitch | null {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return null; }
  const content = obj(obj(doc).content);
  const dev = obj(content.network_device);
  const ports = arr(content.network_ports);
  if (Object.keys(dev).length === 0 && ports.length === 0) return null;
  const neighbours: Neighbour[] = [];
  const portMacs: string[] = [];
  for (const p of ports.map(obj)) {
    const m = normalizeMac(str(p.mac));
    if (m) portMacs.push(m);
    if (p.lldp !== true && p.cdp !== true) continue;
    for (const c of arr(p.connections).map(obj)) {
      const mac = normalizeMac(str(c.sysmac)) ?? normalizeMac(str(c.mac)) ?? '';
      const n: Neighbour = {
        localPort: str(p.ifname) || str(p.ifdescr), protocol: p.cdp === true ? 'cdp' : 'lldp',
        name: str(c.sysname), ip: str(c.ip), mac, remotePort: str(c.ifdescr) || str(c.ifnumber), model: str(c.model)
      };
      const speed = speedText(p.ifspeed);
      if (speed) n.speed = speed;
      if (n.name || n.ip || n.mac) neighbours.push(n);
    }
  }
  const mac = normalizeMac(str(dev.mac));
  return {
    name: str(dev.name), serial: str(dev.serial),
    macs: [...new Set([...(mac ? [mac] : []), ...portMacs])],
    ips: arr(dev.ips).map(str).filter((ip) => ip !== '' && !ip.startsWith('127.')),
    neighbours
  };
}

/** What matching needs of a register device. */
export interface MatchableDevice {
  id: string;
  name: string;
  serial: string;
  macs: readonly string[];
  ips: readonly string[];
}

export type MatchBy = 'mac' | 'name' | 'ip';

const shortName = (s: string) => s.trim().toLowerCase().split('.')[0] ?? '';

export function matchNeighbour(n: Pick<Neighbour, 'mac' | 'name' | 'ip'>, devices: readonly MatchableDevice[]): { deviceId: string; by: MatchBy } | null {
  if (n.mac) {
    const d = devices.find((x) => x.macs.includes(n.mac));
    if (d) return { deviceId: d.id, by: 'mac' };
  }
  if (n.name) {
    const want = shortName(n.name);
    const d = devices.find((x) => x.name.trim().toLowerCase() === n.name.trim().toLowerCase()) ?? devices.find((x) => shortName(x.name) === want);
    if (d) return { deviceId: d.id, by: 'name' };
  }
  if (n.ip) {
    const d = devices.find((x) => x.ips.includes(n.ip));
    if (d) return { deviceId: d.id, by: 'ip' };
  }
  return null;
}

export type LinkEnds = Pick<NetLink, 'fromDeviceId' | 'fromPort' | 'toDeviceId' | 'toPort'>;

/** The same cable whichever way round it was entered. */
export function sameLink(a: LinkEnds, b: LinkEnds): boolean {
  const norm = (s: string) => s.trim().toLowerCase();
  const ends = (l: LinkEnds) => [`${l.fromDeviceId}|${norm(l.fromPort)}`, `${l.toDeviceId}|${norm(l.toPort)}`].sort().join('↔');
  return ends(a) === ends(b);
}

export interface LinkProposal {
  matched: { neighbour: Neighbour; deviceId: string; by: MatchBy; link: LinkEnds & { source: LinkSource; speed?: string }; exists: boolean }[];
  unmatched: Neighbour[];
}

/** Links the neighbours of `localDeviceId` imply; `exists` marks those already recorded. */
export function proposeLinks(localDeviceId: string, neighbours: readonly Neighbour[], devices: readonly MatchableDevice[], existing: readonly LinkEnds[]): LinkProposal {
  const out: LinkProposal = { matched: [], unmatched: [] };
  for (const n of neighbours) {
    const m = matchNeighbour(n, devices.filter((d) => d.id !== localDeviceId));
    if (!m) { out.unmatched.push(n); continue; }
    const link = { fromDeviceId: localDeviceId, fromPort: n.localPort, toDeviceId: m.deviceId, toPort: n.remotePort, source: n.protocol, ...(n.speed ? { speed: n.speed } : {}) };
    const exists = existing.some((e) => sameLink(e, link)) || out.matched.some((x) => sameLink(x.link, link));
    out.matched.push({ neighbour: n, deviceId: m.deviceId, by: m.by, link, exists });
  }
  return out;
}
