import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareStatus, RULE_STATUSES, worst, type RuleStatus } from './status';

const status = fc.constantFrom<RuleStatus>(...RULE_STATUSES);

describe('worst status', () => {
  it('orders normal < warning < unknown < alarm', () => {
    expect(worst(['normal', 'warning'])).toBe('warning');
    expect(worst(['warning', 'unknown'])).toBe('unknown');
    expect(worst(['unknown', 'alarm', 'normal'])).toBe('alarm');
    expect(compareStatus('alarm', 'unknown')).toBeGreaterThan(0);
  });

  it('is unknown, not normal, for no rules at all', () => {
    expect(worst([])).toBe('unknown');
  });

  it('alarm dominates, unknown is never summarised as normal, normal only when all are normal', () => {
    fc.assert(fc.property(fc.array(status, { minLength: 1 }), (xs) => {
      const w = worst(xs);
      expect(w === 'alarm').toBe(xs.includes('alarm'));
      if (xs.includes('unknown')) expect(['unknown', 'alarm']).toContain(w);
      expect(w === 'normal').toBe(xs.every((x) => x === 'normal'));
    }));
  });
});
