import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '../assetNumber';
import { parseManufacturerCode } from './manufacturer';
import { GS } from './text';

const ctx = { bases: ['https://assets.example.cn'] };
const p = (s: string) => parseManufacturerCode(s, ctx);

describe('parseManufacturerCode', () => {
  it('GS1: serial from AI 21, GTIN as model candidate', () => {
    expect(p(`]d20109506000134352${'21'}SN998877${GS}240OPTI7090`)).toEqual({
      ok: true,
      proposals: [
        { field: 'serial', value: 'SN998877', source: 'gs1Serial' },
        { field: 'model', value: 'OPTI7090', source: 'gs1ProductId' },
        { field: 'model', value: '09506000134352', source: 'gs1Gtin' }
      ]
    });
  });

  it('MAC addresses in any common spelling, with or without a prefix', () => {
    for (const s of ['00-1A-2B-3C-4D-5E', '001a.2b3c.4d5e', 'MAC: 00:1a:2b:3c:4d:5e', 'MAC ID 001A2B3C4D5E']) {
      expect(p(s), s).toEqual({ ok: true, proposals: [{ field: 'mac', value: '00:1A:2B:3C:4D:5E', source: 'mac' }] });
    }
  });

  it('plain serials and vendor prefixes', () => {
    expect(p('CN0R5T7K7412')).toEqual({ ok: true, proposals: [{ field: 'serial', value: 'CN0R5T7K7412', source: 'serial' }] });
    expect(p('S/N: 5CG1234XYZ')).toEqual({ ok: true, proposals: [{ field: 'serial', value: '5CG1234XYZ', source: 'serial' }] });
    expect(p('SN 5CG1234XYZ')).toEqual({ ok: true, proposals: [{ field: 'serial', value: '5CG1234XYZ', source: 'serial' }] });
    expect(p('P/N: 20L8S02D00')).toEqual({ ok: true, proposals: [{ field: 'model', value: '20L8S02D00', source: 'partNumber' }] });
    // A serial that merely starts with "SN" stays whole.
    expect(p('SNABC12345')).toEqual({ ok: true, proposals: [{ field: 'serial', value: 'SNABC12345', source: 'serial' }] });
  });

  it('Lenovo 1S codes split into type-model and serial', () => {
    expect(p('1S20L8S02D00PF1ABCDE')).toEqual({
      ok: true,
      proposals: [{ field: 'model', value: '20L8S02D00', source: 'lenovo' }, { field: 'serial', value: 'PF1ABCDE', source: 'lenovo' }]
    });
  });

  it('refuses our own labels and junk', () => {
    const n = formatAssetNumber('ACME', 5);
    expect(p(n)).toEqual({ ok: false, reason: 'ourLabel' });
    expect(p('https://assets.example.cn/a/' + n)).toEqual({ ok: false, reason: 'ourLabel' });
    expect(p('https://assets.example.cn/audit/room/abc')).toEqual({ ok: false, reason: 'ourLabel' });
    expect(p('https://vendor.example.com/warranty?sn=1')).toEqual({ ok: false, reason: 'foreignOrigin' });
    expect(p('序列号')).toEqual({ ok: false, reason: 'unrecognised' });
    expect(p('S/N: ')).toEqual({ ok: false, reason: 'unrecognised' });
  });
});
