import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX, priorityOf } from './priority';
import { allowedNext, checkTransition } from './workflow';
import { problemCandidates } from './problems';
import { formatIncidentNumber, incidentMonth, nextSeq } from './incidentNumber';
import type { Level, Priority } from './types';

describe('priority matrix', () => {
  it.each([
    [1, 1, 'P1'], [1, 2, 'P2'], [2, 1, 'P2'], [1, 3, 'P3'], [2, 2, 'P3'], [3, 1, 'P3'], [2, 3, 'P4'], [3, 2, 'P4'], [3, 3, 'P4']
  ] as [Level, Level, Priority][])('impact %i × urgency %i → %s by default', (i, u, p) => {
    expect(priorityOf(i, u)).toBe(p);
  });
  it('follows the team matrix, and ignores a malformed one', () => {
    const team = DEFAULT_MATRIX.map((r) => [...r]);
    team[2]![2] = 'P3';
    expect(priorityOf(3, 3, team)).toBe('P3');
    expect(priorityOf(3, 3, [['P1']])).toBe('P4');
  });
  it('refuses a level outside 1..3', () => {
    expect(() => priorityOf(4 as Level, 1)).toThrow(/1, 2 or 3/);
  });
});

describe('incident workflow', () => {
  const t = (from: Parameters<typeof checkTransition>[0]['from'], to: Parameters<typeof checkTransition>[0]['to'], assignee = 'wang', resolution = 'fixed') => checkTransition({ from, to, assignee, resolution });
  it('allows the life cycle new → assigned → in-progress ⇄ pending → resolved → closed', () => {
    for (const [a, b] of [['new', 'assigned'], ['assigned', 'in-progress'], ['in-progress', 'pending'], ['pending', 'in-progress'], ['in-progress', 'resolved'], ['resolved', 'closed']] as const) {
      expect(t(a, b)).toEqual({ ok: true });
    }
  });
  it('reopens a resolved incident', () => {
    expect(t('resolved', 'in-progress')).toEqual({ ok: true });
  });
  it('refuses illegal moves with a reason', () => {
    expect(t('new', 'resolved')).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(t('pending', 'resolved')).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(t('closed', 'in-progress')).toMatchObject({ ok: false, reason: 'closed' });
    expect(t('assigned', 'assigned')).toMatchObject({ ok: false, reason: 'same' });
    expect(t('new', 'assigned', '  ')).toMatchObject({ ok: false, reason: 'needsAssignee' });
    expect(t('in-progress', 'resolved', 'wang', '')).toMatchObject({ ok: false, reason: 'needsResolution' });
  });
  it('offers only legal next steps', () => {
    expect(allowedNext('pending')).toEqual(['in-progress']);
    expect(allowedNext('closed')).toEqual([]);
  });
});

describe('problem candidates', () => {
  const now = '2026-06-30T00:00:00Z';
  const mk = (id: string, deviceId: string | null, model: string, daysAgo: number) => ({ id, deviceId, model, openedAt: new Date(Date.parse(now) - daysAgo * 86_400_000).toISOString() });
  it('flags 3 incidents on one device and 5 on one model within 90 days', () => {
    const list = [
      mk('a', 'd1', 'M404dn', 1), mk('b', 'd1', 'M404dn', 30), mk('c', 'd1', 'M404dn', 89),
      mk('d', 'd2', 'M404dn', 2), mk('e', 'd3', 'M404dn', 3),
      mk('f', 'd4', 'T14', 1), mk('g', 'd4', 'T14', 2), mk('h', 'd4', 'T14', 91)
    ];
    const c = problemCandidates(list, now);
    expect(c).toEqual([
      { kind: 'model', key: 'M404dn', count: 5, incidentIds: ['a', 'b', 'c', 'd', 'e'] },
      { kind: 'device', key: 'd1', count: 3, incidentIds: ['a', 'b', 'c'] }
    ]);
  });
  it('does not flag below the thresholds or outside the window', () => {
    expect(problemCandidates([mk('a', 'd1', 'X', 1), mk('b', 'd1', 'X', 2), mk('c', 'd1', 'X', 120)], now)).toEqual([]);
  });
});

describe('incident numbers', () => {
  it('takes the month in the calendar zone and continues above what the tablet knows', () => {
    expect(incidentMonth('2026-11-30T17:00:00Z', 'Asia/Shanghai')).toBe('202612');
    expect(formatIncidentNumber('202612', 7)).toBe('INC-202612-0007');
    expect(nextSeq('202612', { month: '202611', seq: 40 }, [])).toBe(1);
    expect(nextSeq('202612', { month: '202612', seq: 3 }, ['INC-202612-0009', 'INC-202611-0050'])).toBe(10);
  });
});
