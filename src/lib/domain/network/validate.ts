// Validation of what a technician types on the network pages: field → problem key, {} when fine.
import { parseCidr, parseIp } from './ipv4';
import type { IpAssignment, NetLink, Vlan } from './types';
import { normalizeMac } from '../validate';

export type NetProblem = 'required' | 'vlanRange' | 'cidr' | 'ip' | 'mac' | 'sameEnd';
export type NetErrors = Partial<Record<string, NetProblem>>;

export function validateVlan(v: Pick<Vlan, 'vlanId' | 'name' | 'subnet' | 'gateway'>): NetErrors {
  const e: NetErrors = {};
  if (!Number.isInteger(v.vlanId) || v.vlanId < 1 || v.vlanId > 4094) e.vlanId = 'vlanRange';
  if (v.name.trim() === '') e.name = 'required';
  if (!parseCidr(v.subnet)) e.subnet = v.subnet.trim() === '' ? 'required' : 'cidr';
  if (v.gateway.trim() !== '' && parseIp(v.gateway) === null) e.gateway = 'ip';
  return e;
}

export function validateIp(a: Pick<IpAssignment, 'ip' | 'mac' | 'vlanId'>): NetErrors {
  const e: NetErrors = {};
  if (parseIp(a.ip) === null) e.ip = a.ip.trim() === '' ? 'required' : 'ip';
  if (a.mac && a.mac.trim() !== '' && normalizeMac(a.mac) === null) e.mac = 'mac';
  if (a.vlanId !== undefined && (!Number.isInteger(a.vlanId) || a.vlanId < 1 || a.vlanId > 4094)) e.vlanId = 'vlanRange';
  return e;
}

export function validateLink(l: Pick<NetLink, 'fromDeviceId' | 'fromPort' | 'toDeviceId' | 'toPort'>): NetErrors {
  const e: NetErrors = {};
  if (!l.fromDeviceId) e.fromDeviceId = 'required';
  if (!l.toDeviceId) e.toDeviceId = 'required';
  if (l.fromDeviceId && l.fromDeviceId === l.toDeviceId && l.fromPort.trim().toLowerCase() === l.toPort.trim().toLowerCase()) e.toPort = 'sameEnd';
  return e;
}
