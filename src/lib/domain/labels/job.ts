/**
 * A print job: which labels go to which position of which page. Positions are row-major on a
 * sheet; `start` skips the used positions of a partly used first sheet; each label is printed
 * `copies` times in a row.
 */
import type { LabelData } from './content';
import { perPage, type Template } from './templates';

export interface Calibration {
  /** mm added to every x / y (positive: right / down). */
  dx: number;
  dy: number;
  /** Factors about the page's top-left corner (1 = none). */
  sx: number;
  sy: number;
}

export const NO_CALIBRATION: Calibration = { dx: 0, dy: 0, sx: 1, sy: 1 };

export function validCalibration(c: Calibration): boolean {
  return [c.dx, c.dy].every((v) => Number.isFinite(v) && Math.abs(v) <= 20)
    && [c.sx, c.sy].every((v) => Number.isFinite(v) && v >= 0.9 && v <= 1.1);
}

export interface Slot {
  page: number;
  position: number;
  item: LabelData;
}

export function layoutJob(t: Template, items: readonly LabelData[], start = 0, copies = 1): Slot[][] {
  const n = perPage(t);
  if (!Number.isInteger(start) || start < 0 || start >= n) throw new RangeError(`start ${start} outside 0…${n - 1}`);
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError(`copies ${copies}`);
  const pages: Slot[][] = [];
  let k = start;
  for (const item of items) {
    for (let c = 0; c < copies; c++, k++) {
      const page = Math.floor(k / n);
      (pages[page] ??= []).push({ page, position: k % n, item });
    }
  }
  return pages;
}

export function newJobId(now: number): string {
  const r = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return `J${new Date(now).toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}-${r}`;
}
