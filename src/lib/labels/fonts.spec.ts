import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { needsCjk } from './fonts';
import { padGlyphs } from './ttfPad';

const raw = new Uint8Array(readFileSync(new URL('../../../static/fonts/NotoSansSC-Regular.ttf', import.meta.url)));

interface Glyph { id: number; path: { commands: unknown[] } }
interface Font { layout(s: string): { glyphs: Glyph[] }; createSubset(): { includeGlyph(g: Glyph): number; encodeStream(): { on(e: string, f: (d?: Uint8Array) => void): void } }; getGlyph(id: number): Glyph }

function subsetPaths(bytes: Uint8Array, text: string): Promise<number[]> {
  const font = (fontkit as unknown as { create(b: Uint8Array): Font }).create(bytes);
  const sub = font.createSubset();
  const ids = font.layout(text).glyphs.map((g) => sub.includeGlyph(g));
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    const s = sub.encodeStream();
    s.on('data', (d) => parts.push(d!));
    s.on('end', () => {
      const f2 = (fontkit as unknown as { create(b: Uint8Array): Font }).create(Buffer.concat(parts));
      resolve(ids.map((id) => { try { return f2.getGlyph(id).path.commands.length; } catch { return -1; } }));
    });
  });
}

describe('CJK font embedding', () => {
  it('picks the CJK font only for text outside Latin-1', () => {
    expect(needsCjk('OptiPlex 7090 – Zürich')).toBe(true); // en dash is not Latin-1
    expect(needsCjk('Zürich 3F')).toBe(false);
    expect(needsCjk('财务部')).toBe(true);
  });

  it('pads odd-length glyphs so that @pdf-lib/fontkit subsets keep every outline', async () => {
    const text = '财务部电脑放射科Ox7';
    const broken = await subsetPaths(raw, text);
    expect(broken.some((n) => n <= 0)).toBe(true); // the bug this works around
    const fixed = await subsetPaths(padGlyphs(raw), text);
    expect(fixed.every((n) => n > 0)).toBe(true);
    expect(padGlyphs(padGlyphs(raw)).length).toBe(padGlyphs(raw).length); // already even: unchanged
  });
});
