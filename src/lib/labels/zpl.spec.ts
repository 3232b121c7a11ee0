import { describe, expect, it } from 'vitest';
import type { Measure } from '../domain/labels/layout';
import { labelDataForDevice } from '../domain/labels/content';
import { templateById } from '../domain/labels/templates';
import { escapeFd, renderZpl } from './zpl';

const measure: Measure = (text, size) => Array.from(text).reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.6) * size, 0);
const z = templateById('Z5025')!;
const item = labelDataForDevice({ assetNumber: 'HD-104200001-I', name: 'Nurse^station~1_a', model: '', assignedUser: '' }, { origin: 'https://a.example' });

describe('ZPL', () => {
  it('escapes the characters that would break a format', () => {
    expect(escapeFd('a^b~c_d\\e')).toBe('a_5Eb_7Ec_5Fd_5Ce');
  });

  it('writes one QR label at 203 dpi with whole-dot modules inside the label', () => {
    const { zpl, labels } = renderZpl({ template: z, symbology: 'qr', fields: ['name'], items: [item] }, measure, { dpi: 203 });
    expect(labels).toBe(1);
    expect(zpl.startsWith('^XA\n^CI28\n^PW400\n^LL200\n')).toBe(true);
    expect(zpl).toMatch(/\^BY2,3,10\^FO\d+,\d+\^BQN,2,[1-9]\^FH\^FDMA,https:\/\/a\.example\/a\/HD-104200001-I\^FS/);
    expect(zpl).toContain('^FDHD-104200001-I^FS');
    expect(zpl).toContain('^FDNurse_5Estation_7E1_5Fa^FS');
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    for (const m of zpl.matchAll(/\^FO(\d+),(\d+)/g)) {
      expect(Number(m[1])).toBeLessThan(400);
      expect(Number(m[2])).toBeLessThan(200);
    }
  });

  it('scales to 300 dpi and writes DataMatrix and Code 128 with copies', () => {
    const dm = renderZpl({ template: z, symbology: 'datamatrix', fields: [], items: [item] }, measure, { dpi: 300 }).zpl;
    expect(dm).toContain('^PW591');
    expect(dm).toMatch(/\^BXN,\d+,200\^FH\^FDhttps:\/\/a\.example\/a\/HD-104200001-I\^FS/);
    const c = renderZpl({ template: z, symbology: 'code128', fields: [], items: [item, item], copies: 2 }, measure, { dpi: 203 });
    expect(c.labels).toBe(4);
    expect(c.zpl).toMatch(/\^BY[1-9],3,\d+\^FO\d+,\d+\^BCN,\d+,N,N,N,A\^FH\^FDHD-104200001-I\^FS/);
    expect(c.zpl.match(/\^PQ2/g)).toHaveLength(2);
  });

  it('prints Chinese only with a printer font, and says so otherwise', () => {
    const zh = { ...item, text: { name: '护士站' } };
    const without = renderZpl({ template: z, symbology: 'qr', fields: ['name'], items: [zh] }, measure, { dpi: 203 });
    expect(without.zpl).not.toContain('护士站');
    expect(without.warnings).toHaveLength(1);
    const withFont = renderZpl({ template: z, symbology: 'qr', fields: ['name'], items: [zh] }, measure, { dpi: 203, cjkFont: 'E:SIMSUN.TTF' });
    expect(withFont.zpl).toMatch(/\^A@N,\d+,\d+,E:SIMSUN\.TTF\^FH\^FD护士站\^FS/);
  });
});
