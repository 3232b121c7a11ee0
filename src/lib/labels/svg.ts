// The on-screen preview's geometry: SVG path data from the same page layouts as the PDF.
import { rects } from './barcode';
import type { PlacedLabel } from './sheet';

/** Path data (page mm) of a label's code: one closed rectangle per module run. */
export function codePath(l: PlacedLabel): string {
  const c = l.layout.code;
  if (!c) return '';
  const ox = l.rect.x + c.originX;
  const oy = l.rect.y + c.originY;
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  let d = '';
  for (const [x, y, w, h] of rects(l.matrix)) {
    d += `M${r3(ox + x * c.moduleW)} ${r3(oy + y * c.moduleH)}h${r3(w * c.moduleW)}v${r3(h * c.moduleH)}h${r3(-w * c.moduleW)}z`;
  }
  return d;
}
