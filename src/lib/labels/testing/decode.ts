// Node-only test helpers: render a PDF with poppler (pdftoppm, pdftotext) and decode the codes
// in each label rectangle with jsqr (QR) or @zxing/library (DataMatrix, Code 128).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import * as zxingNs from '@zxing/library';
import type { Rect, Symbology } from '../../domain/labels/templates';
import type { FontSource } from '../fonts';

// @zxing/library is CommonJS: under plain Node ESM its names sit on the default export.
const Z = ((zxingNs as unknown as { default?: typeof zxingNs }).default ?? zxingNs);
const { BinaryBitmap, Code128Reader, DataMatrixReader, DecodeHintType, HybridBinarizer, RGBLuminanceSource } = Z;
type DecodeHintType = zxingNs.DecodeHintType;

export const nodeFontSource: FontSource = async () =>
  new Uint8Array(readFileSync(new URL('../../../../static/fonts/NotoSansSC-Regular.ttf', import.meta.url)));

export interface Raster { width: number; height: number; data: Uint8Array /* RGBA */; dpi: number }

/** Renders every page of `pdf` at `dpi` to RGBA rasters. */
export function renderPages(pdf: Uint8Array, dpi: number, pages?: { first: number; last: number }): Raster[] {
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', ...range, join(dir, 'in.pdf'), join(dir, 'p')]);
    return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => {
      const png = PNG.sync.read(readFileSync(join(dir, f)));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), dpi };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'in.pdf')], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? NaN);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cuts the label rectangle (mm, page coordinates) out of a page raster, white outside the page. */
export function crop(r: Raster, rect: Rect, marginMm = 1): Raster {
  const k = r.dpi / 25.4;
  const x0 = Math.floor((rect.x - marginMm) * k);
  const y0 = Math.floor((rect.y - marginMm) * k);
  const w = Math.ceil((rect.w + 2 * marginMm) * k);
  const h = Math.ceil((rect.h + 2 * marginMm) * k);
  const out = new Uint8Array(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) {
    const sy = y0 + y;
    if (sy < 0 || sy >= r.height) continue;
    for (let x = 0; x < w; x++) {
      const sx = x0 + x;
      if (sx < 0 || sx >= r.width) continue;
      const s = (sy * r.width + sx) * 4;
      const d = (y * w + x) * 4;
      out[d] = r.data[s]!; out[d + 1] = r.data[s + 1]!; out[d + 2] = r.data[s + 2]!;
    }
  }
  return { width: w, height: h, data: out, dpi: r.dpi };
}

function zxing(r: Raster, symbology: 'datamatrix' | 'code128'): string | null {
  const lum = new Uint8ClampedArray(r.width * r.height);
  for (let i = 0; i < lum.length; i++) lum[i] = r.data[i * 4]!;
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, r.width, r.height)));
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);
  try {
    const reader = symbology === 'datamatrix' ? new DataMatrixReader() : new Code128Reader();
    return reader.decode(bitmap, hints).getText();
  } catch {
    return null;
  }
}

export function decode(r: Raster, symbology: Symbology): string | null {
  if (symbology === 'qr') {
    const res = jsQR(new Uint8ClampedArray(r.data.buffer, r.data.byteOffset, r.data.length), r.width, r.height, { inversionAttempts: 'dontInvert' });
    return res ? res.data : null;
  }
  return zxing(r, symbology);
}
