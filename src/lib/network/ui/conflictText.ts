// A conflict of the IP plan in words; VLAN record ids are shown as their numbers.
import type { IpConflict } from '$lib/domain/network/ipPlan';
import type { Vlan } from '$lib/domain/network/types';
import { t } from '$lib/i18n/index.svelte';

export function conflictText(c: IpConflict, vlans: readonly Vlan[]): string {
  const num = (id: string) => String(vlans.find((v) => v.id === id)?.vlanId ?? '?');
  const sub = (id: string) => vlans.find((v) => v.id === id)?.subnet ?? '';
  switch (c.kind) {
    case 'duplicateIp': return t('net.conflict.duplicateIp', { ip: c.ip });
    case 'outsideVlan': return t('net.conflict.outsideVlan', { ip: c.ip, vlan: c.vlanId, subnet: c.subnet });
    case 'noVlan': return t('net.conflict.noVlan', { ip: c.ip, vlan: c.vlanId });
    case 'badIp': return t('net.conflict.badIp', { ip: c.ip });
    case 'badSubnet': return t('net.conflict.badSubnet', { subnet: c.subnet });
    case 'vlanOverlap': return t('net.conflict.vlanOverlap', { a: `${sub(c.vlans[0])} (VLAN ${num(c.vlans[0])})`, b: `${sub(c.vlans[1])} (VLAN ${num(c.vlans[1])})` });
    case 'gatewayOutside': return t('net.conflict.gatewayOutside', { gateway: c.gateway, subnet: c.subnet });
    case 'duplicateVlanId': return t('net.conflict.duplicateVlanId', { vlan: c.vlanId });
  }
}
