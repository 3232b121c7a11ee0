/**
 * Rewrites a TrueType font so that every glyph's data has an even length (long `loca`).
 *
 * Why: @pdf-lib/fontkit's subsetter copies each glyph's bytes and then writes the subset's
 * `loca` in the short format (offsets / 2) whenever the subset is small, without padding; a
 * glyph of odd length then shifts every later glyph by one byte and they render blank (Noto
 * Sans SC has 15 284 odd-length glyphs). Padding each glyph with one zero byte is allowed by
 * the TrueType spec and makes every subset offset even.
 */
function u16(b: DataView, o: number): number { return b.getUint16(o); }
function u32(b: DataView, o: number): number { return b.getUint32(o); }

interface TableRec { tag: string; offset: number; length: number }

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

export function padGlyphs(font: Uint8Array): Uint8Array {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = u16(v, 4);
  const recs: TableRec[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 12 + i * 16;
    const tag = String.fromCharCode(font[o]!, font[o + 1]!, font[o + 2]!, font[o + 3]!);
    recs.push({ tag, offset: u32(v, o + 8), length: u32(v, o + 12) });
  }
  const get = (tag: string): TableRec | undefined => recs.find((r) => r.tag === tag);
  const head = get('head'); const loca = get('loca'); const glyf = get('glyf'); const maxp = get('maxp');
  if (!head || !loca || !glyf || !maxp) return font; // not a glyf font: nothing to fix
  const longLoca = u16(v, head.offset + 50) === 1;
  const n = u16(v, maxp.offset + 4);
  const offsets: number[] = [];
  for (let i = 0; i <= n; i++) offsets.push(longLoca ? u32(v, loca.offset + 4 * i) : 2 * u16(v, loca.offset + 2 * i));
  let odd = 0;
  for (let i = 0; i < n; i++) if (((offsets[i + 1]! - offsets[i]!) & 1) === 1) odd++;
  if (odd === 0) return font;

  const newGlyf = new Uint8Array(glyf.length + odd + 4);
  const newLoca = new Uint8Array(4 * (n + 1));
  const lv = new DataView(newLoca.buffer);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const a = offsets[i]!; const b = offsets[i + 1]!;
    lv.setUint32(4 * i, pos);
    newGlyf.set(font.subarray(glyf.offset + a, glyf.offset + b), pos);
    pos += b - a;
    if ((pos & 1) === 1) pos++;
  }
  lv.setUint32(4 * n, pos);
  const tables = new Map<string, Uint8Array>();
  for (const r of recs) tables.set(r.tag, font.slice(r.offset, r.offset + r.length));
  tables.set('glyf', newGlyf.subarray(0, pos));
  tables.set('loca', newLoca);
  const headBytes = tables.get('head')!;
  const hv = new DataView(headBytes.buffer, headBytes.byteOffset, headBytes.byteLength);
  hv.setUint16(50, 1);
  hv.setUint32(8, 0);

  const dirLen = 12 + 16 * numTables;
  let total = dirLen;
  for (const r of recs) total += (tables.get(r.tag)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const ov = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let at = dirLen;
  recs.forEach((r, i) => {
    const t = tables.get(r.tag)!;
    const o = 12 + i * 16;
    out.set(font.subarray(o, o + 4), o);
    ov.setUint32(o + 4, checksum(t));
    ov.setUint32(o + 8, at);
    ov.setUint32(o + 12, t.length);
    out.set(t, at);
    if (r.tag === 'head') head.offset = at;
    at += (t.length + 3) & ~3;
  });
  ov.setUint32(head.offset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
