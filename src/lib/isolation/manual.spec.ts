import { describe, expect, it } from 'vitest';
import { evaluate } from '$lib/domain/isolation/rules';
import { makePanel, T0 } from '$lib/domain/isolation/testing';
import { emptyManualEntry, entryFromReadings, manualFieldProblems, manualReadings, parseManualNumber, type ManualEntry } from './manual';

const entry = (over: Partial<ManualEntry> = {}): ManualEntry => ({
  ...emptyManualEntry(), insulation: '500', load: '8.5', temperature: '35', display: 'clear', ...over
});

describe('parseManualNumber', () => {
  it('reads plain, full-width, comma and bound forms', () => {
    expect(parseManualNumber('')).toBeNull();
    expect(parseManualNumber('  ')).toBeNull();
    expect(parseManualNumber('48')).toEqual({ value: 48, bound: 'exact' });
    expect(parseManualNumber('１２．５')).toEqual({ value: 12.5, bound: 'exact' });
    expect(parseManualNumber('1,500')).toEqual({ value: 1500, bound: 'exact' });
    expect(parseManualNumber('≥ 999')).toEqual({ value: 999, bound: 'atLeast' });
    expect(parseManualNumber('>=999')).toEqual({ value: 999, bound: 'atLeast' });
    expect(parseManualNumber('＜10')).toEqual({ value: 10, bound: 'atMost' });
    expect(parseManualNumber('-5')).toEqual({ value: -5, bound: 'exact' });
  });

  it('turns anything else into NaN, never a guess', () => {
    expect(parseManualNumber('12a')?.value).toBeNaN();
    expect(parseManualNumber('1.2.3')?.value).toBeNaN();
    expect(parseManualNumber('kΩ')?.value).toBeNaN();
    expect(parseManualNumber('12,5')?.value).toBeNaN();
  });

  it('"1,500" kΩ is 1500 kΩ (normal), not 1.5 kΩ (alarm); "1,5" is refused with a reason (issue 8.4)', () => {
    const panel = makePanel();
    const r = manualReadings(entry({ insulation: '1,500' }), panel, T0);
    expect(r.insulationKohm?.value).toBe(1500);
    expect(evaluate({ readings: r, now: T0 }, panel).overall).toBe('normal');
    const refused = manualReadings(entry({ insulation: '1,5' }), panel, T0);
    expect(evaluate({ readings: refused, now: T0 }, panel).rules[0]).toMatchObject({ status: 'unknown' });
    expect(manualFieldProblems(entry({ insulation: '1,5', load: 'abc' }), 'zh-CN')).toEqual({ insulation: 'ambiguous', load: 'notANumber' });
  });
});

describe('manualReadings', () => {
  const panel = makePanel();

  it('a healthy panel typed by hand evaluates to normal', () => {
    const r = manualReadings(entry(), panel, T0);
    expect(r.insulationKohm).toEqual({ value: 500, at: T0 });
    expect(r.loadA).toEqual({ value: 8.5, at: T0 });
    expect(evaluate({ readings: r, now: T0 }, panel).overall).toBe('normal');
  });

  it('indicators not looked at leave monitoring unknown; ticked faults raise alarms', () => {
    expect(evaluate({ readings: manualReadings(entry({ display: '' }), panel, T0), now: T0 }, panel).overall).toBe('unknown');
    const faults = { ...emptyManualEntry().faults, leadEarth: true };
    const ev = evaluate({ readings: manualReadings(entry({ display: 'faults', faults }), panel, T0), now: T0 }, panel);
    expect(ev.rules.find((x) => x.rule === 'monitoring')?.status).toBe('alarm');
  });

  it('uses the quantities of the regime and inputs of the panel', () => {
    const nfpa = makePanel({ regime: 'nfpa', temperature: { input: 'ptc', setPointC: 100 } });
    const r = manualReadings(entry({ thc: '4.2', load: '40', loadUnit: '%', ptc: 'ok' }), nfpa, T0);
    expect(r.insulationKohm).toBeUndefined();
    expect(r.thcMa).toEqual({ value: 4.2, at: T0 });
    expect(r.loadPercent).toEqual({ value: 40, at: T0 });
    expect(r.temperatureC).toBeUndefined();
    expect(r.ptc).toEqual({ status: 'ok', at: T0 });
    expect(evaluate({ readings: r, now: T0 }, nfpa).overall).toBe('warning'); // 4.2 mA ≥ 0.8 × 5 mA
  });

  it('a range-end value typed with ≤ is an alarm bound', () => {
    const ev = evaluate({ readings: manualReadings(entry({ insulation: '≤10' }), panel, T0), now: T0 }, panel);
    expect(ev.rules[0]).toMatchObject({ rule: 'insulation', status: 'alarm', value: { value: 10, bound: 'atMost' } });
  });
});

describe('entryFromReadings', () => {
  it('round-trips what was typed', () => {
    const panel = makePanel();
    const faults = { ...emptyManualEntry().faults, overload: true, leadCt: true };
    const e = entry({ insulation: '≥999', load: '40', loadUnit: '%', display: 'faults', faults });
    expect(entryFromReadings(manualReadings(e, panel, T0))).toEqual(e);
  });
});
