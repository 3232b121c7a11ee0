import { describe, expect, it } from 'vitest';
import { explain, formatExplanation, label } from './explain';
import { MESSAGES } from './explain-messages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('explanation catalogue', () => {
  it('has every code in both languages with the same placeholders', () => {
    for (const [code, pair] of Object.entries(MESSAGES)) {
      expect(pair.en, code).not.toBe('');
      expect(pair['zh-CN'], code).not.toBe('');
      expect(placeholders(pair['zh-CN']), code).toEqual(placeholders(pair.en));
    }
  });
});

describe('formatExplanation', () => {
  const e = explain('insulation.alarm', { value: 48, ra: 50, diff: 2 });

  it('renders the numbers in English and Chinese', () => {
    expect(formatExplanation(e, 'en')).toBe('48 kΩ, 2 kΩ below the 50 kΩ response value');
    expect(formatExplanation(e, 'zh-CN')).toBe('48 kΩ，低于 50 kΩ 响应值 2 kΩ');
  });

  it('prints a bound with ≥ / ≤ and says it is a range end', () => {
    const b = explain('insulation.normal', { value: 999, bound: 'atLeast', warnBelow: 100 });
    expect(formatExplanation(b, 'en')).toBe('≥ 999 kΩ, at or above 100 kΩ (device range end)');
    expect(formatExplanation(b, 'zh-CN')).toBe('≥ 999 kΩ，不低于 100 kΩ（仪表量程端点）');
  });

  it('rounds to two decimals without grouping', () => {
    expect(formatExplanation(explain('load.normal', { value: 44.444444, ratedA: 27.3913043 }), 'en'))
      .toBe('44.44 % of the 27.39 A rated current, below 85 %');
    expect(formatExplanation(explain('insulation.normal', { value: 12000, warnBelow: 100 }), 'en')).toBe('12000 kΩ, at or above 100 kΩ');
  });

  it('translates list tokens one by one', () => {
    const t = explain('test.failed', { steps: 'buzzer,remoteIndicator' });
    expect(formatExplanation(t, 'en')).toBe('Test failed: buzzer, remote indicator');
    expect(formatExplanation(t, 'zh-CN')).toBe('测试未通过：蜂鸣器、远程报警显示');
  });

  it('tidies an empty unit', () => {
    const s = explain('panel.belowMinimum', { field: 'slave', value: 0, min: 1, diff: 1, unit: '' });
    expect(formatExplanation(s, 'en')).toBe('Slave address: 0 is 1 below the minimum of 1');
    expect(formatExplanation(s, 'zh-CN')).toBe('从站地址：0，低于最小值 1（差 1）');
  });

  it('never throws: unknown codes print the code, missing params print ?', () => {
    expect(formatExplanation({ code: 'no.such', params: {} }, 'en')).toBe('no.such');
    expect(formatExplanation(explain('insulation.alarm', {}), 'en')).toBe('? kΩ, ? kΩ below the ? kΩ response value');
  });

  it('labels rules and statuses', () => {
    expect(label('insulation', 'zh-CN')).toBe('绝缘电阻');
    expect(label('unknown', 'en')).toBe('Unknown');
    expect(label('no-such-token', 'en')).toBe('no-such-token');
  });

  it('drops undefined params when building', () => {
    expect(explain('x', { a: 1, b: undefined })).toEqual({ code: 'x', params: { a: 1 } });
  });
});
