/**
 * The peer: the common pipeline, jsPDF + the qrcode package, one PNG per label with qrcode's
 * defaults (ECC M, 4 px a module, 4-module margin: 148 px for version 3), placed at the same
 * 26.5 mm size, same positions and Latin text lines. PEER_PX=313 renders the PNG at 300 dpi
 * for that size instead (a print-resolution raster; much bigger PDFs).
 */
import { jsPDF } from 'jspdf';
import QRCode from 'qrcode';
import type { LabelData } from '../../src/lib/domain/labels/content';
import { textLines } from '../../src/lib/domain/labels/content';
import { labelRect, perPage } from '../../src/lib/domain/labels/templates';
import { TEMPLATE } from './workload';

export const PEER_QR_MM = 26.5;
const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
export const PEER_QR_PX = Number(env?.PEER_PX ?? 0); // 0: qrcode's default size

export async function peer(items: LabelData[]): Promise<{ bytes: Uint8Array; ms: number; pages: number }> {
  const t0 = performance.now();
  const t = TEMPLATE;
  const doc = new jsPDF({ unit: 'mm', format: [t.page.w, t.page.h] });
  doc.setFont('helvetica');
  const n = perPage(t);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % n === 0) doc.addPage([t.page.w, t.page.h]);
    const d = items[i]!;
    const r = labelRect(t, i % n);
    const png = await QRCode.toDataURL(d.url, PEER_QR_PX ? { errorCorrectionLevel: 'M', margin: 2, width: PEER_QR_PX } : { errorCorrectionLevel: 'M' });
    doc.addImage(png, 'PNG', r.x + 2.3, r.y + (r.h - PEER_QR_MM) / 2, PEER_QR_MM, PEER_QR_MM);
    textLines(d, t.fields).forEach((l, k) => {
      doc.setFontSize(k === 0 ? 9 : 7.5);
      doc.text(l.text, r.x + 30, r.y + 8 + k * 4.2, { maxWidth: 32 });
    });
  }
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, ms: performance.now() - t0, pages: doc.getNumberOfPages() };
}
