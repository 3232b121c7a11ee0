/**
 * Conflicts of a site's IP plan, flagged for the technician (never silently fixed):
 *  - duplicateIp      the same address assigned twice (each assignment id listed);
 *  - outsideVlan      an address outside the subnet of the VLAN it names;
 *  - noVlan           an address whose VLAN number is not in the plan;
 *  - badIp / badSubnet  text that is not an IPv4 address / CIDR block;
 *  - vlanOverlap      two VLAN subnets that share addresses;
 *  - gatewayOutside   a gateway outside its VLAN's subnet (or on its network/broadcast address);
 *  - duplicateVlanId  the same VLAN number twice in one site.
 * Invariant: the result is sorted (kind, then ids), so the same plan always lists the same way.
 */
import { contains, isHostOf, overlaps, parseCidr, parseIp, type Cidr } from './ipv4';
import type { IpAssignment, Vlan } from './types';

export type IpConflict =
  | { kind: 'duplicateIp'; ip: string; ids: string[] }
  | { kind: 'outsideVlan'; id: string; ip: string; vlanId: number; subnet: string }
  | { kind: 'noVlan'; id: string; ip: string; vlanId: number }
  | { kind: 'badIp'; id: string; ip: string }
  | { kind: 'badSubnet'; vlan: string; subnet: string }
  | { kind: 'vlanOverlap'; vlans: [string, string]; subnets: [string, string] }
  | { kind: 'gatewayOutside'; vlan: string; gateway: string; subnet: string }
  | { kind: 'duplicateVlanId'; vlanId: number; vlans: string[] };

type VlanPlan = Pick<Vlan, 'id' | 'vlanId' | 'subnet' | 'gateway'>;
type IpPlan = Pick<IpAssignment, 'id' | 'ip' | 'vlanId'>;

export function ipConflicts(vlans: readonly VlanPlan[], ips: readonly IpPlan[]): IpConflict[] {
  const out: IpConflict[] = [];
  const blocks = new Map<string, Cidr>();
  const byNumber = new Map<number, VlanPlan[]>();
  for (const v of vlans) {
    byNumber.set(v.vlanId, [...(byNumber.get(v.vlanId) ?? []), v]);
    const c = parseCidr(v.subnet);
    if (!c) { out.push({ kind: 'badSubnet', vlan: v.id, subnet: v.subnet }); continue; }
    blocks.set(v.id, c);
    if (v.gateway.trim() !== '') {
      const g = parseIp(v.gateway);
      if (g === null || !isHostOf(c, g)) out.push({ kind: 'gatewayOutside', vlan: v.id, gateway: v.gateway, subnet: v.subnet });
    }
  }
  for (const [n, vs] of byNumber) if (vs.length > 1) out.push({ kind: 'duplicateVlanId', vlanId: n, vlans: vs.map((v) => v.id).sort() });
  const withBlocks = vlans.filter((v) => blocks.has(v.id));
  for (let i = 0; i < withBlocks.length; i++) {
    for (let j = i + 1; j < withBlocks.length; j++) {
      const a = withBlocks[i]!, b = withBlocks[j]!;
      if (overlaps(blocks.get(a.id)!, blocks.get(b.id)!)) {
        const [x, y] = a.id < b.id ? [a, b] : [b, a];
        out.push({ kind: 'vlanOverlap', vlans: [x.id, y.id], subnets: [x.subnet, y.subnet] });
      }
    }
  }
  const seen = new Map<number, IpPlan[]>();
  for (const a of ips) {
    const n = parseIp(a.ip);
    if (n === null) { out.push({ kind: 'badIp', id: a.id, ip: a.ip }); continue; }
    seen.set(n, [...(seen.get(n) ?? []), a]);
    if (a.vlanId === undefined) continue;
    const vs = byNumber.get(a.vlanId);
    if (!vs) { out.push({ kind: 'noVlan', id: a.id, ip: a.ip, vlanId: a.vlanId }); continue; }
    const block = blocks.get(vs[0]!.id);
    if (block && !contains(block, n)) out.push({ kind: 'outsideVlan', id: a.id, ip: a.ip, vlanId: a.vlanId, subnet: vs[0]!.subnet });
  }
  for (const as of seen.values()) if (as.length > 1) out.push({ kind: 'duplicateIp', ip: as[0]!.ip.trim(), ids: as.map((a) => a.id).sort() });
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || conflictIds(a).join().localeCompare(conflictIds(b).join()));
}

/** The record ids a conflict names, for marking rows in the plan. */
export function conflictIds(c: IpConflict): string[] {
  switch (c.kind) {
    case 'duplicateIp': return c.ids;
    case 'vlanOverlap': return c.vlans;
    case 'duplicateVlanId': return c.vlans;
    case 'badSubnet': case 'gatewayOutside': return [c.vlan];
    default: return [c.id];
  }
}

/** The VLAN whose subnet holds `ip`, for proposing a VLAN when an address is typed. */
export function vlanFor(vlans: readonly VlanPlan[], ip: string): VlanPlan | null {
  const n = parseIp(ip);
  if (n === null) return null;
  return vlans.find((v) => { const c = parseCidr(v.subnet); return c !== null && contains(c, n); }) ?? null;
}
