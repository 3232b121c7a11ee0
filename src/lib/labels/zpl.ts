/**
 * ZPL II for Zebra printers, one format (^XA … ^XZ) per label, laid out by the same
 * layoutLabel() boxes as the PDF, converted to dots at 203 or 300 dpi. QR ^BQ (model 2, ECC M),
 * DataMatrix ^BX (ECC 200), Code 128 ^BC (automatic subsets); module sizes are whole dots,
 * never below one, and each symbol is centred in its box. ^BY is set before every bar code,
 * since it carries over from one format to the next.
 * Field data is hex-escaped (^FH) so "^", "~" and "_" in names cannot break the format, and
 * ^CI28 makes it UTF-8. Non-Latin text needs a printer-resident font (`cjkFont`, e.g.
 * "E:SIMSUN.TTF"); without one such lines are left out and reported in `warnings`.
 */
import { NO_CALIBRATION, type Calibration } from '../domain/labels/job';
import type { Measure } from '../domain/labels/layout';
import type { Template } from '../domain/labels/templates';
import { payload } from './barcode';
import { needsCjk } from './fonts';
import { placeLabel, type LabelJob } from './sheet';

export type Dpi = 203 | 300;

export interface ZplOptions {
  dpi: Dpi;
  cjkFont?: string;
  calibration?: Calibration;
}

export interface ZplResult {
  zpl: string;
  labels: number;
  warnings: string[];
}

/** The ^BY bar-code height set before every ^BQ: the symbol prints this many dots below ^FO. */
export const BQ_SHIFT = 10;

export function dotsPerMm(dpi: Dpi): number {
  return dpi / 25.4;
}

/** ^FH escaping: "_" introduces two hex digits of a UTF-8 byte. */
export function escapeFd(s: string): string {
  return s.replace(/[\^~_\\]/g, (c) => '_' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function labelZpl(t: Template, job: LabelJob, index: number, measure: Measure, o: ZplOptions, warnings: string[]): string {
  const data = job.items[index]!;
  const placed = placeLabel({ ...t, left: 0, top: 0 }, job.symbology, job.fields, data, 0, measure);
  const k = dotsPerMm(o.dpi);
  const c = o.calibration ?? NO_CALIBRATION;
  const X = (mm: number) => Math.max(0, Math.round((c.dx + mm * c.sx) * k));
  const Y = (mm: number) => Math.max(0, Math.round((c.dy + mm * c.sy) * k));
  const out = ['^XA', '^CI28', `^PW${Math.round(t.label.w * k)}`, `^LL${Math.round(t.label.h * k)}`, '^LH0,0'];
  const code = placed.layout.code;
  if (code) {
    const text = payload(job.symbology, data);
    const { cols, rows } = placed.matrix;
    // Whole dots per module, never more than the layout's module: the printed symbol is then at
    // most as big as its box, and centred in it its quiet zones are at least the planned ones.
    const m = Math.max(1, Math.floor(code.moduleW * c.sx * k));
    const left = X(code.x);
    const top = Y(code.y);
    const boxW = X(code.x + code.w) - left;
    const boxH = Y(code.y + code.h) - top;
    if (job.symbology === 'qr') {
      const mag = Math.min(10, m);
      const x = left + Math.max(0, Math.floor((boxW - cols * mag) / 2));
      const y = top + Math.max(0, Math.floor((boxH - rows * mag) / 2));
      // ^BQ prints its symbol ^BY-height dots below the field origin, and ^BY stays in force
      // from earlier formats (a Code 128 job's bar height): set it, and start that much higher.
      out.push(`^BY2,3,${BQ_SHIFT}^FO${x},${Math.max(0, y - BQ_SHIFT)}^BQN,2,${mag}^FH^FDMA,${escapeFd(text)}^FS`);
    } else if (job.symbology === 'datamatrix') {
      const x = left + Math.max(0, Math.floor((boxW - cols * m) / 2));
      const y = top + Math.max(0, Math.floor((boxH - rows * m) / 2));
      out.push(`^FO${x},${y}^BXN,${m},200^FH^FD${escapeFd(text)}^FS`);
    } else {
      const bm = Math.min(10, m);
      const h = Math.max(1, Math.round(code.moduleH * c.sy * k));
      const x = left + Math.max(0, Math.floor((boxW - cols * bm) / 2));
      // Mode A: the printer picks subsets as bwip-js does (subset C for digit runs), so the
      // symbol has the planned width; in the default mode N it is up to a fifth wider and eats
      // its quiet zone.
      out.push(`^BY${bm},3,${h}^FO${x},${top}^BCN,${h},N,N,N,A^FH^FD${escapeFd(text)}^FS`);
    }
  }
  for (const line of placed.layout.texts) {
    const h = Math.max(10, Math.round(line.size * c.sy * k));
    const at = `^FO${X(line.x)},${Y(line.baseline - line.size * 0.95)}`;
    if (needsCjk(line.text)) {
      if (!o.cjkFont) {
        warnings.push(`${data.assetNumber}: "${line.text}" needs a printer font (cjkFont)`);
        continue;
      }
      out.push(`${at}^A@N,${h},${h},${o.cjkFont}^FH^FD${escapeFd(line.text)}^FS`);
    } else {
      out.push(`${at}^A0N,${h},${Math.round(h * 0.9)}^FH^FD${escapeFd(line.text)}^FS`);
    }
  }
  const copies = job.copies ?? 1;
  if (copies > 1) out.push(`^PQ${copies}`);
  out.push('^XZ');
  return out.join('\n');
}

/** One ZPL format per label of the job (start offsets do not apply to label printers). */
export function renderZpl(job: LabelJob, measure: Measure, o: ZplOptions): ZplResult {
  const warnings: string[] = [];
  const parts = job.items.map((_, i) => labelZpl(job.template, job, i, measure, o, warnings));
  return { zpl: parts.join('\n') + '\n', labels: job.items.length * (job.copies ?? 1), warnings };
}
