// The real pipeline: PDF → pdftoppm → decoders, for every symbology on one template each.
import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '../domain/assetNumber';
import { labelDataForDevice, type LabelData } from '../domain/labels/content';
import { labelRect, templateById, type Symbology, type Template } from '../domain/labels/templates';
import { alignmentPdf } from './alignment';
import { calibrationMatrix, renderLabelsPdf } from './pdf';
import { crop, decode, nodeFontSource, pdfPageCount, pdfText, renderPages } from './testing/decode';

const ORIGIN = 'https://assets.example.cn';

function items(n: number, names: (i: number) => string = (i) => `PC-${i}`): LabelData[] {
  return Array.from({ length: n }, (_, i) => labelDataForDevice(
    { assetNumber: formatAssetNumber('SZYY', 104200000 + i), name: names(i), model: 'OptiPlex 7090', assignedUser: '' },
    { origin: ORIGIN, tenant: { name: 'Shenzhen Hospital', serviceDeskPhone: '400-800-1234' }, site: { name: 'Main' }, location: { building: 'A', floor: '3', room: '301' } }
  ));
}

function tpl(id: string): Template {
  const t = templateById(id);
  if (!t) throw new Error(id);
  return t;
}

async function decodeSheet(t: Template, symbology: Symbology, list: LabelData[], start: number, dpi: number, expected: (d: LabelData) => string) {
  const { bytes, pages } = await renderLabelsPdf({ template: t, symbology, fields: t.fields, items: list, start }, nodeFontSource);
  const rasters = renderPages(bytes, dpi);
  expect(rasters.length).toBe(pages.length);
  const got: (string | null)[] = [];
  pages.forEach((p, i) => {
    for (const l of p.labels) {
      // QR: the whole label; DataMatrix: the code's box (zxing's detector wants it alone).
      const r = labelRect(t, l.position);
      const c = l.layout.code!;
      const area = symbology === 'datamatrix' ? { x: r.x + c.x, y: r.y + c.y, w: c.w, h: c.h } : r;
      got.push(decode(crop(rasters[i]!, area), symbology));
    }
  });
  expect(got).toEqual(list.map(expected));
  return bytes;
}

describe('label PDF pipeline (pdftoppm + decoders)', () => {
  it('L7160 QR: every label on two pages decodes to its own URL, in order, after a start offset', async () => {
    const list = items(23);
    const bytes = await decodeSheet(tpl('L7160'), 'qr', list, 5, 150, (d) => d.url);
    expect(pdfPageCount(bytes)).toBe(2);
  });

  it('L7651 DataMatrix decodes to the URL', async () => {
    await decodeSheet(tpl('L7651'), 'datamatrix', items(12), 0, 200, (d) => d.url);
  });

  it('5167 Code 128 decodes to the bare asset number', async () => {
    await decodeSheet(tpl('5167'), 'code128', items(9), 3, 600, (d) => d.assetNumber);
  });

  it('L7163 with Chinese device names: the text is in the PDF and the QRs still decode', async () => {
    const names = ['财务部电脑', '放射科工作站 3 号', '护士站打印机', '院长办公室笔记本'];
    const list = items(4, (i) => names[i]!);
    const bytes = await decodeSheet(tpl('L7163'), 'qr', list, 0, 150, (d) => d.url);
    const text = pdfText(bytes);
    for (const n of names) expect(text.replace(/\s+/g, ' ')).toContain(n);
    expect(bytes.length).toBeLessThan(200_000);
  });
});

describe('calibration and the alignment page', () => {
  it('moves every label by the printer offset (the codes decode where the shifted labels are)', async () => {
    const t = tpl('L7160');
    const list = items(3);
    const cal = { dx: 4, dy: 3, sx: 1, sy: 1 };
    const { bytes } = await renderLabelsPdf({ template: t, symbology: 'qr', fields: t.fields, items: list, calibration: cal }, nodeFontSource);
    const [page] = renderPages(bytes, 150);
    const got = list.map((_, i) => { const r = labelRect(t, i); return decode(crop(page!, { ...r, x: r.x + cal.dx, y: r.y + cal.dy }, 0.5), 'qr'); });
    expect(got).toEqual(list.map((d) => d.url));
  });

  it('scales about the top-left corner of the page', () => {
    const [a, , , d, e, f] = calibrationMatrix({ dx: 1, dy: 2, sx: 1.01, sy: 0.99 }, 297);
    const H = 297 * 72 / 25.4;
    expect([a, d]).toEqual([1.01, 0.99]);
    // the page's top-left corner (0, H) lands 1 mm right and 2 mm down
    expect(e).toBeCloseTo(72 / 25.4, 6);
    expect(0.99 * H + f).toBeCloseTo(H - 2 * 72 / 25.4, 6);
  });

  it('prints an alignment page with the template and calibration named', async () => {
    const bytes = await alignmentPdf(tpl('5163'), { dx: 0.5, dy: -0.3, sx: 1, sy: 1 });
    expect(pdfPageCount(bytes)).toBe(1);
    expect(pdfText(bytes)).toContain('Alignment test: 5163');
  });
});
