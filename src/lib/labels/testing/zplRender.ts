// Node-only test helper: renders ZPL with zpl-renderer-js (Zebrash, a Go ZPL renderer compiled
// to WebAssembly) into rasters the decoders in decode.ts read. Labels of one stream are rendered
// in one call, so printer state that carries from one format to the next (^BY) carries here too.
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import type { Raster } from './decode';

// Loaded by Node itself, not through Vite: the package names a source map it does not ship, and
// Vite's transform prints an error for it on every run.
const { ready } = createRequire(import.meta.url)('zpl-renderer-js') as typeof import('zpl-renderer-js');

/** One raster per label, one pixel per printer dot; the label is `widthMm` × `heightMm` at `dpi`. */
export async function renderZplLabels(zpl: string, widthMm: number, heightMm: number, dpi: 203 | 300): Promise<Raster[]> {
  const { api } = await ready;
  // The renderer takes whole dots per mm (8, 12); the page is sized so it has the printer's dots.
  const dpmm = dpi === 203 ? 8 : 12;
  const dots = (mm: number) => Math.round((mm * dpi) / 25.4);
  const pngs = await api.zplToBase64MultipleAsync(zpl, dots(widthMm) / dpmm, dots(heightMm) / dpmm, dpmm);
  return pngs.map((b64) => {
    const png = PNG.sync.read(Buffer.from(b64, 'base64'));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length), dpi };
  });
}

/** The bounding box of the dark pixels inside `area` (dots), or null when it is all white. */
export function darkBox(r: Raster, area = { x: 0, y: 0, w: r.width, h: r.height }): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = Math.max(0, area.y); y < Math.min(r.height, area.y + area.h); y++) {
    for (let x = Math.max(0, area.x); x < Math.min(r.width, area.x + area.w); x++) {
      if (r.data[(y * r.width + x) * 4]! < 128) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    }
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : null;
}
