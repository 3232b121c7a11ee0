/**
 * Symbol matrices, cached, and merged into rectangles for vector output.
 *  - DataMatrix and Code 128: bwip-js's `raw` encoder output (the symbol matrix, no drawing).
 *  - QR: the version is fixed to the smallest that holds the payload in byte mode at ECC level M
 *    and the mask pattern is fixed (ISO 18004 lets an encoder pick any mask). Even so bwip-js
 *    took about 0.9 ms a symbol, most of a 1,000-label job, so QR uses qr.ts (about 10 µs), which
 *    barcode.spec.ts checks bit for bit against bwip-js's matrix for the same version and mask.
 */
// The platform-neutral build: `raw` needs no canvas, and this entry carries its types.
import bwipjs from 'bwip-js/browser';
import type { Symbology } from '../domain/labels/templates';
import { encodeQr } from './qr';

export interface Matrix {
  cols: number;
  rows: number;
  /** Row-major, 1 = dark module. Code 128 is one row of modules. */
  bits: Uint8Array;
}

/** The bwip-js QR matrix for the same choices (the reference the tests compare qr.ts with). */
export function bwipQr(text: string, version: number, mask: number): Matrix {
  const [r] = bwipjs.raw({ bcid: 'qrcode', text, eclevel: 'M', version: String(version), mask: String(mask + 1) } as { bcid: string; text: string }) as RawPix[];
  if (!r) throw new Error('qrcode: no symbol');
  return { cols: r.pixx, rows: r.pixy, bits: Uint8Array.from(r.pixs) };
}

/** Bytes each QR version holds in byte mode at ECC level M (versions 1–14). */
const QR_M_BYTES = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362];
/** Mask pattern 000, (x + y) mod 2 = 0; bwip-js calls it mask 1. */
export const QR_MASK = 0;

export function qrVersionFor(text: string): number {
  const n = new TextEncoder().encode(text).length;
  const i = QR_M_BYTES.findIndex((cap) => cap >= n);
  if (i < 0) throw new RangeError(`payload of ${n} bytes is too long for a label QR`);
  return i + 1;
}

type RawPix = { pixs: number[]; pixx: number; pixy: number };
type RawBars = { sbs: number[] };

function encodeRaw(symbology: Symbology, text: string): Matrix {
  if (symbology === 'code128') {
    const [r] = bwipjs.raw({ bcid: 'code128', text }) as RawBars[];
    if (!r) throw new Error('code128: no symbol');
    const cols = r.sbs.reduce((s, w) => s + w, 0);
    const bits = new Uint8Array(cols);
    let x = 0;
    r.sbs.forEach((w, i) => {
      if (i % 2 === 0) bits.fill(1, x, x + w);
      x += w;
    });
    return { cols, rows: 1, bits };
  }
  if (symbology === 'qr') {
    const q = encodeQr(text, qrVersionFor(text), QR_MASK);
    return { cols: q.size, rows: q.size, bits: q.bits };
  }
  const [r] = bwipjs.raw({ bcid: 'datamatrix', text }) as RawPix[];
  if (!r) throw new Error(`${symbology}: no symbol`);
  return { cols: r.pixx, rows: r.pixy, bits: Uint8Array.from(r.pixs) };
}

const CACHE_MAX = 4096;
const cache = new Map<string, Matrix>();

/** The symbol for `text`, from the cache when it was encoded before (copies, preview then PDF). */
export function encode(symbology: Symbology, text: string): Matrix {
  const key = symbology + '\u0000' + text;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = encodeRaw(symbology, text);
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, m);
  return m;
}

/** Empties the symbol cache (benchmarks measure encoding, not the cache). */
export function clearBarcodeCache(): void {
  cache.clear();
}

/** The text a symbology carries for a label: the URL for 2-D codes, the bare number for Code 128. */
export function payload(symbology: Symbology, data: { url: string; assetNumber: string }): string {
  return symbology === 'code128' ? data.assetNumber : data.url;
}

/** [x, y, w, h] in modules. */
export type ModuleRect = [number, number, number, number];

/**
 * Dark modules as rectangles: runs along each row, and a run continued downwards while the
 * next rows have exactly the same run (finder patterns and Code 128 bars become one rectangle).
 */
export function rects(m: Matrix): ModuleRect[] {
  const out: ModuleRect[] = [];
  let open = new Map<number, ModuleRect>(); // key x*65536+w → rect still growing
  for (let y = 0; y < m.rows; y++) {
    const next = new Map<number, ModuleRect>();
    const row = y * m.cols;
    for (let x = 0; x < m.cols; ) {
      if (m.bits[row + x] !== 1) { x++; continue; }
      let e = x + 1;
      while (e < m.cols && m.bits[row + e] === 1) e++;
      const key = x * 65536 + (e - x);
      const r = open.get(key);
      if (r) { r[3]++; open.delete(key); next.set(key, r); }
      else { const nr: ModuleRect = [x, y, e - x, 1]; out.push(nr); next.set(key, nr); }
      x = e;
    }
    open = next;
  }
  return out;
}
