import { describe, expect, it } from 'vitest';
import { assetUrl, checkChar, formatAssetNumber, parseAssetNumber } from './assetNumber';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('asset numbers', () => {
  it('formats with a check character that parses back', () => {
    const n = formatAssetNumber('ACME', 123);
    expect(n).toMatch(/^ACME-000123-[0-9A-Z]$/);
    expect(parseAssetNumber(n.toLowerCase())).toEqual({ ok: true, value: n, prefix: 'ACME', running: 123 });
  });

  it('matches the ISO 7064 MOD 37,36 reference value', () => {
    // ISO 7064 example for MOD 37,36: "A12425GABC1234002" has check character "M".
    expect(checkChar('A12425GABC1234002')).toBe('M');
  });

  it('rejects every single-character substitution of a sample', () => {
    for (const sample of [formatAssetNumber('HD', 4217), formatAssetNumber('SZYY', 999999), formatAssetNumber('X', 0)]) {
      for (let i = 0; i < sample.length; i++) {
        if (sample[i] === '-') continue;
        for (const c of ALNUM) {
          if (c === sample[i]) continue;
          const typo = sample.slice(0, i) + c + sample.slice(i + 1);
          expect(parseAssetNumber(typo).ok, typo).toBe(false);
        }
      }
    }
  });

  it('rejects every adjacent transposition that changes the number', () => {
    const sample = formatAssetNumber('ACME', 482913);
    const body = sample.replace(/-/g, '');
    for (let i = 0; i + 1 < body.length; i++) {
      if (body[i] === body[i + 1]) continue;
      const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
      const typo = `${swapped.slice(0, 4)}-${swapped.slice(4, 10)}-${swapped.slice(10)}`;
      expect(parseAssetNumber(typo).ok, typo).toBe(false);
    }
  });

  it('says why a number is refused', () => {
    expect(parseAssetNumber('hello')).toMatchObject({ ok: false, reason: 'format' });
    const n = formatAssetNumber('ACME', 7);
    const wrong = n.slice(0, -1) + (n.endsWith('0') ? '1' : '0');
    expect(parseAssetNumber(wrong)).toMatchObject({ ok: false, reason: 'checkChar' });
  });

  it('builds the label URL on a configurable origin', () => {
    expect(assetUrl('https://assets.example.cn/', 'ACME-000123-X')).toBe('https://assets.example.cn/a/ACME-000123-X');
  });
});
