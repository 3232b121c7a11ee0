import { describe, expect, it } from 'vitest';
import { ipConflicts } from '../network/ipPlan';
import { validateIp, validateVlan } from '../network/validate';
import { sampleClient } from '../sample';
import { sampleNetwork } from './network';

describe('sample network', () => {
  const c = sampleClient(200, 7);
  const n = sampleNetwork(c);
  const assets = new Map(c.devices.map((d) => [d.assetNumber, d]));

  it('cables real devices of the register, within one site, with a firewall and APs', () => {
    expect(n.links.length).toBeGreaterThan(20);
    for (const l of n.links) {
      expect(assets.get(l.from)?.siteKey).toBe(l.siteKey);
      expect(assets.get(l.to)?.siteKey).toBe(l.siteKey);
    }
    const types = new Set(n.links.flatMap((l) => [assets.get(l.from)!.type, assets.get(l.to)!.type]));
    for (const t of ['firewall', 'switch', 'accessPoint', 'router', 'server']) expect(types).toContain(t);
  });

  it('has valid VLANs and addresses, with exactly the two deliberate conflicts', () => {
    for (const v of n.vlans) expect(validateVlan(v)).toEqual({});
    for (const a of n.ips) expect(validateIp(a)).toEqual({});
    const main = ipConflicts(n.vlans.filter((v) => v.siteKey === 'main').map((v) => ({ ...v, id: String(v.vlanId) })), n.ips.filter((a) => a.siteKey === 'main').map((a, i) => ({ ...a, id: String(i) })));
    expect(main.map((x) => x.kind)).toEqual(['duplicateIp', 'outsideVlan']);
  });

  it('keeps two configuration versions of each core switch that differ', () => {
    const cores = [...new Set(n.configs.filter((x) => assets.get(x.asset)!.type === 'switch').map((x) => x.asset))];
    expect(cores).toHaveLength(2);
    const [a, b] = n.configs.filter((x) => x.asset === cores[0]);
    expect(a!.text).not.toBe(b!.text);
  });
});
