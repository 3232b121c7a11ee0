/**
 * The inside of one label: where the code goes and where each text line goes, in mm from the
 * label's top-left corner. PDF, ZPL and the on-screen preview all draw these boxes.
 *
 * Text fitting: a line starts at the size the label's height allows, is shrunk (width is linear
 * in size) down to MIN_TEXT_MM, and past that is cut, code point by code point, with "…".
 * Lines that cannot get MIN_TEXT_MM of height are dropped from the last one up, the asset number
 * last. Every box lies inside the label.
 */
import type { Rect, Size, Symbology } from './templates';

/** Width in mm of `text` at font size `sizeMm` (the em size); `bold` for the asset number. */
export type Measure = (text: string, sizeMm: number, bold: boolean) => number;

export const MIN_TEXT_MM = 1.6; // ≈ 4.5 pt
export const MAX_TEXT_MM = 3.6; // ≈ 10 pt
const LINE = 1.2; // line box height per em
const BASELINE = 0.95; // baseline below the line box top, per em
const ELLIPSIS = '…';

export interface TextBox extends Rect {
  text: string;
  size: number;
  baseline: number;
  bold: boolean;
  field: string;
  /** The fitted text's width (≤ w), so a preview can draw it exactly as wide as the PDF does. */
  textW: number;
}

export interface CodeBox extends Rect {
  /** Module width and height in mm (equal for 2-D codes; Code 128 height is the bar height). */
  moduleW: number;
  moduleH: number;
  /** Where the first module starts (after the quiet zone). */
  originX: number;
  originY: number;
}

export interface LabelLayout {
  code: CodeBox | null;
  texts: TextBox[];
}

/** Module counts of the encoded symbol: columns × rows (Code 128: total modules × 1). */
export interface CodeDims { cols: number; rows: number }

export interface Line { field: string; text: string }

export function fitLine(text: string, maxW: number, start: number, min: number, measure: Measure, bold: boolean): { text: string; size: number } {
  if (maxW <= 0 || text === '') return { text: '', size: start };
  const w = measure(text, start, bold);
  if (w <= maxW) return { text, size: start };
  const shrunk = Math.floor((start * maxW) / w * 100) / 100;
  if (shrunk >= min && measure(text, shrunk, bold) <= maxW) return { text, size: shrunk };
  const cps = Array.from(text);
  let lo = 0;
  let hi = cps.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cps.slice(0, mid).join('').trimEnd() + ELLIPSIS, min, bold) <= maxW) lo = mid;
    else hi = mid - 1;
  }
  const cut = cps.slice(0, lo).join('').trimEnd() + ELLIPSIS;
  if (measure(cut, min, bold) <= maxW) return { text: cut, size: min };
  return { text: '', size: min };
}

/** Quiet zones the standards ask for: QR 4 modules (ISO/IEC 18004), DataMatrix 1 (16022), Code 128 10 (15417). */
export function quietModules(s: Symbology): number {
  return s === 'qr' ? 4 : s === 'datamatrix' ? 1 : 10;
}

export function padding(size: Size): number {
  return Math.min(2.5, Math.max(1, Math.min(size.w, size.h) * 0.06));
}

/** Lays out the text lines in `area`, vertically centred. */
export function layoutText(area: Rect, lines: readonly Line[], measure: Measure): TextBox[] {
  let n = lines.length;
  let base = 0;
  for (; n > 0; n--) {
    base = Math.min(MAX_TEXT_MM, area.h / (LINE * (n + 0.2)));
    if (base >= MIN_TEXT_MM || n === 1) break;
  }
  if (n === 0 || area.w <= 0 || area.h <= 0) return [];
  const sizes = lines.slice(0, n).map((_, i) => (i === 0 ? Math.min(base * 1.2, area.h / LINE) : base));
  const total = sizes.reduce((s, x) => s + x * LINE, 0);
  let y = area.y + Math.max(0, (area.h - total) / 2);
  const out: TextBox[] = [];
  // The first line (the asset number) is the largest text: no later line is set bigger than it
  // ended up after fitting its width, however short that line is.
  let cap = Infinity;
  lines.slice(0, n).forEach((line, i) => {
    const start = sizes[i] ?? base;
    const bold = i === 0;
    const size = Math.min(start, cap);
    const fit = fitLine(line.text, area.w, size, Math.min(MIN_TEXT_MM, size), measure, bold);
    if (i === 0) cap = fit.text === '' ? start : fit.size;
    const h = start * LINE;
    if (fit.text !== '') {
      const baseline = y + (h - fit.size * LINE) / 2 + fit.size * BASELINE;
      out.push({ x: area.x, y, w: area.w, h, text: fit.text, size: fit.size, baseline, bold, field: line.field, textW: measure(fit.text, fit.size, bold) });
    }
    y += h;
  });
  return out;
}

/** The layout of one label of `size`: the code at the left (2-D) or on top (Code 128), text beside or below. */
export function layoutLabel(size: Size, symbology: Symbology, dims: CodeDims, lines: readonly Line[], measure: Measure): LabelLayout {
  const p = padding(size);
  const inner: Rect = { x: p, y: p, w: size.w - 2 * p, h: size.h - 2 * p };
  const q = quietModules(symbology);
  if (symbology === 'code128') {
    const modules = dims.cols + 2 * q;
    const moduleW = Math.min(0.5, inner.w / modules);
    const w = moduleW * modules;
    const textShare = lines.length > 1 ? 0.5 : 0.4;
    const barH = Math.max(0, inner.h * (1 - textShare));
    const code: CodeBox = {
      x: inner.x + (inner.w - w) / 2, y: inner.y, w, h: barH, moduleW, moduleH: barH,
      originX: inner.x + (inner.w - w) / 2 + q * moduleW, originY: inner.y
    };
    const gap = Math.min(0.6, inner.h * 0.05);
    const texts = layoutText({ x: inner.x, y: inner.y + barH + gap, w: inner.w, h: inner.h - barH - gap }, lines, measure);
    return { code, texts };
  }
  const side = Math.min(inner.h, inner.w * (lines.length > 0 ? 0.45 : 1));
  const modules = Math.max(dims.cols, dims.rows) + 2 * q;
  const m = side / modules;
  const y = inner.y + (inner.h - side) / 2;
  const code: CodeBox = { x: inner.x, y, w: side, h: side, moduleW: m, moduleH: m, originX: inner.x + q * m, originY: y + q * m };
  const gap = Math.min(1.2, inner.w * 0.03);
  const texts = layoutText({ x: inner.x + side + gap, y: inner.y, w: inner.w - side - gap, h: inner.h }, lines, measure);
  return { code, texts };
}

/** True when `r` lies inside `outer` (with a rounding tolerance). */
export function inside(r: Rect, outer: Rect, eps = 1e-6): boolean {
  return r.x >= outer.x - eps && r.y >= outer.y - eps && r.x + r.w <= outer.x + outer.w + eps && r.y + r.h <= outer.y + outer.h + eps;
}
