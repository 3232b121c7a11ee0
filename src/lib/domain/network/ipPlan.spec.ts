import { describe, expect, it } from 'vitest';
import { conflictIds, ipConflicts, vlanFor } from './ipPlan';

const vlans = [
  { id: 'v10', vlanId: 10, subnet: '10.10.10.0/24', gateway: '10.10.10.1' },
  { id: 'v20', vlanId: 20, subnet: '10.10.20.0/24', gateway: '10.10.20.1' }
];

describe('IP plan conflicts', () => {
  it('a clean plan has none', () => {
    expect(ipConflicts(vlans, [{ id: 'a', ip: '10.10.10.5', vlanId: 10 }, { id: 'b', ip: '10.10.20.5', vlanId: 20 }, { id: 'c', ip: '192.168.1.1' }])).toEqual([]);
  });

  it('flags the same address twice, naming both assignments', () => {
    const c = ipConflicts(vlans, [{ id: 'b', ip: '10.10.10.5', vlanId: 10 }, { id: 'a', ip: ' 10.10.10.5' }]);
    expect(c).toEqual([{ kind: 'duplicateIp', ip: '10.10.10.5', ids: ['a', 'b'] }]);
    expect(conflictIds(c[0]!)).toEqual(['a', 'b']);
  });

  it('flags an address outside its VLAN, a VLAN not in the plan and text that is no address', () => {
    expect(ipConflicts(vlans, [{ id: 'a', ip: '10.10.20.9', vlanId: 10 }, { id: 'b', ip: '10.10.10.9', vlanId: 30 }, { id: 'c', ip: '10.10.10.300' }])).toEqual([
      { kind: 'badIp', id: 'c', ip: '10.10.10.300' },
      { kind: 'noVlan', id: 'b', ip: '10.10.10.9', vlanId: 30 },
      { kind: 'outsideVlan', id: 'a', ip: '10.10.20.9', vlanId: 10, subnet: '10.10.10.0/24' }
    ]);
  });

  it('flags overlapping subnets, a gateway outside its subnet or on its broadcast, a bad subnet and a VLAN number used twice', () => {
    const c = ipConflicts([
      { id: 'a', vlanId: 10, subnet: '10.10.0.0/16', gateway: '10.10.0.1' },
      { id: 'b', vlanId: 20, subnet: '10.10.20.0/24', gateway: '10.10.21.1' },
      { id: 'c', vlanId: 30, subnet: '10.30.0.0/24', gateway: '10.30.0.255' },
      { id: 'd', vlanId: 30, subnet: '10.40.0.1/24', gateway: '' }
    ], []);
    expect(c).toEqual([
      { kind: 'badSubnet', vlan: 'd', subnet: '10.40.0.1/24' },
      { kind: 'duplicateVlanId', vlanId: 30, vlans: ['c', 'd'] },
      { kind: 'gatewayOutside', vlan: 'b', gateway: '10.10.21.1', subnet: '10.10.20.0/24' },
      { kind: 'gatewayOutside', vlan: 'c', gateway: '10.30.0.255', subnet: '10.30.0.0/24' },
      { kind: 'vlanOverlap', vlans: ['a', 'b'], subnets: ['10.10.0.0/16', '10.10.20.0/24'] }
    ]);
  });

  it('proposes the VLAN whose subnet holds a typed address', () => {
    expect(vlanFor(vlans, '10.10.20.77')?.id).toBe('v20');
    expect(vlanFor(vlans, '10.99.0.1')).toBeNull();
  });
});
