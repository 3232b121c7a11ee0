import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGlpiInventory } from './glpi';
import { newDeviceFields } from './device';
import { validateDevice, normalizeDevice } from './validate';

const fixture = (f: string) => readFileSync(`tests/fixtures/glpi/${f}`, 'utf8');
const ok = (f: string) => {
  const r = parseGlpiInventory(fixture(f));
  if (!r.ok) throw new Error(r.reason);
  return r.proposal;
};
const valid = (p: ReturnType<typeof ok>) => validateDevice(normalizeDevice({ ...newDeviceFields('t', 's', null), assetNumber: 'X-1', ...p }));

describe('GLPI inventory import', () => {
  it('fills a laptop from a full inventory', () => {
    const p = ok('computer_1.json');
    expect(p).toMatchObject({ type: 'laptop', manufacturer: 'Dell Inc.', model: 'XPS 13 9350', serial: '640HP72' });
    expect(p.hardware?.cpu).toBe('Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz');
    expect(p.hardware?.memoryGb).toBe(8);
    expect(p.hardware?.disks[0]).toMatchObject({ model: 'PM951 NVMe SAMSUNG 256GB', sizeGb: 256 });
    const eth = p.hardware?.nics.find((n) => n.ip === '192.168.1.142');
    expect(eth?.mac).toMatch(/^00:E0:4C(:[0-9A-F]{2}){3}$/);
    expect(p.hardware?.nics.every((n) => n.mac !== '00:00:00:00:00:00')).toBe(true);
    expect(p.software?.os).toBe('Fedora 31 (Workstation Edition)');
    expect(p.software?.installed).toHaveLength(6);
    expect(valid(p)).toEqual({});
  });

  it('takes a server with 3,033 software entries whole', () => {
    const p = ok('computer_3.json');
    expect(p.model).toBe('PORTEGE Z30-A');
    expect(p.software!.installed.length).toBeGreaterThan(3000);
    expect(valid(p)).toEqual({});
  });

  it('fills what a partial inventory has', () => {
    const p = ok('computer_2.json');
    expect(p).toMatchObject({ model: 'XPS 13 9350', serial: '2FAGP34', name: 'COMP1' });
    expect(p.software?.installed).toEqual([]);
  });

  it('reads switches and printers', () => {
    expect(ok('networkequipment_1.json')).toMatchObject({ type: 'switch', manufacturer: 'Cisco', model: 'UCS 6248UP 48-Port', serial: 'SSI1912014B' });
    const printer = ok('printer_1.json');
    expect(printer).toMatchObject({ type: 'printer', model: 'HP LaserJet M507', serial: 'PHCVN191TG' });
    expect(printer.hardware?.nics[0]).toEqual({ name: 'mgmt', mac: '00:68:EB:F2:BE:10', ip: '10.59.29.175' });
  });

  it('refuses what is not an inventory, with the reason', () => {
    expect(parseGlpiInventory('{oops')).toEqual({ ok: false, reason: 'notJson' });
    expect(parseGlpiInventory('{"content": 3}')).toEqual({ ok: false, reason: 'notInventory' });
    expect(parseGlpiInventory('[1,2]')).toEqual({ ok: false, reason: 'notInventory' });
  });
});
