import { describe, expect, it } from 'vitest';
import { emptyHardware, emptySoftware, newDeviceFields } from '../device';
import { driverManifest, driverReadme, driversForDevice, safeFileName, zipPathOf, type DriverRecord } from './drivers';

const d = (over: Partial<DriverRecord>): DriverRecord => ({ id: over.name ?? 'x', model: '', component: '', os: '', name: 'x', version: '1', vendor: '', notes: '', ...over });
const device = {
  ...newDeviceFields('t', 's', null), manufacturer: 'Lenovo', model: 'ThinkCentre M720t',
  hardware: { ...emptyHardware(), cpu: 'Intel Core i5-9500', nics: [{ name: 'Intel(R) Ethernet Connection I219-V', mac: '', ip: '' }], peripherals: 'HP LaserJet Pro M404dn; Fujitsu fi-7160' },
  software: { ...emptySoftware(), os: 'Windows 10 专业版', osVersion: '22H2' }
};

describe('drivers for a device', () => {
  it('takes drivers of its model, its components and its OS, nothing else', () => {
    const all = [
      d({ name: 'Chipset', model: 'ThinkCentre M720t', os: 'Windows 10' }),
      d({ name: 'Chipset W11', model: 'ThinkCentre M720t', os: 'Windows 11' }),
      d({ name: 'LAN', component: 'I219-V', os: 'windows 10' }),
      d({ name: 'Printer', component: 'LaserJet Pro M404dn' }),
      d({ name: 'Other model', model: 'OptiPlex 7090' }),
      d({ name: 'Nothing named', os: 'Windows 10' })
    ];
    expect(driversForDevice(device, all).map((x) => x.name)).toEqual(['Chipset', 'LAN', 'Printer']);
  });

  it('writes a manifest and a README naming every driver with its hash or LAN path', () => {
    const drivers = [
      d({ name: 'LAN: Intel/I219', version: '12.19', sha256: 'a'.repeat(64), fileName: 'setup.exe' }),
      d({ name: 'Printer', version: '5.1', lanPath: '\\\\nas\\drivers\\hp' })
    ];
    const m = driverManifest(drivers, (x) => !!x.sha256, '2026-12-01T08:00:00Z', { assetNumber: 'A-1', model: 'M720t', os: 'Windows 10' });
    expect(m.drivers.map((x) => [x.file, x.lanPath])).toEqual([['drivers/LAN_ Intel_I219 12.19/setup.exe', ''], ['', '\\\\nas\\drivers\\hp']]);
    const readme = driverReadme(m);
    expect(readme).toContain('LAN: Intel/I219 | 12.19');
    expect(readme).toContain('a'.repeat(64));
    expect(readme).toContain('\\\\nas\\drivers\\hp');
    expect(safeFileName('a<b>:c. ')).toBe('a_b_c');
    expect(zipPathOf({ name: 'x', version: '', fileName: null, sha256: 'abcdef0123456789' })).toBe('drivers/x/abcdef012345');
  });
});
