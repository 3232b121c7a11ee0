import { describe, expect, it } from 'vitest';
import { parseTypedNumber } from './number';

describe('parseTypedNumber (issue 8.4: "1,500" is never 1.5)', () => {
  const ok = (value: number, bound = 'exact') => ({ ok: true, value, bound });
  const refused = (reason: string) => expect.objectContaining({ ok: false, reason });

  it.each([
    ['1,500', ok(1500)],
    ['1,500.5', ok(1500.5)],
    ['12,345,678', ok(12345678)],
    ['1.5', ok(1.5)],
    ['1500', ok(1500)],
    ['.5', ok(0.5)],
    ['-3', ok(-3)],
    ['１，５００', ok(1500)],
    ['１２．５', ok(12.5)],
    ['≥ 999', ok(999, 'atLeast')],
    ['>=1,000', ok(1000, 'atLeast')],
    ['＜10', ok(10, 'atMost')],
    ['1,5', refused('ambiguous')],
    ['12,34', refused('ambiguous')],
    ['1,5000', refused('ambiguous')],
    ['1 500', refused('ambiguous')],
    ['1.500,0', refused('ambiguous')],
    ['1.2.3', refused('ambiguous')],
    ['abc', refused('notANumber')],
    ['1e3', refused('notANumber')],
    ['12a', refused('notANumber')],
    ['kΩ', refused('notANumber')]
  ])('%s', (text, expected) => {
    expect(parseTypedNumber(text, 'en')).toEqual(expected);
    expect(parseTypedNumber(text, 'zh-CN')).toEqual(expected);
  });

  it('empty text is no reading', () => {
    expect(parseTypedNumber('', 'en')).toBeNull();
    expect(parseTypedNumber('   ', 'zh-CN')).toBeNull();
  });
});
