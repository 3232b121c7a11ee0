// A print job laid out page by page: the one geometry PDF, ZPL and the preview all draw.
import { textLines, type LabelData, type TextField } from '../domain/labels/content';
import { layoutJob, NO_CALIBRATION, type Calibration } from '../domain/labels/job';
import { layoutLabel, type LabelLayout, type Measure } from '../domain/labels/layout';
import { labelRect, type Rect, type Size, type Symbology, type Template } from '../domain/labels/templates';
import { encode, payload, type Matrix } from './barcode';

export interface LabelJob {
  template: Template;
  symbology: Symbology;
  fields: readonly TextField[];
  items: readonly LabelData[];
  /** First free position on the first sheet (0-based, row-major). */
  start?: number;
  copies?: number;
  calibration?: Calibration;
}

export interface PlacedLabel {
  position: number;
  rect: Rect;
  data: LabelData;
  matrix: Matrix;
  layout: LabelLayout;
}

export interface PageLayout {
  size: Size;
  labels: PlacedLabel[];
}

/** Lays out one label's content (used for single labels and ZPL as well). */
export function placeLabel(t: Template, symbology: Symbology, fields: readonly TextField[], data: LabelData, position: number, measure: Measure): PlacedLabel {
  const matrix = encode(symbology, payload(symbology, data));
  const lines = textLines(data, fields);
  const layout = layoutLabel(t.label, symbology, { cols: matrix.cols, rows: matrix.rows }, lines, measure);
  return { position, rect: labelRect(t, position), data, matrix, layout };
}

export function layoutPages(job: LabelJob, measure: Measure): PageLayout[] {
  const pages = layoutJob(job.template, job.items, job.start ?? 0, job.copies ?? 1);
  return pages.map((slots) => ({
    size: job.template.page,
    labels: slots.map((s) => placeLabel(job.template, job.symbology, job.fields, s.item, s.position, measure))
  }));
}

/** Every text a job prints, to decide which fonts to load. */
export function jobTexts(job: Pick<LabelJob, 'items' | 'fields'>): string[] {
  return job.items.flatMap((d) => textLines(d, job.fields).map((l) => l.text));
}

export function calibrationOf(job: LabelJob): Calibration {
  return job.calibration ?? NO_CALIBRATION;
}
