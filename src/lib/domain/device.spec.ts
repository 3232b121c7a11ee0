import { describe, expect, it } from 'vitest';
import { changedFields, configurationOf, newDeviceFields, warrantyEndsWithin, warrantyExpired } from './device';

describe('changedFields', () => {
  it('keeps only what the form changed, nested values compared by value', () => {
    const loaded = { ...newDeviceFields('t', 's', null), assetNumber: 'A-1', assignedUser: '张伟' };
    const edited = { ...structuredClone(loaded), assignedUser: '李娜' };
    expect(changedFields(loaded, edited)).toEqual({ assignedUser: '李娜' });
    edited.hardware.nics.push({ name: 'eth0', mac: '00:11:22:33:44:55', ip: '' });
    expect(Object.keys(changedFields(loaded, edited)).sort()).toEqual(['assignedUser', 'hardware']);
  });
});

describe('device helpers', () => {
  const d = { ...newDeviceFields('t', 's', null), warrantyEnd: '2027-02-01' };
  it('tell warranty ending soon from expired', () => {
    expect(warrantyEndsWithin(d, 90, '2026-10-01')).toBe(false); // 123 days ahead
    expect(warrantyEndsWithin(d, 90, '2026-11-03')).toBe(true); // exactly 90 days
    expect(warrantyEndsWithin(d, 90, '2027-02-02')).toBe(false); // already over
    expect(warrantyExpired(d, '2027-02-02')).toBe(true);
    expect(warrantyExpired(d, '2027-02-01')).toBe(false);
  });
  it('"same as the last one" copies the configuration but never the MACs or IPs', () => {
    const last = { ...d, model: 'M720', hardware: { ...d.hardware, nics: [{ name: 'eth0', mac: '00:11:22:33:44:55', ip: '10.0.0.2' }] } };
    const c = configurationOf(last);
    expect(c.model).toBe('M720');
    expect(c.hardware?.nics).toEqual([{ name: 'eth0', mac: '', ip: '' }]);
  });
});
