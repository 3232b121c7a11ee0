import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatExplanation } from './explain';
import { QUALITY_PROBLEMS, type Readings } from './readings';
import { evaluate, type RuleId } from './rules';
import { allPassed, goodReadings, makePanel, T0 } from './testing';

const panel = makePanel();
const run = (r: Readings, p = panel, now = T0) => evaluate({ readings: r, now }, p);
const rule = (r: Readings, id: RuleId, p = panel, now = T0) => {
  const found = run(r, p, now).rules.find((x) => x.rule === id);
  if (!found) throw new Error(`no ${id} rule`);
  return found;
};
const withRf = (value: number, extra: Partial<Readings['insulationKohm']> = {}): Readings =>
  ({ ...goodReadings(), insulationKohm: { value, at: T0, ...extra } });

describe('all normal', () => {
  it('is normal only when every rule is', () => {
    const ev = run(goodReadings());
    expect(ev.rules.map((r) => [r.rule, r.status])).toEqual([
      ['insulation', 'normal'], ['load', 'normal'], ['temperature', 'normal'], ['monitoring', 'normal']
    ]);
    expect(ev.overall).toBe('normal');
    expect(ev.hasWarning).toBe(false);
  });
});

describe('insulation resistance (IEC, R_a = 50 kΩ)', () => {
  it.each([
    [49, 'alarm'], [50, 'alarm'], [50.01, 'warning'], [99.99, 'warning'], [100, 'normal'], [500, 'normal']
  ] as const)('%d kΩ → %s', (v, status) => {
    expect(rule(withRf(v), 'insulation').status).toBe(status);
  });

  it('explains with numbers', () => {
    const r = rule(withRf(48), 'insulation');
    expect(formatExplanation(r.explanation, 'en')).toBe('48 kΩ, 2 kΩ below the 50 kΩ response value');
    expect(r.limit).toEqual({ warning: 100, alarm: 50, unit: 'kΩ' });
    expect(r.value).toEqual({ value: 48, bound: 'exact', unit: 'kΩ' });
    expect(formatExplanation(rule(withRf(50), 'insulation').explanation, 'en')).toBe('50 kΩ, at the 50 kΩ response value');
  });

  it('uses the panel response value, 2 × R_a exactly on the boundary', () => {
    const p = makePanel({ responseValueKohm: 150 });
    expect(rule(withRf(150), 'insulation', p).status).toBe('alarm');
    expect(rule(withRf(299.999), 'insulation', p).status).toBe('warning');
    expect(rule(withRf(300), 'insulation', p).status).toBe('normal');
  });

  it('reads AIM-M10 range ends as bounds: ≥ 999 healthy, ≤ 10 alarm', () => {
    expect(rule(withRf(999, { bound: 'atLeast' }), 'insulation').status).toBe('normal');
    expect(rule(withRf(10, { bound: 'atMost' }), 'insulation').status).toBe('alarm');
  });

  it('says unknown when a bound straddles a limit', () => {
    expect(rule(withRf(60, { bound: 'atLeast' }), 'insulation').status).toBe('unknown');
    expect(rule(withRf(150, { bound: 'atMost' }), 'insulation').status).toBe('unknown');
  });

  it('lets the device insulation bit win over a healthy value', () => {
    const r = rule({ ...withRf(500), device: { bits: { insulationAlarm: true }, at: T0 } }, 'insulation');
    expect(r.status).toBe('alarm');
    expect(r.decidedBy).toBe('device');
    expect(r.value?.value).toBe(500);
    const pre = rule({ ...withRf(500), device: { bits: { insulationPreWarning: true }, at: T0 } }, 'insulation');
    expect(pre.status).toBe('warning');
  });

  it('keeps a computed alarm when the device bit is clear', () => {
    expect(rule({ ...withRf(45), device: { bits: { insulationAlarm: false }, at: T0 } }, 'insulation').status).toBe('alarm');
  });

  it('trusts the device alarm bit even when the value is unusable, but not a pre-warning', () => {
    expect(rule({ ...withRf(NaN), device: { bits: { insulationAlarm: true }, at: T0 } }, 'insulation').status).toBe('alarm');
    expect(rule({ ...withRf(NaN), device: { bits: { insulationPreWarning: true }, at: T0 } }, 'insulation').status).toBe('unknown');
  });
});

describe('THC (NFPA LIM)', () => {
  const nfpa = makePanel({ regime: 'nfpa', limLevelMa: 5 });
  const thc = (v: number, p = nfpa) => rule({ ...goodReadings(), thcMa: { value: v, at: T0 } }, 'thc', p);

  it.each([[3.99, 'normal'], [4, 'warning'], [4.99, 'warning'], [5, 'alarm']] as const)('%d mA at L = 5 → %s', (v, s) => {
    expect(thc(v).status).toBe(s);
  });

  it('uses the 2.0 mA option', () => {
    const p2 = makePanel({ regime: 'nfpa', limLevelMa: 2 });
    expect(thc(1.59, p2).status).toBe('normal');
    expect(thc(1.6, p2).status).toBe('warning');
    expect(thc(2, p2).status).toBe('alarm');
  });

  it('replaces the insulation rule and honours the device alarm', () => {
    const ev = run({ ...goodReadings(), thcMa: { value: 1, at: T0 }, device: { bits: { insulationAlarm: true }, at: T0 } }, nfpa);
    expect(ev.rules.map((r) => r.rule)).not.toContain('insulation');
    expect(ev.rules[0]).toMatchObject({ rule: 'thc', status: 'alarm', decidedBy: 'device' });
  });
});

describe('load', () => {
  const pct = (v: number) => rule({ ...goodReadings(), loadPercent: { value: v, at: T0 } }, 'load');
  it.each([[84.99, 'normal'], [85, 'warning'], [100, 'warning'], [100.01, 'alarm']] as const)('%d %% → %s', (v, s) => {
    expect(pct(v).status).toBe(s);
  });

  it('converts amperes with I = S / U and lands exactly on 85 % and 100 %', () => {
    const p = makePanel({ transformer: { ratedKva: 10, secondaryV: 230 } }); // 43.478… A
    const amps = (a: number) => rule({ ...goodReadings(), loadPercent: undefined, loadA: { value: a, at: T0 } }, 'load', p);
    const rated = 10_000 / 230;
    expect(amps(0.85 * rated).status).toBe('warning');
    expect(amps(rated).status).toBe('warning');
    expect(amps(rated * 1.0001).status).toBe('alarm');
    expect(amps(12.3).value?.value).toBeCloseTo(28.29, 2);
  });

  it('lets the overload bit win', () => {
    expect(rule({ ...goodReadings(), device: { bits: { overload: true }, at: T0 } }, 'load').status).toBe('alarm');
  });

  it('is left out when the panel does not monitor load', () => {
    expect(run(goodReadings(), makePanel({ loadMonitored: false })).rules.map((r) => r.rule)).not.toContain('load');
  });
});

describe('temperature', () => {
  const temp = (v: number, p = panel) => rule({ ...goodReadings(), temperatureC: { value: v, at: T0 } }, 'temperature', p);
  it.each([[89.9, 'normal'], [90, 'warning'], [99.9, 'warning'], [100, 'alarm'], [-5, 'normal']] as const)('%d °C at T_a = 100 → %s', (v, s) => {
    expect(temp(v).status).toBe(s);
  });

  it('uses the configured set-point', () => {
    const p = makePanel({ temperature: { input: 'celsius', setPointC: 120 } });
    expect(temp(109.9, p).status).toBe('normal');
    expect(temp(110, p).status).toBe('warning');
    expect(temp(120, p).status).toBe('alarm');
  });

  it('lets the over-temperature bit win, and a broken sensor makes the value unknown', () => {
    expect(rule({ ...goodReadings(), device: { bits: { overTemp: true }, at: T0 } }, 'temperature').status).toBe('alarm');
    const broken = run({ ...goodReadings(), device: { bits: { sensorBroken: true }, at: T0 } });
    expect(broken.rules.find((r) => r.rule === 'temperature')?.status).toBe('unknown');
    expect(broken.rules.find((r) => r.rule === 'monitoring')?.status).toBe('alarm');
    expect(rule({ ...goodReadings(), device: { bits: { sensorBroken: true, overTemp: true }, at: T0 } }, 'temperature').status).toBe('alarm');
  });

  it('reads a PTC status', () => {
    const p = makePanel({ temperature: { input: 'ptc', setPointC: 100 } });
    const ptc = (status: 'ok' | 'overTemp' | 'broken', extra = {}) => run({ ...goodReadings(), temperatureC: undefined, ptc: { status, at: T0, ...extra } }, p);
    expect(ptc('ok').rules.find((r) => r.rule === 'temperature')?.status).toBe('normal');
    expect(ptc('overTemp').rules.find((r) => r.rule === 'temperature')?.status).toBe('alarm');
    const broken = ptc('broken');
    expect(broken.rules.find((r) => r.rule === 'temperature')?.status).toBe('unknown');
    expect(broken.rules.find((r) => r.rule === 'monitoring')?.status).toBe('alarm');
    expect(ptc('ok', { problem: 'timeout' }).rules.find((r) => r.rule === 'temperature')?.status).toBe('unknown');
    expect(run({ ...goodReadings(), temperatureC: undefined }, p).rules.find((r) => r.rule === 'temperature')?.status).toBe('unknown');
  });

  it('is left out, and a "broken sensor" flag ignored, when the panel has no sensor', () => {
    const p = makePanel({ temperature: { input: 'none', setPointC: 100 } });
    const ev = run({ ...goodReadings(), temperatureC: undefined, device: { bits: { sensorBroken: true }, at: T0 } }, p);
    expect(ev.rules.map((r) => r.rule)).not.toContain('temperature');
    expect(ev.overall).toBe('normal');
  });
});

describe('connection monitoring', () => {
  it('raises "monitoring impaired" for any lead fault or device error', () => {
    const m = rule({ ...goodReadings(), device: { bits: { leadFaults: ['earth'] }, at: T0 } }, 'monitoring');
    expect(m.status).toBe('alarm');
    expect(formatExplanation(m.explanation, 'en')).toBe('Monitoring impaired: lead fault (PE/FE/KE)');
    expect(rule({ ...goodReadings(), device: { bits: { deviceError: true }, at: T0 } }, 'monitoring').status).toBe('alarm');
  });

  it('is unknown without device flags', () => {
    expect(rule({ ...goodReadings(), device: undefined }, 'monitoring').status).toBe('unknown');
  });
});

describe('test button', () => {
  const withTest = (over: Partial<ReturnType<typeof allPassed>>, p = panel) => evaluate({ readings: goodReadings(), now: T0, test: { ...allPassed(), ...over } }, p);

  it('passes when every step passed', () => {
    const ev = withTest({});
    expect(ev.rules.at(-1)).toMatchObject({ rule: 'testButton', status: 'normal' });
    expect(ev.incomplete).toEqual([]);
    expect(ev.overall).toBe('normal');
  });

  it('leaves the check incomplete, and not normal, when a step was not done', () => {
    const ev = withTest({ buzzer: 'notDone' });
    expect(ev.rules.at(-1)?.status).toBe('unknown');
    expect(ev.incomplete).toEqual([{ code: 'test.notDone', params: { steps: 'buzzer' } }]);
    expect(ev.overall).toBe('unknown');
  });

  it('alarms when a lamp, buzzer or channel is missing in the test', () => {
    for (const step of ['yellowLamp', 'buzzer', 'remoteIndicator', 'muteStopsBuzzer', 'backToNormal'] as const) {
      expect(withTest({ [step]: 'fail' }).overall, step).toBe('alarm');
    }
  });

  it('accepts "not applicable" only for the remote indicator of a panel without one', () => {
    expect(withTest({ remoteIndicator: 'notApplicable' }).incomplete).toHaveLength(1);
    const noRemote = makePanel({ remoteIndicator: { present: false, location: '' } });
    expect(withTest({ remoteIndicator: 'notApplicable' }, noRemote).incomplete).toEqual([]);
    expect(withTest({ buzzer: 'notApplicable' }, noRemote).incomplete).toHaveLength(1);
  });
});

describe('data quality', () => {
  it.each(QUALITY_PROBLEMS)('a %s value is unknown, and the result never normal', (problem) => {
    const ev = run(withRf(500, { problem }));
    expect(ev.rules[0]?.status).toBe('unknown');
    expect(ev.overall).toBe('unknown');
  });

  it('rejects NaN, negatives, implausible and device-range violations', () => {
    expect(rule(withRf(NaN), 'insulation').explanation.code).toBe('quality.nan');
    expect(rule(withRf(-1), 'insulation').explanation.code).toBe('quality.negative');
    expect(rule(withRf(Infinity), 'insulation').explanation.code).toBe('quality.outOfRange');
    expect(rule(withRf(1000, { range: { min: 10, max: 999 } }), 'insulation').explanation).toEqual(
      { code: 'quality.outOfRange', params: { value: 1000, min: 10, max: 999, unit: 'kΩ' } });
    expect(rule({ ...goodReadings(), temperatureC: { value: 300, at: T0 } }, 'temperature').status).toBe('unknown');
    expect(rule({ ...goodReadings(), loadPercent: { value: -3, at: T0 } }, 'load').status).toBe('unknown');
  });

  it('turns a value stale after 60 s', () => {
    expect(rule(withRf(500), 'insulation', panel, T0 + 60_000).status).toBe('normal');
    const stale = rule(withRf(500), 'insulation', panel, T0 + 60_001);
    expect(stale.status).toBe('unknown');
    expect(formatExplanation(stale.explanation, 'en')).toBe('Last value is 60 s old (limit 60 s)');
    expect(rule(goodReadings(), 'monitoring', panel, T0 + 61_000).status).toBe('unknown');
  });

  it('ignores device bits from a bad frame', () => {
    const ev = run({ ...goodReadings(), device: { bits: { insulationAlarm: true }, problem: 'crc' } });
    expect(ev.rules.find((r) => r.rule === 'insulation')?.status).toBe('normal');
    expect(ev.rules.find((r) => r.rule === 'monitoring')?.status).toBe('unknown');
    expect(ev.overall).toBe('unknown');
  });

  it('keeps an alarm on top of unknowns', () => {
    const ev = run({ ...withRf(30), loadPercent: { value: 1, problem: 'timeout' } });
    expect(ev.overall).toBe('alarm');
  });

  it('never says normal when any reading is bad, whatever the others are (property)', () => {
    const bad = fc.oneof(
      fc.constantFrom(...QUALITY_PROBLEMS).map((problem) => ({ value: 100, at: T0, problem })),
      fc.constant({ value: NaN, at: T0 }), fc.constant({ value: -100, at: T0 }), // −100: negative, and below −50 °C fc.constant({ value: 500, at: T0 - 120_000 })
    );
    const good = fc.double({ min: 0, max: 1000, noNaN: true }).map((value) => ({ value, at: T0 }));
    const key = fc.constantFrom('insulationKohm', 'loadPercent', 'temperatureC' as const);
    fc.assert(fc.property(key, bad, good, good, good, (k, b, rf, load, t) => {
      const r: Readings = { insulationKohm: rf, loadPercent: load, temperatureC: t, device: { bits: {}, at: T0 }, [k]: b };
      expect(run(r).overall).not.toBe('normal');
    }));
  });

  it('never throws on garbage readings (property)', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      const ev = evaluate({ readings: { insulationKohm: x as never, loadA: x as never, device: x as never }, now: T0 }, panel);
      expect(ev.overall).not.toBe('normal');
    }));
  });
});

describe('a device alarm bit always wins over the panel configuration (issue 8.1)', () => {
  const noTemp = makePanel({ temperature: { input: 'none', setPointC: 100 } });
  const noLoad = makePanel({ loadMonitored: false });
  const bits = (b: NonNullable<Readings['device']>['bits']): Readings => ({ ...goodReadings(), device: { bits: b, at: T0 } });

  it('an over-temperature bit is an alarm on a panel with no temperature input', () => {
    const ev = run(bits({ overTemp: true }), noTemp);
    expect(ev.overall).toBe('alarm');
    expect(ev.rules.find((r) => r.rule === 'temperature')).toMatchObject({ status: 'alarm', decidedBy: 'device' });
    // Without the bit the unconfigured temperature is not judged at all.
    expect(run(goodReadings(), noTemp).rules.map((r) => r.rule)).not.toContain('temperature');
  });

  it('an overload bit is an alarm on a panel whose load is not monitored, even without a load value', () => {
    const r = bits({ overload: true });
    delete r.loadPercent;
    const ev = run(r, noLoad);
    expect(ev.overall).toBe('alarm');
    expect(ev.rules.find((x) => x.rule === 'load')).toMatchObject({ status: 'alarm', decidedBy: 'device' });
  });

  it('a common alarm is an alarm; a reserved or unknown fault code is unknown, never normal', () => {
    expect(rule(bits({ commonAlarm: true }), 'monitoring')).toMatchObject({ status: 'alarm' });
    const unknown = run(bits({ unknownFault: true }));
    expect(unknown.rules.find((x) => x.rule === 'monitoring')).toMatchObject({ status: 'unknown', explanation: { code: 'monitoring.unknownFault' } });
    expect(unknown.overall).toBe('unknown');
    expect(run(bits({ unknownFault: true, insulationAlarm: true })).overall).toBe('alarm');
  });
});
