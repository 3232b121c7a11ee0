import { describe, expect, it } from 'vitest';
import { bwipQr, encode, payload, qrVersionFor, rects, type Matrix } from './barcode';
import { encodeQr } from './qr';

function paint(m: Matrix): Uint8Array {
  const out = new Uint8Array(m.cols * m.rows);
  for (const [x, y, w, h] of rects(m)) {
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) {
      expect(out[j * m.cols + i], 'rectangles overlap').toBe(0);
      out[j * m.cols + i] = 1;
    }
  }
  return out;
}

describe('barcode matrices', () => {
  it('picks the smallest QR version that holds the URL at ECC M', () => {
    expect(qrVersionFor('x'.repeat(14))).toBe(1);
    expect(qrVersionFor('https://assets.example.cn/a/ACME-000123-X')).toBe(3);
    expect(qrVersionFor('x'.repeat(43))).toBe(4);
    expect(() => qrVersionFor('x'.repeat(400))).toThrow(RangeError);
  });

  it('encodes QR, DataMatrix and Code 128 as module matrices', () => {
    const url = 'https://assets.example.cn/a/ACME-000123-X';
    expect(encode('qr', url)).toMatchObject({ cols: 29, rows: 29 });
    expect(encode('datamatrix', url)).toMatchObject({ cols: 24, rows: 24 });
    const c = encode('code128', 'ACME-000123-X');
    expect(c.rows).toBe(1);
    expect(c.bits[0]).toBe(1);
    expect(c.bits[c.cols - 1]).toBe(1);
    expect(encode('qr', url)).toBe(encode('qr', url)); // cached
  });

  it('covers exactly the dark modules with non-overlapping rectangles, fewer than the modules', () => {
    for (const m of [encode('qr', 'https://a.example/a/HD-104200000-K'), encode('datamatrix', 'HD-1'), encode('code128', 'HD-104200000-K')]) {
      expect(Array.from(paint(m))).toEqual(Array.from(m.bits));
      const dark = m.bits.reduce((s, b) => s + b, 0);
      expect(rects(m).length).toBeLessThan(dark);
    }
  });

  it('encodes QR bit for bit like bwip-js for the same version, mask and ECC level', () => {
    // Lengths above the next level's (Q) capacity, so bwip-js cannot raise the level to Q.
    const Q = [11, 20, 32, 46, 60, 74, 86, 108, 130, 151, 177, 203, 241, 258];
    const M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362];
    let compared = 0;
    for (let v = 1; v <= 14; v++) for (const len of [Q[v - 1]! + 1, M[v - 1]!]) for (const mask of [0, 2, 5, 7]) {
      const text = Array.from({ length: len }, (_, i) => 'abcdefghijklmnopqrstuvwxyz/.:-'[(i * 7 + v * 3 + mask) % 30]).join('');
      const ours = encodeQr(text, v, mask);
      const ref = bwipQr(text, v, mask);
      expect(ours.size, `v${v}`).toBe(ref.cols);
      expect(Buffer.from(ours.bits).equals(Buffer.from(ref.bits)), `v${v} len ${len} mask ${mask}`).toBe(true);
      compared++;
    }
    expect(compared).toBe(112);
    expect(() => encodeQr('x'.repeat(15), 1, 0)).toThrow(RangeError);
  });

  it('carries the URL in 2-D codes and the bare number in Code 128', () => {
    const d = { url: 'https://x/a/N-000001-X', assetNumber: 'N-000001-X' };
    expect(payload('qr', d)).toBe(d.url);
    expect(payload('datamatrix', d)).toBe(d.url);
    expect(payload('code128', d)).toBe(d.assetNumber);
  });
});
