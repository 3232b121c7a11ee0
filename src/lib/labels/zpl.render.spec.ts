// ZPL rendered by a ZPL renderer (zpl-renderer-js) and decoded back, as the PDF pipeline is.
import { describe, expect, it } from 'vitest';
import { formatAssetNumber } from '../domain/assetNumber';
import { labelDataForDevice, type LabelData } from '../domain/labels/content';
import { SYMBOLOGIES, TEMPLATES, templateById, type Symbology, type Template } from '../domain/labels/templates';
import { LabelFonts } from './fonts';
import { jobTexts, placeLabel, type LabelJob } from './sheet';
import { decode, nodeFontSource, type Raster } from './testing/decode';
import { darkBox, renderZplLabels } from './testing/zplRender';
import { dotsPerMm, renderZpl, type Dpi } from './zpl';

const ORIGIN = 'https://assets.example.cn';

// Numbers of the sample's shape, of a tablet's block, and short ones.
const NUMBERS = [formatAssetNumber('SZYY', 7), formatAssetNumber('SZYY', 104200001), formatAssetNumber('SZYY', 101700001), formatAssetNumber('HD', 1)];

function items(n: number): LabelData[] {
  return Array.from({ length: n }, (_, i) => labelDataForDevice(
    { assetNumber: NUMBERS[i % NUMBERS.length]!, name: `Nurse^station~${i}_a`, model: 'OptiPlex', assignedUser: '' },
    { origin: ORIGIN }
  ));
}

async function job(t: Template, symbology: Symbology, list: LabelData[]): Promise<{ job: LabelJob; fonts: LabelFonts }> {
  const j: LabelJob = { template: t, symbology, fields: t.fields, items: list };
  return { job: j, fonts: await LabelFonts.forMeasuring(jobTexts(j), nodeFontSource) };
}

/** The code's box on the label in dots, from the same layout the ZPL was written from. */
function codeBox(t: Template, j: LabelJob, i: number, fonts: LabelFonts, dpi: Dpi) {
  const p = placeLabel({ ...t, left: 0, top: 0 }, j.symbology, j.fields, j.items[i]!, 0, fonts.measure);
  const k = dotsPerMm(dpi);
  const c = p.layout.code!;
  return { x: Math.round(c.x * k), y: Math.round(c.y * k), w: Math.round(c.w * k), h: Math.round(c.h * k), module: Math.max(1, Math.floor(c.moduleW * k)), cols: p.matrix.cols, k };
}

/** Checks a label: its code decodes to `expected`, lies in its box and keeps `quiet` modules clear around it. */
function checkLabel(r: Raster, t: Template, box: ReturnType<typeof codeBox>, symbology: Symbology, expected: string, quiet: number) {
  expect(r.width).toBe(Math.round(t.label.w * box.k));
  const area = { x: box.x, y: box.y, w: box.w, h: box.h };
  const own = symbology === 'qr' ? r : crop(r, area);
  expect(decode(own, symbology)).toBe(expected);
  const dark = darkBox(r, area)!;
  expect(dark).not.toBeNull();
  const m = box.module;
  const q = quiet * Math.min(m, 10);
  // inside its box with its quiet zone (Code 128: left and right; 2-D codes: all round)…
  expect(dark.x0 - box.x, 'left quiet zone').toBeGreaterThanOrEqual(q);
  expect(box.x + box.w - 1 - dark.x1, 'right quiet zone').toBeGreaterThanOrEqual(q);
  // Code 128 is as wide as planned: the printer chose the same subsets as the layout's encoder.
  if (symbology === 'code128') expect(dark.x1 - dark.x0 + 1, 'symbol width').toBe(box.cols * Math.min(m, 10));
  if (symbology !== 'code128') {
    expect(dark.y0 - box.y, 'top quiet zone').toBeGreaterThanOrEqual(q);
    expect(box.y + box.h - 1 - dark.y1, 'bottom quiet zone').toBeGreaterThanOrEqual(q);
  }
  // …and nothing else is printed in the code's box: the label's text keeps clear of it.
  const all = darkBox(r, { x: box.x - 1, y: box.y - 1, w: box.w + 2, h: box.h + 2 })!;
  expect(all).toEqual(dark);
}

function crop(r: Raster, a: { x: number; y: number; w: number; h: number }): Raster {
  const pad = 8;
  const w = a.w + 2 * pad;
  const h = a.h + 2 * pad;
  const out = new Uint8Array(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const sx = a.x - pad + x;
    const sy = a.y - pad + y;
    if (sx < 0 || sy < 0 || sx >= r.width || sy >= r.height) continue;
    const s = (sy * r.width + sx) * 4;
    const d = (y * w + x) * 4;
    out[d] = r.data[s]!; out[d + 1] = r.data[s + 1]!; out[d + 2] = r.data[s + 2]!;
  }
  return { width: w, height: h, data: out, dpi: r.dpi };
}

const QUIET: Record<Symbology, number> = { qr: 4, datamatrix: 1, code128: 10 };

describe('ZPL rendered and decoded back', () => {
  const z = templateById('Z5025')!;
  // The label-printer templates at 203 dpi, and the Zebra one at 300 dpi too.
  const cases = [...TEMPLATES.filter((t) => t.kind === 'single').map((t) => [t, 203] as const), [z, 300] as const];
  for (const [t, dpi] of cases) {
    for (const symbology of SYMBOLOGIES) {
      it(`${t.id} ${symbology} at ${dpi} dpi: every label decodes, inside its box with its quiet zone`, async () => {
        const list = items(4);
        const { job: j, fonts } = await job(t, symbology, list);
        const rasters = await renderZplLabels(renderZpl(j, fonts.measure, { dpi }).zpl, t.label.w, t.label.h, dpi);
        expect(rasters).toHaveLength(list.length);
        rasters.forEach((r, i) => checkLabel(r, t, codeBox(t, j, i, fonts, dpi), symbology, symbology === 'code128' ? list[i]!.assetNumber : list[i]!.url, QUIET[symbology]));
      }, 60_000);
    }
  }

  it('a QR job sent after a Code 128 job prints where it was laid out (^BY does not carry over)', async () => {
    const list = items(2);
    const bars = await job(z, 'code128', list);
    const qr = await job(z, 'qr', list);
    const stream = renderZpl(bars.job, bars.fonts.measure, { dpi: 203 }).zpl + renderZpl(qr.job, qr.fonts.measure, { dpi: 203 }).zpl;
    const rasters = await renderZplLabels(stream, z.label.w, z.label.h, 203);
    expect(rasters).toHaveLength(4);
    checkLabel(rasters[0]!, z, codeBox(z, bars.job, 0, bars.fonts, 203), 'code128', list[0]!.assetNumber, 10);
    checkLabel(rasters[2]!, z, codeBox(z, qr.job, 0, qr.fonts, 203), 'qr', list[0]!.url, 4);
    checkLabel(rasters[3]!, z, codeBox(z, qr.job, 1, qr.fonts, 203), 'qr', list[1]!.url, 4);
  }, 60_000);

  it('carries "~", "^" and "_" in the data without breaking the format', async () => {
    const d: LabelData = { assetNumber: 'SZYY-000001-A', url: `${ORIGIN}/a/x~y^z_1`, text: { name: 'a~b^c_d' } };
    const { job: j, fonts } = await job(z, 'qr', [d, items(1)[0]!]);
    const zpl = renderZpl(j, fonts.measure, { dpi: 203 }).zpl;
    expect(zpl).not.toMatch(/~/);
    const rasters = await renderZplLabels(zpl, z.label.w, z.label.h, 203);
    expect(rasters).toHaveLength(2);
    expect(decode(rasters[0]!, 'qr')).toBe(d.url);
    expect(decode(rasters[1]!, 'qr')).toBe(j.items[1]!.url);
  }, 60_000);
});
