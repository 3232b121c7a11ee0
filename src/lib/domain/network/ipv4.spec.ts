import { describe, expect, it } from 'vitest';
import { broadcast, contains, formatCidr, formatIp, hostCount, isHostOf, overlaps, parseCidr, parseIp } from './ipv4';

describe('IPv4 addresses and CIDR blocks', () => {
  it('parses strict dotted quads only', () => {
    expect(parseIp('10.1.2.3')).toBe(167838211);
    expect(formatIp(parseIp(' 192.168.0.255 ')!)).toBe('192.168.0.255');
    for (const bad of ['10.1.2', '10.1.2.256', '010.1.2.3', '1.2.3.4.5', 'a.b.c.d', '', '10.1.2.3/24']) expect(parseIp(bad), bad).toBeNull();
  });

  it('parses blocks and refuses one written with host bits set', () => {
    expect(parseCidr('10.10.20.0/24')).toEqual({ network: parseIp('10.10.20.0'), prefix: 24 });
    expect(parseCidr('10.10.20.7/24')).toBeNull();
    expect(parseCidr('10.10.20.0/33')).toBeNull();
    expect(formatCidr(parseCidr('0.0.0.0/0')!)).toBe('0.0.0.0/0');
    expect(formatIp(broadcast(parseCidr('172.16.0.0/12')!))).toBe('172.31.255.255');
  });

  it('knows membership, host addresses and sizes', () => {
    const c = parseCidr('192.168.1.0/26')!;
    expect(contains(c, parseIp('192.168.1.63')!)).toBe(true);
    expect(contains(c, parseIp('192.168.1.64')!)).toBe(false);
    expect(isHostOf(c, parseIp('192.168.1.0')!)).toBe(false);
    expect(isHostOf(c, parseIp('192.168.1.63')!)).toBe(false);
    expect(isHostOf(c, parseIp('192.168.1.1')!)).toBe(true);
    expect(hostCount(c)).toBe(62);
    expect(hostCount(parseCidr('10.0.0.0/31')!)).toBe(2);
    expect(isHostOf(parseCidr('10.0.0.0/31')!, parseIp('10.0.0.0')!)).toBe(true);
  });

  it('tells overlapping blocks', () => {
    expect(overlaps(parseCidr('10.0.0.0/16')!, parseCidr('10.0.5.0/24')!)).toBe(true);
    expect(overlaps(parseCidr('10.0.0.0/24')!, parseCidr('10.0.1.0/24')!)).toBe(false);
    expect(overlaps(parseCidr('10.0.1.0/24')!, parseCidr('10.0.0.0/23')!)).toBe(true);
  });
});
