// Stored shapes of the network documentation (Dexie v5 tables, synced through writer.ts).
import type { DeviceType } from '../device';

/** One saved version of a network device's configuration (insert-only: versions are never edited). */
export interface NetConfig {
  id: string;
  tenantId: string;
  deviceId: string;
  at: string; // ISO time
  by: string;
  text: string;
  note: string;
}

export interface Vlan {
  id: string;
  tenantId: string;
  siteId: string;
  vlanId: number; // 1–4094
  name: string;
  subnet: string; // CIDR, e.g. 10.10.20.0/24
  gateway: string;
  purpose: string;
}

export interface IpAssignment {
  id: string;
  tenantId: string;
  siteId: string;
  ip: string;
  deviceId?: string;
  mac?: string;
  vlanId?: number;
  note: string;
}

export type LinkSource = 'manual' | 'lldp' | 'cdp';

export interface NetLink {
  id: string;
  tenantId: string;
  siteId: string;
  fromDeviceId: string;
  fromPort: string;
  toDeviceId: string;
  toPort: string;
  source: LinkSource;
  speed?: string;
}

export interface TopoLayout {
  id: string; // the site id
  tenantId: string;
  siteId: string;
  positions: Record<string, { x: number; y: number }>;
}

/** Device types the network pages list (the register's other types appear only as link ends). */
export const NETWORK_TYPES: readonly DeviceType[] = ['router', 'firewall', 'switch', 'server', 'accessPoint'];

export function isNetworkType(t: DeviceType): boolean {
  return NETWORK_TYPES.includes(t);
}
