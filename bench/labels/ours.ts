// Our pipeline: bwip-js matrices → pdf-lib vector rectangles (the app's own code).
import type { LabelData } from '../../src/lib/domain/labels/content';
import type { FontSource } from '../../src/lib/labels/fonts';
import { clearBarcodeCache } from '../../src/lib/labels/barcode';
import { renderLabelsPdf } from '../../src/lib/labels/pdf';
import { TEMPLATE } from './workload';

export async function ours(items: LabelData[], fonts: FontSource): Promise<{ bytes: Uint8Array; ms: number; pages: number }> {
  clearBarcodeCache(); // every run encodes all its symbols
  const t0 = performance.now();
  const { bytes, pages } = await renderLabelsPdf({ template: TEMPLATE, symbology: 'qr', fields: TEMPLATE.fields, items }, fonts);
  return { bytes, ms: performance.now() - t0, pages: pages.length };
}
