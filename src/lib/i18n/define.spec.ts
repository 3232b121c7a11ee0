import { describe, expect, it } from 'vitest';
import { interpolate } from './define';

describe('interpolate', () => {
  const printed = 'Printed {count, plural, one {# time} other {# times}}, last {when}';

  it('chooses the English plural form by Intl.PluralRules', () => {
    expect(interpolate(printed, { count: 1, when: 'today' }, 'en')).toBe('Printed 1 time, last today');
    expect(interpolate(printed, { count: 2, when: 'today' }, 'en')).toBe('Printed 2 times, last today');
    expect(interpolate(printed, { count: 0, when: 'never' }, 'en')).toBe('Printed 0 times, last never');
  });

  it('handles two plural blocks and an exact =0 form', () => {
    const m = '{labels, plural, =0 {No labels} one {# label} other {# labels}} on {pages, plural, one {# page} other {# pages}}.';
    expect(interpolate(m, { labels: 5, pages: 1 }, 'en')).toBe('5 labels on 1 page.');
    expect(interpolate(m, { labels: 1, pages: 2 }, 'en')).toBe('1 label on 2 pages.');
    expect(interpolate(m, { labels: 0, pages: 0 }, 'en')).toBe('No labels on 0 pages.');
  });

  it('formats the number for the language and falls back to other', () => {
    expect(interpolate('{n, plural, other {共 # 个}}', { n: 1 }, 'zh-CN')).toBe('共 1 个');
    expect(interpolate('{n, plural, one {# item} other {# items}}', { n: 1500 }, 'en')).toBe('1,500 items');
  });

  it('leaves plain placeholders and unknown names as they were', () => {
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(interpolate('<b>{a}</b>', { a: '<i>' })).toBe('<b><i></b>');
  });
});
