/**
 * ZPL II for Zebra printers, one format (^XA … ^XZ) per label, laid out by the same
 * layoutLabel() boxes as the PDF, converted to dots at 203 or 300 dpi. QR ^BQ (model 2, ECC M),
 * DataMatrix ^BX (ECC 200), Code 128 ^BC; module sizes are whole dots, never below one.
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
    const m = Math.max(1, Math.floor(code.moduleW * c.sx * k));
    const text = payload(job.symbology, data);
    const at = `^FO${X(code.originX)},${Y(code.originY)}`;
    if (job.symbology === 'qr') out.push(`${at}^BQN,2,${Math.min(10, m)}^FH^FDMA,${escapeFd(text)}^FS`);
    else if (job.symbology === 'datamatrix') out.push(`${at}^BXN,${m},200^FH^FD${escapeFd(text)}^FS`);
    else {
      const h = Math.max(1, Math.round(code.moduleH * c.sy * k));
      out.push(`${at}^BY${Math.min(10, m)},3,${h}^BCN,${h},N,N,N^FH^FD${escapeFd(text)}^FS`);
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
