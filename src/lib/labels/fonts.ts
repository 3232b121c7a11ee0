/**
 * Fonts of the label PDF. Latin-1 text uses the PDF's standard Helvetica (nothing embedded);
 * any other text uses Noto Sans SC (OFL, static/fonts/), embedded as a subset of the glyphs
 * used, and loaded only when a job has such text. The same metrics serve the preview.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import type { Measure } from '../domain/labels/layout';
import { padGlyphs } from './ttfPad';

export const CJK_FONT_URL = '/fonts/NotoSansSC-Regular.ttf';

/** Where the CJK font's bytes come from: fetch() in the app, the file system in Node. */
export type FontSource = () => Promise<Uint8Array>;

let fetched: Promise<Uint8Array> | null = null;
export const fetchFontSource: FontSource = () => {
  fetched ??= fetch(CJK_FONT_URL).then(async (r) => {
    if (!r.ok) throw new Error(`font ${CJK_FONT_URL}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  fetched.catch(() => { fetched = null; });
  return fetched;
};

const paddedBySource = new WeakMap<FontSource, Promise<Uint8Array>>();
function padded(source: FontSource): Promise<Uint8Array> {
  let p = paddedBySource.get(source);
  if (!p) {
    p = source().then(padGlyphs);
    paddedBySource.set(source, p);
    p.catch(() => paddedBySource.delete(source));
  }
  return p;
}

const LATIN1 = /^[\x20-\x7E\u00A0-\u00FF]*$/;
export function needsCjk(text: string): boolean {
  return !LATIN1.test(text);
}

const PT_PER_MM = 72 / 25.4;

export class LabelFonts {
  private constructor(
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly cjk: PDFFont | null
  ) {}

  /** Embeds the fonts `texts` need into `doc`. */
  static async create(doc: PDFDocument, texts: Iterable<string>, source: FontSource): Promise<LabelFonts> {
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    let cjk: PDFFont | null = null;
    for (const t of texts) {
      if (!needsCjk(t)) continue;
      doc.registerFontkit(fontkit);
      cjk = await doc.embedFont(await padded(source), { subset: true });
      break;
    }
    return new LabelFonts(regular, bold, cjk);
  }

  /** Metrics only (the preview): a throwaway document. */
  static async forMeasuring(texts: Iterable<string>, source: FontSource): Promise<LabelFonts> {
    return LabelFonts.create(await PDFDocument.create(), texts, source);
  }

  fontFor(text: string, bold: boolean): PDFFont {
    if (needsCjk(text)) {
      if (!this.cjk) throw new Error('CJK font not loaded for: ' + text);
      return this.cjk;
    }
    return bold ? this.bold : this.regular;
  }

  readonly measure: Measure = (text, sizeMm, bold) =>
    this.fontFor(text, bold).widthOfTextAtSize(text, sizeMm * PT_PER_MM) / PT_PER_MM;
}
