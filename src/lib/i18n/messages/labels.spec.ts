import { describe, expect, it } from 'vitest';
import { interpolate } from '../define';
import { labels } from './labels';

describe('labels catalogue: English counts agree with their nouns', () => {
  it('says "1 time", "1 label on 1 page", "2 labels on 3 pages"', () => {
    const en = labels.en;
    expect(interpolate(en['labels.device.printed'], { count: 1, when: 'today' })).toBe('Printed 1 time, last today');
    expect(interpolate(en['labels.device.printed'], { count: 5, when: 'today' })).toBe('Printed 5 times, last today');
    expect(interpolate(en['labels.out.pdfDone'], { labels: 1, pages: 1 })).toBe('1 label on 1 page.');
    expect(interpolate(en['labels.out.pdfDone'], { labels: 5, pages: 1 })).toBe('5 labels on 1 page.');
    expect(interpolate(en['labels.out.pdfDone'], { labels: 25, pages: 2 })).toBe('25 labels on 2 pages.');
    expect(interpolate(en['labels.out.zplDone'], { labels: 1 })).toBe('1 label in the ZPL file.');
    expect(interpolate(en['labels.out.zplWarn'], { n: 1 })).toBe('1 line with Chinese text needs a printer font and was left out.');
    expect(interpolate(en['labels.blocks.remaining'], { n: 1, prefix: 'SZYY' })).toBe('1 number left for SZYY on this tablet.');
    expect(interpolate(en['labels.blocks.remaining'], { n: 99999, prefix: 'SZYY' })).toBe('99,999 numbers left for SZYY on this tablet.');
  });

  it('has no English message that puts a bare count before a plural noun', () => {
    for (const [key, text] of Object.entries(labels.en)) {
      expect(text, key).not.toMatch(/\{\w+\}\s+(times|labels|pages|numbers|lines|bytes|devices|rooms)\b/);
      // …and every plural block has an English "one" form and an "other" form.
      for (const m of text.matchAll(/\{\w+, plural,([^]*?\}\s*)\}/g)) expect(m[1], key).toMatch(/one \{[^}]*\}[^]*other \{/);
    }
  });

  it('Chinese needs only the "other" form', () => {
    expect(interpolate(labels['zh-CN']['labels.out.pdfDone'], { labels: 1, pages: 1 }, 'zh-CN')).toBe('共 1 个标签，1 页。');
  });
});
