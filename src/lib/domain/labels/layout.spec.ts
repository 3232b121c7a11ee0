import { describe, expect, it } from 'vitest';
import { fitLine, inside, layoutLabel, MIN_TEXT_MM, type Measure } from './layout';
import { SYMBOLOGIES, TEMPLATES } from './templates';

// A stand-in for font metrics: 0.55 em per Latin character, 1 em per CJK character.
const measure: Measure = (text, size) => Array.from(text).reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.55) * size, 0);

describe('text fitting', () => {
  it('keeps a text that fits at its size', () => {
    expect(fitLine('PC-01', 20, 3, MIN_TEXT_MM, measure, false)).toEqual({ text: 'PC-01', size: 3 });
  });

  it('shrinks a text that is too wide, down to the minimum', () => {
    const r = fitLine('ABCDEFGHIJ', 10, 3, MIN_TEXT_MM, measure, false); // 16.5 mm at 3 mm
    expect(r.text).toBe('ABCDEFGHIJ');
    expect(r.size).toBeLessThan(3);
    expect(r.size).toBeGreaterThanOrEqual(MIN_TEXT_MM);
    expect(measure(r.text, r.size, false)).toBeLessThanOrEqual(10);
  });

  it('then cuts it with an ellipsis at the minimum size', () => {
    const long = '放射科影像归档和通信系统工作站（三号楼）';
    const r = fitLine(long, 12, 3, MIN_TEXT_MM, measure, false);
    expect(r.size).toBe(MIN_TEXT_MM);
    expect(r.text.endsWith('…')).toBe(true);
    expect(long.startsWith(r.text.slice(0, -1))).toBe(true);
    expect(measure(r.text, r.size, false)).toBeLessThanOrEqual(12);
    // one more character would not fit
    const next = Array.from(long).slice(0, Array.from(r.text).length).join('') + '…';
    expect(measure(next, MIN_TEXT_MM, false)).toBeGreaterThan(12);
  });

  it('drops a text when not even the ellipsis fits', () => {
    expect(fitLine('abc', 0.5, 3, MIN_TEXT_MM, measure, false).text).toBe('');
  });
});

describe('label layout', () => {
  const lines = [
    { field: 'assetNumber', text: 'SZYY-104200001-I' },
    { field: 'company', text: '深圳市第二人民医院（集团）有限公司信息中心' },
    { field: 'name', text: 'Radiology PACS workstation with a very long name indeed' },
    { field: 'siteRoom', text: '总院 · 住院部 A 栋 / 12 / 1203' },
    { field: 'phone', text: '400-800-1234' }
  ];
  for (const t of TEMPLATES) {
    for (const s of SYMBOLOGIES) {
      it(`${t.id} ${s}: code and text stay inside the label, text at least the minimum or dropped`, () => {
        const box = { x: 0, y: 0, w: t.label.w, h: t.label.h };
        const dims = s === 'code128' ? { cols: 167, rows: 1 } : s === 'qr' ? { cols: 29, rows: 29 } : { cols: 24, rows: 24 };
        const l = layoutLabel(t.label, s, dims, lines, measure);
        expect(inside(l.code!, box)).toBe(true);
        expect(l.texts.length).toBeGreaterThan(0);
        expect(l.texts[0]!.field).toBe('assetNumber');
        for (const b of l.texts) {
          expect(inside(b, box), `${b.field} ${JSON.stringify(b)}`).toBe(true);
          expect(measure(b.text, b.size, b.bold)).toBeLessThanOrEqual(b.w + 1e-9);
          expect(b.baseline).toBeLessThanOrEqual(b.y + b.h);
          // text and code do not overlap
          const c = l.code!;
          const apart = b.x >= c.x + c.w - 1e-9 || b.y >= c.y + c.h - 1e-9;
          expect(apart, b.field).toBe(true);
        }
        // 2-D codes are square
        if (s !== 'code128') expect(l.code!.moduleW).toBe(l.code!.moduleH);
      });
    }
  }
});

describe('quiet zones and the asset number (every template and code)', () => {
  // ISO/IEC 18004 (QR): 4 modules; ISO/IEC 16022 (DataMatrix): 1; ISO/IEC 15417 (Code 128): 10.
  const QUIET = { qr: 4, datamatrix: 1, code128: 10 } as const;
  const sets = [
    [{ field: 'assetNumber', text: 'SZYY-104200001-I' }, { field: 'name', text: 'PC' }, { field: 'siteRoom', text: 'A · 3' }, { field: 'company', text: 'X' }, { field: 'phone', text: '1' }],
    [{ field: 'assetNumber', text: 'HD-000001-A' }, { field: 'name', text: '财务部电脑' }, { field: 'siteRoom', text: '总院 · 住院部 A 栋 / 12 / 1203' }],
    [{ field: 'assetNumber', text: '门诊楼 / 3F / 301' }, { field: 'siteRoom', text: '总院' }]
  ];
  for (const t of TEMPLATES) {
    for (const s of SYMBOLOGIES) {
      it(`${t.id} ${s}: the symbol has its full quiet zone inside its box, text outside it; the asset number is the largest text`, () => {
        const dims = s === 'code128' ? { cols: 167, rows: 1 } : s === 'qr' ? { cols: 29, rows: 29 } : { cols: 24, rows: 24 };
        for (const lines of sets) {
          const l = layoutLabel(t.label, s, dims, lines, measure);
          const c = l.code!;
          const q = QUIET[s] * c.moduleW - 1e-9;
          expect(c.originX - c.x, 'left').toBeGreaterThanOrEqual(q);
          expect(c.x + c.w - (c.originX + dims.cols * c.moduleW), 'right').toBeGreaterThanOrEqual(q);
          if (s !== 'code128') {
            expect(c.originY - c.y, 'top').toBeGreaterThanOrEqual(q);
            expect(c.y + c.h - (c.originY + dims.rows * c.moduleH), 'bottom').toBeGreaterThanOrEqual(q);
          }
          const asset = l.texts.find((b) => b.field === 'assetNumber');
          expect(asset, 'the asset number is printed').toBeDefined();
          for (const b of l.texts) expect(b.size, `${b.field} "${b.text}" vs "${asset!.text}"`).toBeLessThanOrEqual(asset!.size + 1e-9);
        }
      });
    }
  }
});
