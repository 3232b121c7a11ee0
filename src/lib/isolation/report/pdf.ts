/**
 * A small flow-layout PDF writer for the inspection reports (A4, pdf-lib). The report is described
 * as blocks (pure data, built in check.ts / site.ts); this file lays them out top to bottom, wraps
 * text (by word for Latin script, by character for Chinese), breaks pages (a table repeats its
 * header) and numbers the pages. Fonts are the labels' loader: Helvetica for Latin-1 text, Noto
 * Sans SC (subset, embedded) for anything else, loaded only when some text needs it.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { LabelFonts, type FontSource } from '$lib/labels/fonts';
import type { RuleStatus } from '$lib/domain/isolation/status';

export type Tone = RuleStatus | 'none';

export type Block =
  | { kind: 'title'; text: string; sub?: string }
  | { kind: 'h2'; text: string }
  | { kind: 'p'; text: string; size?: number; muted?: boolean }
  | { kind: 'kv'; pairs: [string, string][]; columns?: number }
  | { kind: 'table'; columns: { title: string; width: number }[]; rows: { cells: string[]; tone?: Tone }[]; size?: number }
  | { kind: 'verdict'; tone: Tone; headline: string; lines: string[] }
  | { kind: 'signatures'; labels: string[] }
  /** A drawing (e.g. the survey report's network diagram) in a box of `height` points across the page. */
  | { kind: 'figure'; height: number; texts: string[]; draw: (page: PDFPage, box: { x: number; y: number; w: number; h: number }, fonts: LabelFonts) => void };

export interface ReportSpec {
  title: string;
  blocks: Block[];
  footer: (page: number, total: number) => string;
}

const PAGE = { w: 595.28, h: 841.89 };
const M = 42; // margin
const WIDTH = PAGE.w - 2 * M;
const INK = rgb(0.1, 0.12, 0.14);
const MUTED = rgb(0.37, 0.42, 0.48);
const LINE = rgb(0.78, 0.8, 0.83);
const TONE: Record<Tone, { fill: RGB; ink: RGB; light: RGB }> = {
  alarm: { fill: rgb(0.64, 0.15, 0.17), ink: rgb(1, 1, 1), light: rgb(0.99, 0.91, 0.9) },
  warning: { fill: rgb(0.95, 0.7, 0.25), ink: rgb(0.2, 0.12, 0), light: rgb(1, 0.96, 0.86) },
  unknown: { fill: rgb(0.36, 0.4, 0.47), ink: rgb(1, 1, 1), light: rgb(0.92, 0.93, 0.95) },
  normal: { fill: rgb(0.12, 0.42, 0.2), ink: rgb(1, 1, 1), light: rgb(1, 1, 1) },
  none: { fill: rgb(1, 1, 1), ink: INK, light: rgb(1, 1, 1) }
};

const CJK_CHAR = '\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF';
const TOKEN = new RegExp(`[${CJK_CHAR}]|\\s+|[^\\s${CJK_CHAR}]+`, 'g');

/** Breaks text into lines no wider than `width`; words too long for a line are cut by character. */
export function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const tok of para.match(TOKEN) ?? []) {
      const candidate = line + tok;
      if (measure(candidate) <= width) { line = candidate; continue; }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = /^\s+$/.test(tok) ? '' : tok;
      while (line.length > 1 && measure(line) > width) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

export function blockTexts(b: Block): string[] {
  switch (b.kind) {
    case 'title': return [b.text, b.sub ?? ''];
    case 'h2': case 'p': return [b.text];
    case 'kv': return b.pairs.flat();
    case 'table': return [...b.columns.map((c) => c.title), ...b.rows.flatMap((r) => r.cells)];
    case 'verdict': return [b.headline, ...b.lines];
    case 'signatures': return b.labels;
    case 'figure': return b.texts;
  }
}

class Flow {
  page!: PDFPage;
  y = 0;
  constructor(private readonly doc: PDFDocument, private readonly fonts: LabelFonts) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.w, PAGE.h]);
    this.y = PAGE.h - M;
  }

  font(text: string, bold = false): PDFFont {
    return this.fonts.fontFor(text, bold);
  }

  lines(text: string, size: number, width: number, bold = false): string[] {
    const f = this.font(text, bold);
    return wrap(text, width, (s) => f.widthOfTextAtSize(s, size));
  }

  /** Makes room for `h` points, starting a new page when needed; returns whether it broke the page. */
  room(h: number): boolean {
    if (this.y - h >= M + 16) return false;
    this.newPage();
    return true;
  }

  text(text: string, x: number, size: number, o: { color?: RGB; bold?: boolean; width?: number } = {}): number {
    const ls = this.lines(text, size, o.width ?? WIDTH - (x - M), o.bold);
    const lh = size * 1.35;
    for (const l of ls) {
      this.room(lh);
      this.y -= lh;
      this.page.drawText(l, { x, y: this.y + size * 0.28, size, font: this.font(text, o.bold), color: o.color ?? INK });
    }
    return ls.length * lh;
  }

  /** A row of wrapped cells at the cursor, with a rule below it. */
  row(cells: string[], widths: number[], size: number, o: { fill?: RGB; bold?: boolean; ink?: RGB } = {}): void {
    const pad = 3;
    const lh = size * 1.3;
    const wrapped = cells.map((c, i) => this.lines(c, size, (widths[i] ?? 50) - 2 * pad, o.bold));
    const h = Math.max(1, ...wrapped.map((w) => w.length)) * lh + 2 * pad;
    let x = M;
    if (o.fill) this.page.drawRectangle({ x: M, y: this.y - h, width: widths.reduce((a, b) => a + b, 0), height: h, color: o.fill });
    wrapped.forEach((ls, i) => {
      const cell = cells[i] ?? '';
      ls.forEach((l, k) => this.page.drawText(l, { x: x + pad, y: this.y - pad - (k + 1) * lh + size * 0.3, size, font: this.font(cell, o.bold), color: o.ink ?? INK }));
      x += widths[i] ?? 50;
    });
    this.y -= h;
    this.page.drawLine({ start: { x: M, y: this.y }, end: { x: M + WIDTH, y: this.y }, thickness: 0.5, color: LINE });
  }

  rowHeight(cells: string[], widths: number[], size: number, bold = false): number {
    return Math.max(1, ...cells.map((c, i) => this.lines(c, size, (widths[i] ?? 50) - 6, bold).length)) * size * 1.3 + 6;
  }

  block(b: Block): void {
    switch (b.kind) {
      case 'title':
        this.text(b.text, M, 17, { bold: true });
        if (b.sub) this.text(b.sub, M, 9, { color: MUTED });
        this.y -= 6;
        break;
      case 'h2':
        this.room(40);
        this.y -= 5;
        this.text(b.text, M, 11.5, { bold: true });
        this.page.drawLine({ start: { x: M, y: this.y - 2 }, end: { x: M + WIDTH, y: this.y - 2 }, thickness: 0.8, color: LINE });
        this.y -= 6;
        break;
      case 'p':
        this.text(b.text, M, b.size ?? 10, { color: b.muted ? MUTED : INK });
        this.y -= 3;
        break;
      case 'kv': this.kv(b.pairs, b.columns ?? 3); break;
      case 'table': this.table(b); break;
      case 'verdict': this.verdict(b); break;
      case 'signatures': this.signatures(b.labels); break;
      case 'figure':
        this.room(b.height);
        b.draw(this.page, { x: M, y: this.y - b.height, w: WIDTH, h: b.height }, this.fonts);
        this.y -= b.height + 8;
        break;
    }
  }

  kv(pairs: [string, string][], columns: number): void {
    const w = WIDTH / columns;
    for (let i = 0; i < pairs.length; i += columns) {
      const chunk = pairs.slice(i, i + columns);
      const hs = chunk.map(([k, v]) => this.lines(k, 7.5, w - 8).length * 9 + this.lines(v || '—', 9.5, w - 8).length * 12);
      const h = Math.max(...hs) + 5;
      this.room(h);
      chunk.forEach(([k, v], j) => {
        let y = this.y;
        const x = M + j * w;
        for (const l of this.lines(k, 7.5, w - 8)) { y -= 9; this.page.drawText(l, { x, y: y + 2, size: 7.5, font: this.font(k), color: MUTED }); }
        const val = v || '—';
        for (const l of this.lines(val, 9.5, w - 8)) { y -= 12; this.page.drawText(l, { x, y: y + 3, size: 9.5, font: this.font(val), color: INK }); }
      });
      this.y -= h;
    }
  }

  table(b: Extract<Block, { kind: 'table' }>): void {
    const size = b.size ?? 8;
    const total = b.columns.reduce((a, c) => a + c.width, 0);
    const widths = b.columns.map((c) => (c.width / total) * WIDTH);
    const titles = b.columns.map((c) => c.title);
    const header = () => this.row(titles, widths, size, { fill: rgb(0.93, 0.94, 0.96), bold: true });
    this.room(this.rowHeight(titles, widths, size, true) + (b.rows[0] ? this.rowHeight(b.rows[0].cells, widths, size) : 0));
    header();
    for (const r of b.rows) {
      if (this.room(this.rowHeight(r.cells, widths, size))) header();
      const tone = TONE[r.tone ?? 'none'];
      this.row(r.cells, widths, size, r.tone && r.tone !== 'none' && r.tone !== 'normal' ? { fill: tone.light } : {});
    }
    this.y -= 6;
  }

  verdict(b: Extract<Block, { kind: 'verdict' }>): void {
    const t = TONE[b.tone];
    const lines = b.lines.flatMap((l) => this.lines(l, 10, WIDTH - 24));
    const h = 36 + lines.length * 13 + 6;
    this.room(h);
    this.page.drawRectangle({ x: M, y: this.y - h, width: WIDTH, height: h, color: t.fill });
    this.page.drawText(b.headline, { x: M + 12, y: this.y - 26, size: 19, font: this.font(b.headline, true), color: t.ink });
    lines.forEach((l, i) => this.page.drawText(l, { x: M + 12, y: this.y - 40 - i * 13, size: 10, font: this.font(b.lines.join(' ')), color: t.ink }));
    this.y -= h + 8;
  }

  signatures(labels: string[]): void {
    this.room(62);
    this.y -= 42;
    const w = WIDTH / labels.length;
    labels.forEach((l, i) => {
      const x = M + i * w;
      this.page.drawLine({ start: { x, y: this.y }, end: { x: x + w - 24, y: this.y }, thickness: 0.8, color: INK });
      this.page.drawText(l, { x, y: this.y - 12, size: 8.5, font: this.font(l), color: MUTED });
    });
    this.y -= 20;
  }
}

export async function renderReport(spec: ReportSpec, fontSource: FontSource): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setCreator('AssetWalk');
  doc.setProducer('AssetWalk (pdf-lib)');
  const texts = [spec.title, spec.footer(1, 1), ...spec.blocks.flatMap(blockTexts)];
  const fonts = await LabelFonts.create(doc, texts, fontSource);
  const flow = new Flow(doc, fonts);
  for (const b of spec.blocks) flow.block(b);
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const f = spec.footer(i + 1, pages.length);
    const font = fonts.fontFor(f, false);
    p.drawText(f, { x: PAGE.w - M - font.widthOfTextAtSize(f, 8), y: M - 18, size: 8, font, color: MUTED });
    p.drawText(spec.title, { x: M, y: M - 18, size: 8, font: fonts.fontFor(spec.title, false), color: MUTED });
  });
  return doc.save({ useObjectStreams: true });
}
