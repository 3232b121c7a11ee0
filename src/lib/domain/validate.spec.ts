import { describe, expect, it } from 'vitest';
import { newDeviceFields } from './device';
import { checkAssetNumber, duplicateWarnings, isValidDate, isValidIp, isValidSerial, normalizeMac, validateDevice } from './validate';
import { formatAssetNumber } from './assetNumber';
import { classifyScan } from './scan/classify';

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

describe('asset numbers: one rule for the forms and the scanner (issue 8, item 6)', () => {
  const device = (assetNumber: string) => ({ ...newDeviceFields('t', 's', null), assetNumber });
  it('refuses a scheme number whose check character is wrong, as the scan page does', () => {
    expect(formatAssetNumber('SZYY', 90)).toBe('SZYY-000090-Q');
    expect(validateDevice(device('SZYY-000090-A'))).toEqual({ assetNumber: 'assetNumberCheckChar' });
    expect(validateDevice(device('SZYY-000090-Q'))).toEqual({});
    expect(checkAssetNumber(' szyy-000090-q ')).toEqual({ ok: true, value: 'SZYY-000090-Q', kind: 'scheme' });
  });
  it('the device form and the scanner agree on every number', () => {
    const samples = ['SZYY-000090-A', 'SZYY-000090-Q', formatAssetNumber('ACME', 123), 'ACME-000123-0', 'HD-0001', 'PC 12', 'X'];
    for (const n of samples) {
      const scan = classifyScan(n, { bases: [] });
      const form = validateDevice(device(n)).assetNumber;
      if (scan.kind === 'rejected' && scan.reason === 'checkChar') expect(form, n).toBe('assetNumberCheckChar');
      if (scan.kind === 'asset' && scan.scheme) expect(form, n).toBeUndefined();
      if (form === 'assetNumberCheckChar') expect(scan.kind, n).toBe('rejected');
    }
  });
});

describe('duplicate serials and MACs within a client (issue 8, item 6)', () => {
  const base = newDeviceFields('acme', 's', null);
  const other = {
    ...base, id: 'd2', assetNumber: 'ACME-000002-X', model: 'OptiPlex 7090', name: 'Front desk', serial: 'pf3xyz99',
    hardware: { ...base.hardware, nics: [{ name: 'eth0', mac: '00-1a-2b-3c-4d-5e', ip: '' }] }
  };
  const mine = { ...base, assetNumber: 'ACME-000001-X', serial: 'PF3XYZ99', hardware: { ...base.hardware, nics: [{ name: '', mac: '001A.2B3C.4D5E', ip: '' }] } };
  it('names the other device of the same client for a shared serial and MAC', () => {
    const w = duplicateWarnings(mine, 'd1', [other]);
    expect(w.map((x) => [x.field, x.other.assetNumber, x.other.model])).toEqual([
      ['serial', 'ACME-000002-X', 'OptiPlex 7090'],
      ['hardware.nics.0.mac', 'ACME-000002-X', 'OptiPlex 7090']
    ]);
  });
  it('ignores the device itself, other clients and empty values', () => {
    expect(duplicateWarnings(mine, 'd2', [other])).toEqual([]);
    expect(duplicateWarnings(mine, 'd1', [{ ...other, tenantId: 'other-client' }])).toEqual([]);
    expect(duplicateWarnings({ ...base, serial: '' }, null, [{ ...other, serial: '' }])).toEqual([]);
  });
});
