/**
 * Label templates: sheets of labels in a grid (labels.md, "Sheet geometry") and single labels
 * for tape and thermal printers (one label per page). All lengths in millimetres, origin at
 * the page's top-left corner, y downwards.
 */
import type { TextField } from './content';

export type Symbology = 'qr' | 'datamatrix' | 'code128';
export const SYMBOLOGIES: readonly Symbology[] = ['qr', 'datamatrix', 'code128'];

export interface Size { w: number; h: number }
export interface Rect { x: number; y: number; w: number; h: number }

export interface Template {
  id: string;
  name: string;
  kind: 'sheet' | 'single';
  page: Size;
  cols: number;
  rows: number;
  label: Size;
  /** Left and top margin: the top-left corner of the first label. */
  left: number;
  top: number;
  /** Distance between the left (top) edges of neighbouring labels. */
  pitchX: number;
  pitchY: number;
  /** Default content; a print job may override both. */
  symbology: Symbology;
  fields: TextField[];
  /** Continuous tape: the length (label.h) is chosen per job. */
  continuous?: boolean;
}

export const A4: Size = { w: 210, h: 297 };
export const LETTER: Size = { w: 215.9, h: 279.4 };

const BIG: TextField[] = ['company', 'name', 'siteRoom', 'phone'];
const MID: TextField[] = ['name', 'siteRoom'];
const SMALL: TextField[] = ['name'];

function sheet(id: string, name: string, page: Size, cols: number, rows: number, w: number, h: number,
  left: number, top: number, pitchX: number, pitchY: number, symbology: Symbology, fields: TextField[]): Template {
  return { id, name, kind: 'sheet', page, cols, rows, label: { w, h }, left, top, pitchX, pitchY, symbology, fields };
}

function single(id: string, name: string, w: number, h: number, symbology: Symbology, fields: TextField[], continuous = false): Template {
  return { id, name, kind: 'single', page: { w, h }, cols: 1, rows: 1, label: { w, h }, left: 0, top: 0, pitchX: w, pitchY: h, symbology, fields, continuous };
}

export const TEMPLATES: readonly Template[] = [
  sheet('L7160', 'Avery L7160 / J8160 (3 × 7, 63.5 × 38.1)', A4, 3, 7, 63.5, 38.1, 7.2, 15.15, 66.04, 38.1, 'qr', BIG),
  sheet('L7161', 'Avery L7161 (3 × 6, 63.5 × 46.56)', A4, 3, 6, 63.5, 46.56, 7.21, 8.82, 66.04, 46.56, 'qr', BIG),
  sheet('L7162', 'Avery L7162 (2 × 8, 99.06 × 33.87)', A4, 2, 8, 99.06, 33.87, 4.67, 13.02, 101.6, 33.87, 'qr', BIG),
  sheet('L7163', 'Avery L7163 (2 × 7, 99.06 × 38.1)', A4, 2, 7, 99.06, 38.1, 4.67, 15.15, 101.6, 38.1, 'qr', BIG),
  sheet('L7165', 'Avery L7165 (2 × 4, 99.06 × 67.73)', A4, 2, 4, 99.06, 67.73, 4.67, 13.04, 101.6, 67.73, 'qr', BIG),
  sheet('L7651', 'Avery L7651 (5 × 13, 38.1 × 21.2)', A4, 5, 13, 38.1, 21.2, 4.7, 10.9, 40.6, 21.2, 'datamatrix', SMALL),
  sheet('L6009', 'Avery L6009 (4 × 12, 45.72 × 21.17)', A4, 4, 12, 45.72, 21.17, 9.75, 21.41, 48.26, 21.17, 'qr', SMALL),
  sheet('5160', 'Avery 5160 / 5260 / 5520 (3 × 10, 66.68 × 25.4)', LETTER, 3, 10, 66.68, 25.4, 4.78, 12.7, 69.85, 25.4, 'qr', MID),
  sheet('5161', 'Avery 5161 (2 × 10, 101.6 × 25.4)', LETTER, 2, 10, 101.6, 25.4, 3.96, 12.7, 106.36, 25.4, 'qr', MID),
  sheet('5163', 'Avery 5163 (2 × 5, 101.6 × 50.8)', LETTER, 2, 5, 101.6, 50.8, 3.96, 12.7, 106.36, 50.8, 'qr', BIG),
  sheet('5167', 'Avery 5167 / 5267 (4 × 20, 44.45 × 12.7)', LETTER, 4, 20, 44.45, 12.7, 7.14, 12.7, 52.4, 12.7, 'code128', []),
  single('DK62', 'Brother DK 62 mm continuous', 62, 29, 'qr', MID, true),
  single('Z5025', 'Zebra 50 × 25 mm', 50, 25, 'qr', SMALL),
  single('D30252', 'Dymo 30252 (89 × 28)', 89, 28, 'qr', MID)
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

export function perPage(t: Template): number {
  return t.cols * t.rows;
}

/** Label rectangle at `index` (row-major) on a page. */
export function labelRect(t: Template, index: number): Rect {
  const col = index % t.cols;
  const row = Math.floor(index / t.cols);
  return { x: t.left + col * t.pitchX, y: t.top + row * t.pitchY, w: t.label.w, h: t.label.h };
}

export function labelRects(t: Template): Rect[] {
  return Array.from({ length: perPage(t) }, (_, i) => labelRect(t, i));
}

/** Pages needed for `count` labels when the first `start` positions of the first sheet are used. */
export function pageCount(t: Template, count: number, start = 0): number {
  if (count <= 0) return 0;
  return Math.ceil((start + count) / perPage(t));
}

/** Continuous tape: the same template with the chosen length. */
export function withLength(t: Template, length: number): Template {
  if (!t.continuous) return t;
  return { ...t, page: { w: t.page.w, h: length }, label: { w: t.label.w, h: length }, pitchY: length };
}

export interface CustomGrid {
  page: Size;
  rows: number;
  cols: number;
  label: Size;
  left: number;
  top: number;
  pitchX: number;
  pitchY: number;
}

export type GridProblem =
  | { reason: 'notPositive'; field: string }
  | { reason: 'pitchSmallerThanLabel'; axis: 'x' | 'y'; pitch: number; size: number }
  | { reason: 'exceedsPage'; axis: 'x' | 'y'; needed: number; available: number };

const EPS = 1e-6;

/** Why a custom grid cannot be printed, or null when it fits the page. */
export function checkGrid(g: CustomGrid): GridProblem | null {
  const nums: Record<string, number> = {
    'page.w': g.page.w, 'page.h': g.page.h, 'label.w': g.label.w, 'label.h': g.label.h,
    pitchX: g.pitchX, pitchY: g.pitchY
  };
  for (const [field, v] of Object.entries(nums)) if (!Number.isFinite(v) || v <= 0) return { reason: 'notPositive', field };
  for (const [field, v] of Object.entries({ rows: g.rows, cols: g.cols })) if (!Number.isInteger(v) || v < 1) return { reason: 'notPositive', field };
  for (const [field, v] of Object.entries({ left: g.left, top: g.top })) if (!Number.isFinite(v) || v < 0) return { reason: 'notPositive', field };
  if (g.cols > 1 && g.pitchX + EPS < g.label.w) return { reason: 'pitchSmallerThanLabel', axis: 'x', pitch: g.pitchX, size: g.label.w };
  if (g.rows > 1 && g.pitchY + EPS < g.label.h) return { reason: 'pitchSmallerThanLabel', axis: 'y', pitch: g.pitchY, size: g.label.h };
  const needX = g.left + (g.cols - 1) * g.pitchX + g.label.w;
  if (needX > g.page.w + EPS) return { reason: 'exceedsPage', axis: 'x', needed: round2(needX), available: g.page.w };
  const needY = g.top + (g.rows - 1) * g.pitchY + g.label.h;
  if (needY > g.page.h + EPS) return { reason: 'exceedsPage', axis: 'y', needed: round2(needY), available: g.page.h };
  return null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export type CustomResult = { ok: true; template: Template } | { ok: false; problem: GridProblem };

export function customTemplate(g: CustomGrid, symbology: Symbology = 'qr', fields: TextField[] = MID): CustomResult {
  const problem = checkGrid(g);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    template: {
      id: 'custom', name: `Custom ${g.cols} × ${g.rows}`, kind: 'sheet', page: g.page, cols: g.cols, rows: g.rows,
      label: g.label, left: g.left, top: g.top, pitchX: g.pitchX, pitchY: g.pitchY, symbology, fields
    }
  };
}
