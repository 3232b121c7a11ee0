import { describe, expect, it } from 'vitest';
import { newCheckDraft, signCheck, type SignedCheck } from './check';
import { buildDashboard } from './dashboard';
import type { Panel } from './panel';
import { allPassed, goodReadings, makePanel, T0 } from './testing';

const DAY = 86_400_000;

function checkOf(panel: Panel, day: number, rf: number): SignedCheck {
  const at = new Date(T0 + day * DAY).toISOString();
  const r = signCheck({
    ...newCheckDraft({ id: `${panel.id}-${day}`, panelId: panel.id, technician: 't', startedAt: at }),
    visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' },
    readings: { source: 'manual', readAt: at, values: { ...goodReadings(T0 + day * DAY), insulationKohm: { value: rf } }, frames: [] },
    test: allPassed()
  }, panel, at);
  if (!r.ok) throw new Error('unsigned');
  return r.check;
}

describe('buildDashboard', () => {
  it('puts overdue panels first, then the worst last verdict, then the soonest due', () => {
    const p = (id: string, room: string) => makePanel({ id, room });
    const never = p('never', 'OR 1');
    const overdueNormal = p('overdueNormal', 'OR 2');
    const alarm = p('alarm', 'OR 3');
    const warnLater = p('warnLater', 'OR 4');
    const warnSooner = p('warnSooner', 'OR 5');
    const normal = p('normal', 'OR 6');
    const now = T0 + 40 * DAY;
    const rows = buildDashboard([
      { panel: normal, checks: [checkOf(normal, 35, 500)] },
      { panel: warnLater, checks: [checkOf(warnLater, 38, 80)] },
      { panel: alarm, checks: [checkOf(alarm, 39, 30)] },
      { panel: overdueNormal, checks: [checkOf(overdueNormal, 0, 500)] },
      { panel: warnSooner, checks: [checkOf(warnSooner, 20, 80)] },
      { panel: never, checks: [] }
    ], now);
    expect(rows.map((r) => r.panelId)).toEqual(['never', 'overdueNormal', 'alarm', 'warnSooner', 'warnLater', 'normal']);
    expect(rows[0]).toMatchObject({ overdue: true, nextDue: null, daysOverdue: null, lastVerdict: null });
    expect(rows[1]).toMatchObject({ overdue: true, daysOverdue: 10, lastVerdict: 'normal' });
    expect(rows[2]).toMatchObject({ overdue: false, lastVerdict: 'alarm', lastComplete: true });
    expect(rows.map((r) => r.lastVerdict)).toEqual([null, 'normal', 'alarm', 'warning', 'warning', 'normal']);
  });
});
