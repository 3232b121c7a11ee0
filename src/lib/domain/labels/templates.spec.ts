import { describe, expect, it } from 'vitest';
import { checkGrid, customTemplate, labelRect, labelRects, pageCount, perPage, TEMPLATES, templateById, withLength } from './templates';
import { inside } from './layout';

// labels.md, "Sheet geometry": code → [cols, rows, w, h, L, T, pitchX, pitchY]
const TABLE: Record<string, number[]> = {
  L7160: [3, 7, 63.5, 38.1, 7.2, 15.15, 66.04, 38.1],
  L7161: [3, 6, 63.5, 46.56, 7.21, 8.82, 66.04, 46.56],
  L7162: [2, 8, 99.06, 33.87, 4.67, 13.02, 101.6, 33.87],
  L7163: [2, 7, 99.06, 38.1, 4.67, 15.15, 101.6, 38.1],
  L7165: [2, 4, 99.06, 67.73, 4.67, 13.04, 101.6, 67.73],
  L7651: [5, 13, 38.1, 21.2, 4.7, 10.9, 40.6, 21.2],
  L6009: [4, 12, 45.72, 21.17, 9.75, 21.41, 48.26, 21.17],
  '5160': [3, 10, 66.68, 25.4, 4.78, 12.7, 69.85, 25.4],
  '5161': [2, 10, 101.6, 25.4, 3.96, 12.7, 106.36, 25.4],
  '5163': [2, 5, 101.6, 50.8, 3.96, 12.7, 106.36, 50.8],
  '5167': [4, 20, 44.45, 12.7, 7.14, 12.7, 52.4, 12.7]
};

describe('templates', () => {
  it('has every required template', () => {
    for (const id of ['L7160', 'L7161', 'L7163', 'L7651', 'L6009', '5160', '5163', '5167', 'DK62', 'Z5025']) expect(templateById(id), id).toBeDefined();
  });

  for (const t of TEMPLATES) {
    it(`${t.id}: every label lies inside the page, labels do not overlap, and the pitch matches`, () => {
      const page = { x: 0, y: 0, w: t.page.w, h: t.page.h };
      const rects = labelRects(t);
      expect(rects).toHaveLength(perPage(t));
      for (const r of rects) expect(inside(r, page), JSON.stringify(r)).toBe(true);
      for (let i = 0; i < rects.length; i++) {
        const r = rects[i]!;
        const right = i % t.cols < t.cols - 1 ? rects[i + 1] : undefined;
        const below = rects[i + t.cols];
        if (right) { expect(right.x - r.x).toBeCloseTo(t.pitchX, 6); expect(right.x).toBeGreaterThanOrEqual(r.x + r.w - 1e-9); }
        if (below) { expect(below.y - r.y).toBeCloseTo(t.pitchY, 6); expect(below.y).toBeGreaterThanOrEqual(r.y + r.h - 1e-9); }
      }
      const row = TABLE[t.id];
      if (row) {
        const [cols, rows, w, h, L, T, px, py] = row as [number, number, number, number, number, number, number, number];
        expect([t.cols, t.rows, t.label.w, t.label.h, t.left, t.top, t.pitchX, t.pitchY]).toEqual([cols, rows, w, h, L, T, px, py]);
        expect(labelRect(t, 0)).toEqual({ x: L, y: T, w, h });
        expect(labelRect(t, cols * rows - 1)).toEqual({ x: L + (cols - 1) * px, y: T + (rows - 1) * py, w, h });
      }
    });
  }

  it('counts pages for N labels with a start offset', () => {
    const t = templateById('L7160')!;
    expect(pageCount(t, 0, 5)).toBe(0);
    expect(pageCount(t, 21)).toBe(1);
    expect(pageCount(t, 22)).toBe(2);
    expect(pageCount(t, 16, 5)).toBe(1);
    expect(pageCount(t, 17, 5)).toBe(2);
    expect(pageCount(t, 1000)).toBe(48);
    expect(pageCount(t, 1000, 20)).toBe(49);
  });

  it('sets the length of continuous tape only', () => {
    const dk = withLength(templateById('DK62')!, 40);
    expect(dk.label).toEqual({ w: 62, h: 40 });
    const z = templateById('Z5025')!;
    expect(withLength(z, 40)).toBe(z);
  });

  it('refuses a custom grid that does not fit, saying why', () => {
    const ok = { page: { w: 210, h: 297 }, rows: 7, cols: 3, label: { w: 63.5, h: 38.1 }, left: 7.2, top: 15.15, pitchX: 66.04, pitchY: 38.1 };
    expect(checkGrid(ok)).toBeNull();
    expect(customTemplate(ok).ok).toBe(true);
    expect(checkGrid({ ...ok, cols: 4 })).toEqual({ reason: 'exceedsPage', axis: 'x', needed: 268.82, available: 210 });
    expect(checkGrid({ ...ok, rows: 8 })).toMatchObject({ reason: 'exceedsPage', axis: 'y' });
    expect(checkGrid({ ...ok, pitchX: 60 })).toEqual({ reason: 'pitchSmallerThanLabel', axis: 'x', pitch: 60, size: 63.5 });
    expect(checkGrid({ ...ok, rows: 0 })).toEqual({ reason: 'notPositive', field: 'rows' });
    expect(checkGrid({ ...ok, label: { w: Number.NaN, h: 1 } })).toEqual({ reason: 'notPositive', field: 'label.w' });
    expect(customTemplate({ ...ok, cols: 4 })).toMatchObject({ ok: false, problem: { reason: 'exceedsPage' } });
  });
});
