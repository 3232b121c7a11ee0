import { describe, expect, it } from 'vitest';
import { validateIp, validateLink, validateVlan } from './validate';

describe('network input validation', () => {
  it('VLAN: number 1–4094, a name, a CIDR subnet, an optional gateway address', () => {
    expect(validateVlan({ vlanId: 10, name: '办公', subnet: '10.1.10.0/24', gateway: '' })).toEqual({});
    expect(validateVlan({ vlanId: 4095, name: ' ', subnet: '10.1.10.1/24', gateway: '10.1.10' })).toEqual({ vlanId: 'vlanRange', name: 'required', subnet: 'cidr', gateway: 'ip' });
  });
  it('IP assignment: an address, a MAC if given, a VLAN number if given', () => {
    expect(validateIp({ ip: '10.1.10.5', mac: 'f4-8e-38-00-00-01', vlanId: 10 })).toEqual({});
    expect(validateIp({ ip: '', mac: 'zz', vlanId: 0 })).toEqual({ ip: 'required', mac: 'mac', vlanId: 'vlanRange' });
  });
  it('link: two ends, not the same port twice', () => {
    expect(validateLink({ fromDeviceId: 'a', fromPort: 'Gi0/1', toDeviceId: 'b', toPort: '' })).toEqual({});
    expect(validateLink({ fromDeviceId: 'a', fromPort: 'Gi0/1', toDeviceId: 'a', toPort: 'gi0/1' })).toEqual({ toPort: 'sameEnd' });
    expect(validateLink({ fromDeviceId: '', fromPort: '', toDeviceId: '', toPort: '' })).toEqual({ fromDeviceId: 'required', toDeviceId: 'required' });
  });
});
