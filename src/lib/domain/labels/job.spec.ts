import { describe, expect, it } from 'vitest';
import { labelDataForNumber } from './content';
import { layoutJob, newJobId, validCalibration } from './job';
import { pageCount, templateById } from './templates';

const t = templateById('L7160')!;
const items = (n: number) => Array.from({ length: n }, (_, i) => labelDataForNumber(`A-${String(i).padStart(6, '0')}`, { origin: 'https://x' }));

describe('print jobs', () => {
  it('starts at any position of a partly used sheet', () => {
    const pages = layoutJob(t, items(20), 5);
    expect(pages).toHaveLength(pageCount(t, 20, 5));
    expect(pages[0]![0]).toMatchObject({ page: 0, position: 5 });
    expect(pages[0]).toHaveLength(16);
    expect(pages[1]!.map((s) => s.position)).toEqual([0, 1, 2, 3]);
    expect(pages.flat().map((s) => s.item.assetNumber)).toEqual(items(20).map((d) => d.assetNumber));
  });

  it('prints N copies of each label in a row', () => {
    const pages = layoutJob(t, items(3), 0, 3);
    expect(pages.flat().map((s) => s.item.assetNumber)).toEqual(['A-000000', 'A-000000', 'A-000000', 'A-000001', 'A-000001', 'A-000001', 'A-000002', 'A-000002', 'A-000002']);
  });

  it('fills 48 pages with 1,000 labels', () => {
    expect(layoutJob(t, items(1000))).toHaveLength(48);
  });

  it('refuses impossible offsets and copy counts', () => {
    expect(() => layoutJob(t, items(1), 21)).toThrow(RangeError);
    expect(() => layoutJob(t, items(1), -1)).toThrow(RangeError);
    expect(() => layoutJob(t, items(1), 0, 0)).toThrow(RangeError);
  });

  it('validates calibrations and makes job ids', () => {
    expect(validCalibration({ dx: 0.8, dy: -0.5, sx: 1.01, sy: 0.99 })).toBe(true);
    expect(validCalibration({ dx: 50, dy: 0, sx: 1, sy: 1 })).toBe(false);
    expect(validCalibration({ dx: 0, dy: 0, sx: 2, sy: 1 })).toBe(false);
    expect(newJobId(Date.UTC(2026, 0, 2, 3, 4, 5))).toMatch(/^J20260102030405-[0-9a-z]{4}$/);
  });
});
