import { describe, expect, it } from 'vitest';
import { emptySoftware } from '../device';
import { productKey, softwareCatalogue } from './software';
import { softwareCompliance, type LicenceRecord } from './licences';
import { maskLicenceKey } from './licenceKey';

const dev = (id: string, installed: [string, string][]) => ({ id, software: { ...emptySoftware(), installed: installed.map(([name, version]) => ({ name, version })) } });
const lic = (over: Partial<LicenceRecord>): LicenceRecord => ({ id: 'l', product: '', vendor: '', seats: 1, keyMasked: '', supplier: '', ...over });

describe('software catalogue', () => {
  it('makes one product of Chinese and English spellings, architectures and languages', () => {
    const k = productKey('Microsoft Office Professional Plus 2019');
    expect(productKey('Microsoft Office 专业增强版 2019')).toBe(k);
    expect(productKey('Microsoft Office 专业增强版', '2019')).toBe(k);
    expect(productKey('Microsoft Office Professional Plus 2019 - zh-cn')).toBe(k);
    expect(productKey('Microsoft® Office Professional Plus 2019 (64-bit)')).toBe(k);
    expect(productKey('Microsoft Office Professional Plus 2016')).not.toBe(k);
    expect(productKey('Microsoft Office Standard 2019')).not.toBe(k);
  });

  it('counts devices per product and per trimmed version', () => {
    const c = softwareCatalogue([
      dev('1', [['Microsoft Office 专业增强版 2019', ' 16.0.10827 '], ['WPS Office', '11.1.0']]),
      dev('2', [['Microsoft Office Professional Plus 2019', '16.0.10827']]),
      dev('3', [['Microsoft Office Professional Plus 2019', 'v16.0.10830'], ['Microsoft Office Professional Plus 2019', '16.0.10830']])
    ]);
    expect(c[0]).toMatchObject({ name: 'Microsoft Office Professional Plus 2019', deviceIds: ['1', '2', '3'] });
    expect(c[0]!.versions).toEqual([{ version: '16.0.10827', devices: 2 }, { version: '16.0.10830', devices: 1 }]);
    expect(c[0]!.spellings).toHaveLength(2);
    expect(c[1]).toMatchObject({ name: 'WPS Office', deviceIds: ['1'] });
  });

  it('counts the antivirus of each device as installed software', () => {
    const d = dev('1', [['WPS Office', '11']]);
    d.software.antivirus = { name: '卡巴斯基', state: 'outdated' };
    expect(softwareCatalogue([d]).map((c) => c.name)).toEqual(['WPS Office', '卡巴斯基'].sort((a, b) => a.localeCompare(b)));
  });
});

describe('licence compliance', () => {
  const cat = softwareCatalogue([
    dev('1', [['Microsoft Office 专业增强版 2019', '16'], ['AutoCAD', '2022'], ['钉钉', '7.5'], ['用友U8', '13.0']]),
    dev('2', [['Microsoft Office Professional Plus 2019', '16'], ['AutoCAD', '2022'], ['用友U8', '13.0']]),
    dev('3', [['Microsoft Office Professional Plus 2019', '16'], ['用友U8', '13.0']])
  ]);
  const today = '2026-12-01';
  const rows = softwareCompliance(cat, [
    lic({ id: 'o', product: 'Microsoft Office Professional Plus 2019', seats: 2, installerPath: '\\\\nas\\soft\\office2019' }),
    lic({ id: 'a', product: 'AutoCAD 2022', seats: 5, expiresAt: '2027-01-15' }),
    lic({ id: 'u', product: '用友U8', seats: 10, expiresAt: '2026-11-30' }),
    lic({ id: 'v', product: 'Visio 2019', seats: 1 })
  ], today);
  const by = (p: string) => rows.find((r) => r.product.startsWith(p))!;

  it('flags over-deployment, expiry within 60 days, expired and unlicensed software', () => {
    expect(by('Microsoft Office')).toMatchObject({ installed: 3, licensed: 2, status: 'overDeployed', installerPaths: ['\\\\nas\\soft\\office2019'] });
    expect(by('AutoCAD')).toMatchObject({ installed: 2, licensed: 5, status: 'expiring', expiresAt: '2027-01-15' });
    expect(by('用友U8')).toMatchObject({ installed: 3, licensed: 0, status: 'expired' });
    expect(by('钉钉')).toMatchObject({ status: 'free' });
    expect(by('Visio')).toMatchObject({ installed: 0, licensed: 1, status: 'ok' });
    expect(rows[0]!.status).toBe('overDeployed');
  });

  it('lists software with no licence at all as unlicensed', () => {
    const r = softwareCompliance(softwareCatalogue([dev('1', [['CorelDRAW', '2020']])]), [], today);
    expect(r).toMatchObject([{ product: 'CorelDRAW', status: 'unlicensed', installed: 1, licensed: 0 }]);
  });

  it('masks licence keys to their last four characters', () => {
    expect(maskLicenceKey('NKJFK-GPHP7-G8C3J-P6JXR-HQRJR')).toBe('XXXXX-…-QRJR');
    expect(maskLicenceKey('abc')).toBe('XXXXX-…');
    expect(maskLicenceKey('')).toBe('');
  });
});
