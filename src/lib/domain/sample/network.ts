/**
 * The sample client's network: VLANs and an IP plan per site, cables between its switches,
 * firewalls, routers, APs and servers, and configuration versions of the core devices — all
 * derived from the devices sampleClient() makes (named by asset number), so the network pages,
 * the topology and the survey report have realistic data. Deterministic, like the register.
 * The plan carries two deliberate conflicts (a duplicate address, an address outside its VLAN),
 * as real surveys find them.
 */
import type { DeviceType } from '../device';
import type { LinkSource } from '../network/types';
import type { SampleClient } from '../sample';

export interface SampleVlan { siteKey: string; vlanId: number; name: string; subnet: string; gateway: string; purpose: string }
export interface SampleIp { siteKey: string; ip: string; asset?: string; mac?: string; vlanId?: number; note: string }
export interface SampleLink { siteKey: string; from: string; fromPort: string; to: string; toPort: string; source: LinkSource; speed?: string }
export interface SampleConfig { asset: string; at: string; by: string; text: string; note: string }
export interface SampleNetwork { vlans: SampleVlan[]; ips: SampleIp[]; links: SampleLink[]; configs: SampleConfig[] }

const VLANS: Record<string, [number, string, string, string][]> = {
  main: [[10, '网管', '10.10.0.0/24', '设备管理'], [20, '办公', '10.10.20.0/23', '行政办公终端'], [30, 'HIS', '10.10.30.0/24', '门诊、住院业务终端'],
    [40, '无线', '10.10.40.0/22', '院内无线'], [50, '服务器', '10.10.50.0/24', '机房服务器'], [99, '访客', '192.168.99.0/24', '访客无线，仅上网']],
  east: [[10, '网管', '10.20.0.0/24', '设备管理'], [20, '办公', '10.20.20.0/24', '行政办公终端'], [30, 'HIS', '10.20.30.0/24', '业务终端']]
};

function coreConfig(hostname: string, vlans: SampleVlan[], extra: string[]): string {
  return [
    `sysname ${hostname}`, '#', `vlan batch ${vlans.map((v) => v.vlanId).join(' ')}`, '#',
    ...vlans.flatMap((v) => [`interface Vlanif${v.vlanId}`, ` description ${v.purpose}`, ` ip address ${v.gateway} ${mask(v.subnet)}`, '#']),
    'interface GigabitEthernet0/0/1', ' port link-type trunk', ` port trunk allow-pass vlan ${vlans.map((v) => v.vlanId).join(' ')}`, '#',
    ...extra, 'stp mode rstp', 'ntp-service unicast-server 10.10.50.10', 'snmp-agent sys-info version v3', 'return'
  ].join('\n');
}

function mask(cidr: string): string {
  const p = Number(cidr.split('/')[1]);
  const m = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

export function sampleNetwork(c: SampleClient): SampleNetwork {
  const out: SampleNetwork = { vlans: [], ips: [], links: [], configs: [] };
  const ofType = (siteKey: string, ...types: DeviceType[]) => c.devices.filter((d) => d.siteKey === siteKey && types.includes(d.type));
  const building = (d: SampleClient['devices'][number]) => d.locationKey.split('-')[1] ?? '';
  for (const siteKey of ['main', 'east']) {
    const vlans = (VLANS[siteKey] ?? []).map(([vlanId, name, subnet, purpose]) => ({ siteKey, vlanId, name, subnet, purpose, gateway: subnet.replace(/\.0\/\d+$/, '.1') }));
    out.vlans.push(...vlans);
    const switches = ofType(siteKey, 'switch');
    // The core: an S5130 where there is one (the larger model), else the first switch.
    const core = switches.find((s) => s.model.startsWith('S5130')) ?? switches[0];
    if (!core) continue;
    const firewalls = ofType(siteKey, 'firewall');
    const router = ofType(siteKey, 'router')[0];
    const fw = firewalls[0];
    if (router && fw) out.links.push({ siteKey, from: router.assetNumber, fromPort: 'GE0/0/1', to: fw.assetNumber, toPort: 'eth1', source: 'manual', speed: '1G' });
    if (fw) out.links.push({ siteKey, from: fw.assetNumber, fromPort: 'eth2', to: core.assetNumber, toPort: 'XGE1/0/1', source: 'lldp', speed: '10G' });
    if (firewalls[1] && fw) out.links.push({ siteKey, from: fw.assetNumber, fromPort: 'HA', to: firewalls[1].assetNumber, toPort: 'HA', source: 'manual', speed: '1G' });
    const access = switches.filter((s) => s !== core);
    access.forEach((s, i) => out.links.push({ siteKey, from: s.assetNumber, fromPort: 'GE0/0/28', to: core.assetNumber, toPort: `GE1/0/${i + 2}`, source: i % 3 === 2 ? 'manual' : 'lldp', speed: '1G' }));
    ofType(siteKey, 'accessPoint').forEach((ap, i) => {
      const sw = access.find((s) => building(s) === building(ap)) ?? core;
      out.links.push({ siteKey, from: sw.assetNumber, fromPort: `GE0/0/${10 + i}`, to: ap.assetNumber, toPort: 'GE0/0/0', source: 'lldp', speed: '1G' });
    });
    ofType(siteKey, 'server').forEach((sv, i) => out.links.push({ siteKey, from: core.assetNumber, fromPort: `GE1/0/${20 + i}`, to: sv.assetNumber, toPort: 'eno1', source: 'manual', speed: '1G' }));
    // The IP plan: every network device and server on the management VLAN, at its register address.
    for (const d of [...(router ? [router] : []), ...firewalls, ...switches, ...ofType(siteKey, 'accessPoint', 'server')]) {
      const nic = d.hardware.nics[0];
      if (nic) out.ips.push({ siteKey, ip: nic.ip, asset: d.assetNumber, mac: nic.mac, vlanId: 10, note: '' });
    }
    if (siteKey === 'main') {
      const taken = out.ips.find((a) => a.siteKey === 'main' && a.asset !== core.assetNumber);
      if (taken) out.ips.push({ siteKey, ip: taken.ip, vlanId: 10, note: '预留给视频监控 NVR（与现有设备地址冲突）' });
      out.ips.push({ siteKey, ip: '10.10.51.20', vlanId: 50, note: 'PACS 存储（地址不在服务器 VLAN 内）' });
    }
    const hostname = `${siteKey === 'main' ? 'FT' : 'LH'}-CORE-${core.model.split('-')[0]}`;
    const v1 = coreConfig(hostname, vlans.filter((v) => v.vlanId !== 99), []);
    const v2 = coreConfig(hostname, vlans, ['acl number 3099', ' rule 5 deny ip source 192.168.99.0 0.0.0.255 destination 10.10.0.0 0.0.255.255', '#']);
    out.configs.push({ asset: core.assetNumber, at: '2026-03-02T09:30:00.000Z', by: '李工', text: v1, note: '调研时导出的初始配置' });
    out.configs.push({ asset: core.assetNumber, at: '2026-05-18T14:10:00.000Z', by: '王工', text: v2, note: '新增访客 VLAN 99 并隔离内网' });
    if (fw) {
      out.configs.push({ asset: fw.assetNumber, at: '2026-04-08T10:00:00.000Z', by: '李工', note: '出口策略', text: [
        'hostname ' + (siteKey === 'main' ? 'FT-FW-01' : 'LH-FW-01'), 'interface eth1', ' ip address 218.17.20.2 255.255.255.248', 'interface eth2',
        ' ip address 10.10.0.254 255.255.255.0', 'policy 1 lan-to-wan permit', 'policy 2 wan-to-lan deny', 'nat source eth2 to eth1'
      ].join('\n') });
    }
  }
  return out;
}
