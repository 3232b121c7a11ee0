import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchNeighbour, parseNetworkInventory, proposeLinks, sameLink, type MatchableDevice } from './neighbours';

const fixture = readFileSync(new URL('../../../../tests/fixtures/glpi/networkequipment_1.json', import.meta.url), 'utf8');

describe('LLDP/CDP neighbours of a GLPI network inventory', () => {
  const inv = parseNetworkInventory(fixture)!;

  it('reads the switch and the neighbours of its ports', () => {
    expect(inv.name).toBe('ucs6248up-cluster-pa3-B');
    expect(inv.serial).toBe('SSI1912014B');
    expect(inv.macs[0]).toBe('8C:60:4F:8D:AE:FC');
    expect(inv.ips).toEqual(['10.2.5.10', '192.168.12.5']);
    expect(inv.neighbours).toHaveLength(5);
    expect(inv.neighbours[1]).toEqual({ localPort: 'Ethernet1/15', protocol: 'lldp', name: 'n9k-2-pa3', ip: '10.1.0.58', mac: '', remotePort: 'Ethernet1/5', model: 'N9K-C9372PX', speed: '10G' });
  });

  it('refuses text that is not an inventory', () => {
    expect(parseNetworkInventory('not json')).toBeNull();
    expect(parseNetworkInventory('{"content":{}}')).toBeNull();
  });

  const devices: MatchableDevice[] = [
    { id: 'fi-b', name: 'FI-B', serial: 'SSI1912014B', macs: [], ips: [] },
    { id: 'n9k-1', name: 'n9k-1-pa3.example.net', serial: '', macs: [], ips: [] },
    { id: 'mgmt', name: 'mgmt switch', serial: '', macs: [], ips: ['172.25.1.2'] },
    { id: 'ap', name: 'AP', serial: '', macs: ['00:11:22:33:44:55'], ips: ['10.1.0.58'] }
  ];

  it('matches by MAC first, then name (host part too), then IP', () => {
    expect(matchNeighbour({ mac: '00:11:22:33:44:55', name: 'n9k-1-pa3', ip: '' }, devices)).toEqual({ deviceId: 'ap', by: 'mac' });
    expect(matchNeighbour({ mac: '', name: 'N9K-1-PA3', ip: '' }, devices)).toEqual({ deviceId: 'n9k-1', by: 'name' });
    expect(matchNeighbour({ mac: '', name: 'sw2-mgmt-eqnx', ip: '172.25.1.2' }, devices)).toEqual({ deviceId: 'mgmt', by: 'ip' });
    expect(matchNeighbour({ mac: '', name: 'nobody', ip: '1.1.1.1' }, devices)).toBeNull();
  });

  it('proposes links, marks those already recorded and lists the unmatched neighbours', () => {
    const existing = [{ fromDeviceId: 'n9k-1', fromPort: 'ethernet1/5', toDeviceId: 'fi-b', toPort: 'Ethernet1/31' }];
    const p = proposeLinks('fi-b', inv.neighbours, devices, existing);
    expect(p.matched.map((m) => [m.link.fromPort, m.deviceId, m.by, m.exists])).toEqual([
      ['mgmt0', 'mgmt', 'ip', false],
      ['Ethernet1/15', 'ap', 'ip', false],
      ['Ethernet1/16', 'ap', 'ip', false],
      ['Ethernet1/31', 'n9k-1', 'name', true],
      ['Ethernet1/32', 'n9k-1', 'name', false]
    ]);
    expect(p.unmatched).toEqual([]);
    const none = proposeLinks('fi-b', inv.neighbours, devices.slice(0, 1), []);
    expect(none.unmatched.map((n) => n.name)).toEqual(['sw2-mgmt-eqnx', 'n9k-2-pa3', 'n9k-2-pa3', 'n9k-1-pa3', 'n9k-1-pa3']);
  });

  it('knows a cable entered either way round', () => {
    expect(sameLink({ fromDeviceId: 'a', fromPort: 'Gi0/1', toDeviceId: 'b', toPort: 'Gi0/2' }, { fromDeviceId: 'b', fromPort: 'gi0/2 ', toDeviceId: 'a', toPort: 'GI0/1' })).toBe(true);
    expect(sameLink({ fromDeviceId: 'a', fromPort: 'Gi0/1', toDeviceId: 'b', toPort: 'Gi0/2' }, { fromDeviceId: 'a', fromPort: 'Gi0/2', toDeviceId: 'b', toPort: 'Gi0/1' })).toBe(false);
  });
});
