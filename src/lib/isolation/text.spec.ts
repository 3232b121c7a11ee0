import { describe, expect, it } from 'vitest';
import { isolation } from '$lib/i18n/messages/isolation';
import { insulationRule } from '$lib/domain/isolation/rules-quantity';
import { makePanel, T0 } from '$lib/domain/isolation/testing';
import { limitText, translator, valueText } from './text';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('isolation messages', () => {
  it('have the same keys and the same placeholders in both languages, none empty', () => {
    const en = isolation.en as Record<string, string>;
    const zh = isolation['zh-CN'] as Record<string, string>;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) {
      expect(k.startsWith('isolation.')).toBe(true);
      expect(en[k]!.trim(), k).not.toBe('');
      expect(zh[k]!.trim(), k).not.toBe('');
      expect(placeholders(zh[k]!), k).toEqual(placeholders(en[k]!));
    }
  });
});

describe('text helpers', () => {
  it('print values with their bound and unit, and a rule\'s limits, in either language', () => {
    expect(valueText({ value: 999, bound: 'atLeast', unit: 'kΩ' }, 'en')).toBe('≥ 999 kΩ');
    expect(valueText({ value: 27.3913, bound: 'exact', unit: 'A' }, 'zh-CN')).toBe('27.39 A');
    expect(valueText(null, 'en')).toBe('—');
    const r = insulationRule({ insulationKohm: { value: 80, at: T0 } }, {}, makePanel(), T0);
    expect(limitText(r, 'en')).toBe('alarm ≤ 50 kΩ, warning < 100 kΩ');
    expect(limitText(r, 'zh-CN')).toBe('报警 ≤ 50 kΩ，预警 < 100 kΩ');
    expect(translator('zh-CN')('isolation.overdue', { days: 3 })).toBe('已逾期 3 天');
  });
});
