import { describe, expect, it } from 'vitest';
import { signCheck, newCheckDraft, type SignedCheck } from './check';
import type { Readings } from './readings';
import { buildTrend } from './trend';
import { allPassed, goodReadings, makePanel, T0 } from './testing';

const panel = makePanel();
const DAY = 86_400_000;

function check(id: string, day: number, values: Readings, correctsCheckId?: string): SignedCheck {
  const at = new Date(T0 + day * DAY).toISOString();
  const d = {
    ...newCheckDraft({ id, panelId: panel.id, technician: 't', startedAt: at }),
    visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' } as const,
    readings: { source: 'manual' as const, readAt: at, values, frames: [] },
    test: allPassed(),
    remarks: correctsCheckId ? 'fix' : '',
    ...(correctsCheckId ? { correctsCheckId } : {})
  };
  const r = signCheck(d, panel, at);
  if (!r.ok) throw new Error('unsigned');
  return r.check;
}

describe('buildTrend', () => {
  it('builds R_F, load % and temperature series with limit lines, skipping corrected and unknown values', () => {
    const checks = [
      // Each check's own readings are fresh at its reading time.
      check('c2', 30, { ...goodReadings(T0 + DAY * 30), insulationKohm: { value: 90 }, temperatureC: { value: 92 }, loadPercent: { value: 88 } }),
      check('c1', 0, { ...goodReadings(T0 + DAY * 0), insulationKohm: { value: 999, bound: 'atLeast' } }),
      check('c3', 60, { ...goodReadings(T0 + DAY * 60), insulationKohm: { value: NaN } }),
      check('c3b', 61, { ...goodReadings(T0 + DAY * 61), insulationKohm: { value: 40 } }, 'c3')
    ];
    const t = buildTrend(checks, panel);
    expect(t.series.map((s) => s.key)).toEqual(['insulation', 'load', 'temperature']);
    const rf = t.series[0]!;
    expect(checks.map((c) => c.verdict)).toEqual(['warning', 'normal', 'unknown', 'alarm']);
    expect(rf.points.map((p) => [p.checkId, p.value, p.bound, p.status])).toEqual([
      ['c1', 999, 'atLeast', 'normal'], ['c2', 90, 'exact', 'warning'], ['c3b', 40, 'exact', 'alarm']
    ]);
    expect(rf.limits).toEqual([{ level: 'warning', value: 100 }, { level: 'alarm', value: 50 }]);
    expect(rf.yMin).toBe(0);
    expect(rf.yMax).toBe(999);
    expect(t.series[2]!.limits).toEqual([{ level: 'warning', value: 90 }, { level: 'alarm', value: 100 }]);
    expect(t.from).toBe(T0);
    expect(t.to).toBe(T0 + 61 * DAY);
  });

  it('shows THC for NFPA panels and nothing for an empty history', () => {
    const t = buildTrend([], makePanel({ regime: 'nfpa', loadMonitored: false, temperature: { input: 'none', setPointC: 100 } }));
    expect(t.series.map((s) => s.key)).toEqual(['thc']);
    expect(t.series[0]!.limits).toEqual([{ level: 'warning', value: 4 }, { level: 'alarm', value: 5 }]);
    expect(t.from).toBeNull();
  });
});
