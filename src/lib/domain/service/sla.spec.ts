import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './defaults';
import { slaState, type SlaConfig } from './sla';
import type { IncidentLog, IncidentStatus, Priority } from './types';

const H = 3_600_000;
const cst = (s: string) => new Date(`${s}+08:00`).toISOString();
const config: SlaConfig = {
  calendar: defaultCalendar(),
  targets: {
    P1: { responseMin: 15, resolutionMin: 4 * 60 },
    P2: { responseMin: 30, resolutionMin: 6 * 60 },
    P3: { responseMin: 120, resolutionMin: 8 * 60 },
    P4: { responseMin: 240, resolutionMin: 0 }
  }
};
let n = 0;
const status = (at: string, from: IncidentStatus, to: IncidentStatus): IncidentLog => ({ id: `l${++n}`, incidentId: 'i', tenantId: 't', at: cst(at), by: 'x', kind: 'status', from, to });
const prio = (at: string, from: Priority, to: Priority): IncidentLog => ({ id: `l${++n}`, incidentId: 'i', tenantId: 't', at: cst(at), by: 'x', kind: 'priority', from, to });
const inc = (openedAt: string, priority: Priority, s: IncidentStatus) => ({ openedAt: cst(openedAt), priority, status: s });

describe('slaState', () => {
  it('response across a weekend: opened Friday 17:00, answered Monday 09:30 → 1.5 h of a 2 h target', () => {
    const s = slaState(inc('2025-11-14T17:00', 'P3', 'assigned'), [status('2025-11-17T09:30', 'new', 'assigned')], config, cst('2025-11-17T10:00'));
    expect(s.response.elapsedMs / H).toBeCloseTo(1.5, 6);
    expect(s.response.done).toBe(true);
    expect(s.response.breached).toBe(false);
  });

  it('response breached across 国庆: the deadline is the first working morning after the holiday', () => {
    const s = slaState(inc('2025-09-30T16:00', 'P3', 'new'), [], config, cst('2025-10-09T12:00'));
    expect(s.response.breached).toBe(true);
    expect(s.response.deadline).toBe(cst('2025-10-09T09:00'));
    expect(s.response.remainingMs / H).toBeCloseTo(2 - (1.5 + 3.5), 6); // 5 h used of 2 h
  });

  it('a make-up Saturday counts: opened Friday 10 Oct 2025 16:30, P1, still new on Saturday noon → breached', () => {
    const s = slaState(inc('2025-10-10T16:30', 'P1', 'in-progress'), [status('2025-10-10T16:35', 'new', 'in-progress')], config, cst('2025-10-11T12:00'));
    expect(s.resolution.elapsedMs / H).toBeCloseTo(1 + 3.5, 6);
    expect(s.resolution.breached).toBe(true);
    expect(s.resolution.deadline).toBe(cst('2025-10-11T11:30'));
  });

  it('a pause spanning a night stops the resolution clock', () => {
    const logs = [
      status('2025-11-17T09:10', 'new', 'in-progress'),
      status('2025-11-17T16:30', 'in-progress', 'pending'),
      status('2025-11-18T10:00', 'pending', 'in-progress')
    ];
    const s = slaState(inc('2025-11-17T09:00', 'P3', 'in-progress'), logs, config, cst('2025-11-18T11:00'));
    // Mon 09:00–16:30 less lunch = 6 h, Tue 10:00–11:00 = 1 h; without the pause it would be 9.5 h.
    expect(s.resolution.elapsedMs / H).toBeCloseTo(7, 6);
    expect(s.resolution.remainingMs / H).toBeCloseTo(1, 6);
    expect(s.resolution.deadline).toBe(cst('2025-11-18T12:00'));
    const paused = slaState(inc('2025-11-17T09:00', 'P3', 'pending'), logs.slice(0, 2), config, cst('2025-11-18T11:00'));
    expect(paused.resolution.paused).toBe(true);
    expect(paused.resolution.elapsedMs / H).toBeCloseTo(6, 6);
    expect(paused.resolution.deadline).toBeNull();
  });

  it('priority raised mid-way: targets of the new priority from the change on', () => {
    // P3 (8 h) for 4 business hours = half used; raised to P1 (4 h) → half of 4 h = 2 h left.
    const logs = [status('2025-11-17T09:00', 'new', 'in-progress'), prio('2025-11-17T14:30', 'P3', 'P1')];
    const at = (now: string) => slaState(inc('2025-11-17T09:00', 'P1', 'in-progress'), logs, config, cst(now));
    const s = at('2025-11-17T15:30');
    expect(s.priority).toBe('P1');
    expect(s.resolution.used).toBeCloseTo(0.5 + 0.25, 6);
    expect(s.resolution.remainingMs / H).toBeCloseTo(1, 6);
    expect(s.resolution.deadline).toBe(cst('2025-11-17T16:30'));
    expect(s.resolution.breached).toBe(false);
    const late = at('2025-11-17T17:00');
    expect(late.resolution.breached).toBe(true);
    expect(late.resolution.deadline).toBe(cst('2025-11-17T16:30'));
  });

  it('a calendar edited while the incident is open: computed from the calendar as it is now', () => {
    const i = inc('2025-11-17T09:00', 'P3', 'in-progress');
    const logs = [status('2025-11-17T09:05', 'new', 'in-progress')];
    const before = slaState(i, logs, config, cst('2025-11-18T09:30'));
    expect(before.resolution.elapsedMs / H).toBeCloseTo(7 + 1, 6);
    // The administrator learns Tuesday was a site holiday and adds it: the same incident now shows 7 h.
    const edited: SlaConfig = { ...config, calendar: { ...config.calendar, holidays: [...config.calendar.holidays, '2025-11-18'] } };
    const after = slaState(i, logs, edited, cst('2025-11-18T09:30'));
    expect(after.resolution.elapsedMs / H).toBeCloseTo(7, 6);
    expect(after.resolution.deadline).toBe(cst('2025-11-19T09:30'));
  });

  it('time zones: a tablet writing UTC instants is read on the Shanghai calendar', () => {
    // 01:00Z = 09:00 CST Monday; 07:00Z = 15:00 CST.
    const s = slaState({ openedAt: '2025-11-17T01:00:00.000Z', priority: 'P3', status: 'new' }, [], config, '2025-11-17T07:00:00.000Z');
    expect(s.resolution.elapsedMs / H).toBeCloseTo(3 + 1.5, 6);
    expect(s.response.breached).toBe(true);
  });

  it('resolved stops the clock and a reopen resumes it', () => {
    const logs = [
      status('2025-11-17T09:00', 'new', 'in-progress'),
      status('2025-11-17T10:00', 'in-progress', 'resolved'),
      status('2025-11-18T09:30', 'resolved', 'in-progress')
    ];
    const resolved = slaState(inc('2025-11-17T09:00', 'P3', 'resolved'), logs.slice(0, 2), config, cst('2025-11-18T09:00'));
    expect(resolved.resolution.done).toBe(true);
    expect(resolved.resolution.elapsedMs / H).toBeCloseTo(1, 6);
    const reopened = slaState(inc('2025-11-17T09:00', 'P3', 'in-progress'), logs, config, cst('2025-11-18T10:30'));
    expect(reopened.resolution.done).toBe(false);
    expect(reopened.resolution.elapsedMs / H).toBeCloseTo(2, 6);
  });

  it('no target: the clock runs and never breaches', () => {
    const s = slaState(inc('2025-11-17T09:00', 'P4', 'in-progress'), [status('2025-11-17T09:00', 'new', 'in-progress')], config, cst('2025-12-17T09:00'));
    expect(s.resolution.breached).toBe(false);
    expect(s.resolution.elapsedMs).toBeGreaterThan(100 * H);
  });
});
