/**
 * The topology drawn into a PDF with pdf-lib: the same geometry and colours as the screen and
 * the SVG, scaled to fit a box. Used by the topology's own export (one A3 landscape page) and by
 * the survey report (a figure). Names in Chinese use the embedded Noto Sans SC subset.
 */
import { PDFDocument, rgb, type PDFPage, type RGB } from 'pdf-lib';
import { HEALTH_COLOURS } from '$lib/domain/network/health';
import { CONTAINER_STYLE } from '$lib/domain/network/svg';
import type { TopoGeometry } from '$lib/domain/network/topology';
import { LabelFonts, type FontSource } from '$lib/labels/fonts';

function hex(c: string): RGB {
  const n = parseInt(c.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** Every text the drawing shows, so the fonts can be embedded before drawing. */
export function topologyTexts(g: TopoGeometry): string[] {
  return g.nodes.flatMap((n) => [n.label, n.kind === 'device' ? n.sub ?? '' : '']);
}

export interface Box { x: number; y: number; w: number; h: number }

/** Draws `g` into `box` (PDF points, y up), scaled down to fit and never up past 1:1. */
export function drawTopology(page: PDFPage, g: TopoGeometry, box: Box, fonts: LabelFonts): void {
  const s = Math.min(1, box.w / Math.max(1, g.width), box.h / Math.max(1, g.height));
  const X = (x: number) => box.x + x * s;
  const Y = (y: number) => box.y + box.h - y * s;
  const text = (t: string, x: number, y: number, size: number, color: RGB, maxW: number) => {
    if (!t) return;
    const font = fonts.fontFor(t, false);
    let out = t;
    while (out.length > 1 && font.widthOfTextAtSize(out, size) > maxW) out = out.slice(0, -1);
    page.drawText(out === t ? t : out.slice(0, -1) + '…', { x, y, size, font, color });
  };
  for (const n of g.nodes) {
    if (n.kind === 'device') continue;
    const st = CONTAINER_STYLE[n.kind];
    page.drawRectangle({ x: X(n.x), y: Y(n.y + n.h), width: n.w * s, height: n.h * s, color: hex(st.fill), borderColor: hex(st.stroke), borderWidth: 0.6 });
    text(n.label, X(n.x + 8), Y(n.y + 18), 11 * s, hex('#475467'), (n.w - 12) * s);
  }
  for (const e of g.edges) {
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!, b = e.points[i]!;
      page.drawLine({ start: { x: X(a.x), y: Y(a.y) }, end: { x: X(b.x), y: Y(b.y) }, thickness: Math.max(0.4, 1.5 * s), color: hex('#344054') });
    }
  }
  for (const n of g.nodes) {
    if (n.kind !== 'device') continue;
    const c = HEALTH_COLOURS[n.health ?? 'never'];
    page.drawRectangle({ x: X(n.x), y: Y(n.y + n.h), width: n.w * s, height: n.h * s, color: hex(c.fill), borderColor: hex(c.stroke), borderWidth: Math.max(0.5, 2 * s) });
    text(n.label, X(n.x + 8), Y(n.y + 19), 12 * s, hex('#101828'), (n.w - 12) * s);
    text(n.sub ?? '', X(n.x + 8), Y(n.y + 36), 10 * s, hex('#475467'), (n.w - 12) * s);
  }
}

const A3 = { w: 1190.55, h: 841.89 };

export async function topologyPdf(g: TopoGeometry, title: string, fontSource: FontSource): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('AssetWalk');
  const fonts = await LabelFonts.create(doc, [title, ...topologyTexts(g)], fontSource);
  const page = doc.addPage([A3.w, A3.h]);
  page.drawText(title, { x: 36, y: A3.h - 40, size: 16, font: fonts.fontFor(title, true) });
  drawTopology(page, g, { x: 36, y: 36, w: A3.w - 72, h: A3.h - 90 }, fonts);
  return doc.save({ useObjectStreams: true });
}
