import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatExplanation } from './explain';
import { applyHysteresis, FREE, stepLatch, type LatchState } from './hysteresis';
import type { Reading } from './readings';
import { evaluate } from './rules';
import { goodReadings, makePanel, T0 } from './testing';

const panel = makePanel(); // R_a 50 kΩ → release above 55 kΩ

function runPolls(values: (number | Reading)[], p = panel) {
  let state: LatchState = FREE;
  return values.map((v) => {
    const insulationKohm = typeof v === 'number' ? { value: v, at: T0 } : v;
    const raw = evaluate({ readings: { ...goodReadings(), insulationKohm }, now: T0 }, p);
    const h = applyHysteresis(state, raw, p);
    state = h.state;
    return h.evaluation.rules[0]?.status;
  });
}

describe('stepLatch', () => {
  it('latches on alarm and releases after two consecutive recovered polls', () => {
    let s = stepLatch(FREE, { alarm: true, recovered: false });
    expect(s).toEqual({ state: { latched: true, recoveries: 0 }, held: false });
    s = stepLatch(s.state, { alarm: false, recovered: true });
    expect(s).toEqual({ state: { latched: true, recoveries: 1 }, held: true });
    s = stepLatch(s.state, { alarm: false, recovered: true });
    expect(s).toEqual({ state: FREE, held: false });
  });
});

describe('insulation hysteresis', () => {
  it('holds the alarm until R_F > 1.1 × R_a twice in a row', () => {
    expect(runPolls([45, 60, 60, 500])).toEqual(['alarm', 'alarm', 'warning', 'normal']);
  });

  it('does not count 55 kΩ (= 1.1 × R_a) as recovery, and a relapse restarts the count', () => {
    expect(runPolls([45, 55, 55, 56, 52, 56, 56])).toEqual(['alarm', 'alarm', 'alarm', 'alarm', 'alarm', 'alarm', 'warning']);
  });

  it('does not count unknown data as recovery', () => {
    const bad: Reading = { value: 500, at: T0, problem: 'timeout' };
    expect(runPolls([45, 300, bad, 300, 300])).toEqual(['alarm', 'alarm', 'alarm', 'alarm', 'normal']);
  });

  it('explains a held alarm with the release threshold', () => {
    let state: LatchState = FREE;
    for (const v of [40, 70]) {
      const raw = evaluate({ readings: { ...goodReadings(), insulationKohm: { value: v, at: T0 } }, now: T0 }, panel);
      const h = applyHysteresis(state, raw, panel);
      state = h.state;
      if (v === 70) {
        expect(h.evaluation.rules[0]?.held).toBe(true);
        expect(h.evaluation.overall).toBe('alarm');
        expect(formatExplanation(h.evaluation.rules[0]!.explanation, 'en'))
          .toBe('Alarm held until R_F stays above 55 kΩ on two consecutive readings (1 of 2)');
      }
    }
  });

  it('never releases without two consecutive polls above 1.1 × R_a (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 10, max: 200 }), { minLength: 1, maxLength: 30 }), (xs) => {
      const out = runPolls([40, ...xs]);
      const seq = [40, ...xs];
      out.forEach((s, i) => {
        if (s === 'alarm') return;
        // The release came at the first non-alarm poll k after the last alarm reading j,
        // and polls k−1 and k (both after j) were above 55 kΩ.
        const j = seq.slice(0, i + 1).map((v) => v <= 50).lastIndexOf(true);
        const k = out.findIndex((x, n) => n > j && x !== 'alarm');
        expect(k - 1).toBeGreaterThan(j);
        expect(seq[k - 1]!).toBeGreaterThan(55);
        expect(seq[k]!).toBeGreaterThan(55);
      });
    }));
  });
});

describe('THC hysteresis (NFPA)', () => {
  it('releases after two polls below L / 1.1', () => {
    const nfpa = makePanel({ regime: 'nfpa', limLevelMa: 5 });
    let state: LatchState = FREE;
    const out = [5.2, 4.6, 4.5, 4.5].map((v) => {
      const raw = evaluate({ readings: { ...goodReadings(), thcMa: { value: v, at: T0 } }, now: T0 }, nfpa);
      const h = applyHysteresis(state, raw, nfpa);
      state = h.state;
      return h.evaluation.rules[0]?.status;
    });
    expect(out).toEqual(['alarm', 'alarm', 'alarm', 'warning']);
  });
});
