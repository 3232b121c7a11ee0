import { describe, expect, it } from 'vitest';
import { newDeviceFields } from './device';
import { isValidDate, isValidIp, isValidSerial, normalizeMac, validateDevice } from './validate';

describe('validators', () => {
  it('dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024', '', '2024-04-31']) expect(isValidDate(bad), bad).toBe(false);
  });
  it('MAC addresses in the usual notations', () => {
    expect(normalizeMac('00-1a-2B-3c-4d-5e')).toBe('00:1A:2B:3C:4D:5E');
    expect(normalizeMac('001a.2b3c.4d5e')).toBe('00:1A:2B:3C:4D:5E');
    expect(normalizeMac('001A2B3C4D5E')).toBe('00:1A:2B:3C:4D:5E');
    for (const bad of ['00:1A:2B:3C:4D', '00:1A-2B:3C:4D:5E', 'GG:1A:2B:3C:4D:5E', '']) expect(normalizeMac(bad), bad).toBeNull();
  });
  it('IP addresses', () => {
    for (const ok of ['10.0.0.1', '255.255.255.255', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:192.168.1.1']) expect(isValidIp(ok), ok).toBe(true);
    for (const bad of ['256.1.1.1', '10.0.0', '01.2.3.4', '1::2::3', 'abc', '2001:db8:0:0:0:0:0:0:1']) expect(isValidIp(bad), bad).toBe(false);
  });
  it('serials', () => {
    expect(isValidSerial('CN-0ABC/12.3')).toBe(true);
    for (const bad of [' ABC', 'ABC ', 'A<B', '序列号']) expect(isValidSerial(bad), bad).toBe(false);
  });
  it('a device reports each bad field by its path', () => {
    const d = { ...newDeviceFields('t', 's', null), assetNumber: 'hd 01', purchaseDate: '2024-05-01', warrantyEnd: '2023-05-01' };
    expect(validateDevice(d)).toEqual({ assetNumber: 'invalidAssetNumber', warrantyEnd: 'warrantyBeforePurchase' });
    expect(validateDevice({ ...d, assetNumber: '', warrantyEnd: null })).toEqual({ assetNumber: 'required' });
  });
});
