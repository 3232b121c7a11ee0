/**
 * The alignment test page: every label's outline, a crosshair at each label's centre, and
 * 100 mm rulers, drawn through the same calibration as real jobs. Print it on plain paper, lay
 * it on a label sheet against the light, and adjust the printer's offsets and scale until the
 * outlines match; the rulers measure the scale.
 */
import {
  closePath, concatTransformationMatrix, lineTo, moveTo, popGraphicsState, pushGraphicsState,
  rectangle, setLineWidth, setStrokingGrayscaleColor, stroke, StandardFonts, type PDFOperator
} from 'pdf-lib';
import type { Calibration } from '../domain/labels/job';
import { labelRects, type Template } from '../domain/labels/templates';
import { calibrationMatrix, newLabelDoc, PT } from './pdf';

export async function alignmentPdf(t: Template, cal: Calibration, title = 'Alignment test'): Promise<Uint8Array> {
  const doc = await newLabelDoc(`${title} ${t.id}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([t.page.w * PT, t.page.h * PT]);
  const H = t.page.h * PT;
  const P = (x: number, y: number): [number, number] => [x * PT, H - y * PT];
  const ops: PDFOperator[] = [pushGraphicsState(), concatTransformationMatrix(...calibrationMatrix(cal, t.page.h)), setLineWidth(0.3), setStrokingGrayscaleColor(0)];
  for (const r of labelRects(t)) {
    const [x, y] = P(r.x, r.y + r.h);
    ops.push(rectangle(x, y, r.w * PT, r.h * PT), stroke());
    const cx = r.x + r.w / 2;
    const cy = r.y + r.h / 2;
    const arm = Math.min(4, r.w / 4, r.h / 4);
    ops.push(moveTo(...P(cx - arm, cy)), lineTo(...P(cx + arm, cy)), moveTo(...P(cx, cy - arm)), lineTo(...P(cx, cy + arm)), stroke());
  }
  // 100 mm rulers with a tick every 10 mm, from 10 mm inside the top-left corner.
  const len = Math.min(100, t.page.w - 20, t.page.h - 20);
  if (len > 20) {
    ops.push(moveTo(...P(10, 5)), lineTo(...P(10 + len, 5)), moveTo(...P(5, 10)), lineTo(...P(5, 10 + len)));
    for (let i = 0; i <= len; i += 10) ops.push(moveTo(...P(10 + i, 3)), lineTo(...P(10 + i, 7)), moveTo(...P(3, 10 + i)), lineTo(...P(7, 10 + i)));
    ops.push(stroke());
  }
  ops.push(moveTo(...P(0.5, 0.5)), lineTo(...P(t.page.w - 0.5, 0.5)), lineTo(...P(t.page.w - 0.5, t.page.h - 0.5)), lineTo(...P(0.5, t.page.h - 0.5)), closePath(), stroke());
  ops.push(popGraphicsState());
  page.pushOperators(...ops);
  if (t.page.w >= 40) {
    const size = Math.min(8, t.page.h * PT * 0.08);
    page.drawText(`${title}: ${t.id}  dx ${cal.dx} mm, dy ${cal.dy} mm, scale ${cal.sx} × ${cal.sy}. Print at 100 %.`, {
      x: 12 * PT, y: H - Math.min(14, t.page.h * 0.5) * PT, size, font, maxWidth: (t.page.w - 20) * PT
    });
  }
  return doc.save();
}
