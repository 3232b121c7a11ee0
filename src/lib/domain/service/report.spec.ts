import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar';
import { monthlyReport, monthRange, type ReportChange, type ReportIncident } from './report';
import type { SlaConfig } from './sla';
import type { IncidentLog } from './types';

// A plain calendar so the figures can be worked out by hand: UTC, Monday–Friday 09:00–17:00.
const day = { start: '09:00', end: '17:00' };
const calendar: BusinessCalendar = { timeZone: 'UTC', week: [null, day, day, day, day, day, null], holidays: [], workdays: [] };
const config: SlaConfig = {
  calendar,
  targets: { P1: { responseMin: 30, resolutionMin: 240 }, P2: { responseMin: 60, resolutionMin: 480 }, P3: { responseMin: 120, resolutionMin: 960 }, P4: { responseMin: 240, resolutionMin: 2400 } }
};
const MIN = 60_000;

function inc(id: string, o: Partial<ReportIncident>): ReportIncident {
  return { id, number: `INC-${id}`, title: id, deviceId: null, model: '', category: 'other', priority: 'P3', status: 'new', openedAt: '', ...o };
}
let seq = 0;
const log = (incidentId: string, at: string, from: string, to: string): IncidentLog => ({ id: `l${++seq}`, incidentId, tenantId: 't', at, by: 'x', kind: 'status', from, to });

// November 2026: the 2nd is a Monday.
const incidents: ReportIncident[] = [
  // A: responded in 20 min, resolved in 2 h: met.
  inc('A', { priority: 'P1', category: 'hardware', deviceId: 'd1', model: 'M1', status: 'closed', openedAt: '2026-11-02T09:00:00Z', respondedAt: '2026-11-02T09:20:00Z', resolvedAt: '2026-11-02T11:00:00Z', satisfaction: { score: 5, comment: 'fast' } }),
  // B: response took 45 min against 30: breached; resolution 16:00–17:00 + 09:00–10:00 = 2 h.
  inc('B', { priority: 'P1', category: 'network', deviceId: 'd1', model: 'M1', status: 'resolved', openedAt: '2026-11-02T16:00:00Z', respondedAt: '2026-11-02T16:45:00Z', resolvedAt: '2026-11-03T10:00:00Z', satisfaction: { score: 2, comment: ' slow response ' } }),
  // C: Friday 15:00, pending from 16:30 over the weekend until Monday 10:00, resolved 11:00: 90 + 60 = 150 min.
  inc('C', { priority: 'P3', category: 'software', deviceId: 'd2', model: 'M1', status: 'resolved', openedAt: '2026-11-06T15:00:00Z', respondedAt: '2026-11-06T16:00:00Z', resolvedAt: '2026-11-09T11:00:00Z', satisfaction: { score: 4, comment: '' } }),
  // D: still being worked on at report time, within its P4 target: open.
  inc('D', { priority: 'P4', category: 'printer', status: 'in-progress', openedAt: '2026-11-25T10:00:00Z', respondedAt: '2026-11-25T10:30:00Z' }),
  // E: opened in October, resolved in November; F: opened in December.
  inc('E', { priority: 'P2', category: 'hardware', deviceId: 'd3', model: 'M2', status: 'resolved', openedAt: '2026-10-30T10:00:00Z', respondedAt: '2026-10-30T10:10:00Z', resolvedAt: '2026-11-02T10:00:00Z' }),
  inc('F', { priority: 'P1', category: 'hardware', deviceId: 'd1', model: 'M1', openedAt: '2026-12-01T00:00:00Z' })
];
const logs: IncidentLog[] = [
  log('A', '2026-11-02T09:20:00Z', 'new', 'assigned'), log('A', '2026-11-02T11:00:00Z', 'assigned', 'resolved'),
  log('B', '2026-11-02T16:45:00Z', 'new', 'in-progress'), log('B', '2026-11-03T10:00:00Z', 'in-progress', 'resolved'),
  log('C', '2026-11-06T16:00:00Z', 'new', 'assigned'), log('C', '2026-11-06T16:30:00Z', 'assigned', 'pending'),
  log('C', '2026-11-09T10:00:00Z', 'pending', 'in-progress'), log('C', '2026-11-09T11:00:00Z', 'in-progress', 'resolved'),
  log('D', '2026-11-25T10:30:00Z', 'new', 'in-progress')
];
const change = (number: string, o: Partial<ReportChange>): ReportChange =>
  ({ number, title: number, risk: 'low', status: 'closed', scheduledStart: '', createdAt: '2026-11-01T00:00:00Z', outcome: '', deviceCount: 1, ...o });
const changes: ReportChange[] = [
  change('CHG-2', { scheduledStart: '2026-11-20T22:00', status: 'failed', outcome: 'rolled back' }),
  change('CHG-1', { scheduledStart: '2026-11-14T22:00', status: 'closed', outcome: 'ok' }),
  change('CHG-3', { scheduledStart: '2026-11-15T22:00', status: 'draft' }),
  change('CHG-4', { scheduledStart: '2026-12-02T22:00' }),
  change('CHG-5', { createdAt: '2026-10-31T17:00:00Z', status: 'submitted' }) // October in UTC
];

const report = monthlyReport({
  month: '2026-11', incidents, logs, config, changes, nowISO: '2026-12-01T08:00:00Z',
  devices: new Map([['d1', 'SZ-000001-X 内科电脑']])
});

describe('the monthly service report', () => {
  it('counts the month’s incidents by priority and category', () => {
    expect(report.opened).toBe(4);
    expect(report.byPriority).toEqual([{ key: 'P1', count: 2 }, { key: 'P2', count: 0 }, { key: 'P3', count: 1 }, { key: 'P4', count: 1 }]);
    expect(report.byCategory.map((c) => [c.key, c.count])).toEqual([['hardware', 1], ['network', 1], ['printer', 1], ['software', 1]]);
    expect(report.resolvedInMonth).toBe(4); // A, B, C and October's E
    expect(report.stillOpen).toBe(1);
  });

  it('measures the SLA: met, breached, still open', () => {
    expect(report.sla).toMatchObject({ met: 2, breached: 1, open: 1, responseBreaches: 1, resolutionBreaches: 0 });
    expect(report.sla.metPct).toBeCloseTo(200 / 3, 6);
  });

  it('means of response and resolution in business time, pauses excluded', () => {
    expect(report.meanResponseMs).toBe(((20 + 45 + 60 + 30) / 4) * MIN);
    expect(report.meanResolveMs).toBe(((120 + 120 + 150) / 3) * MIN);
  });

  it('averages satisfaction and lists the comments', () => {
    expect(report.satisfaction.count).toBe(3);
    expect(report.satisfaction.average).toBeCloseTo(11 / 3, 9);
    expect(report.satisfaction.distribution).toEqual([0, 1, 0, 1, 1]);
    expect(report.satisfaction.comments).toEqual([{ number: 'INC-A', score: 5, comment: 'fast' }, { number: 'INC-B', score: 2, comment: 'slow response' }]);
  });

  it('names recurring devices and models (two incidents or more)', () => {
    expect(report.topDevices).toEqual([{ key: 'd1', count: 2, label: 'SZ-000001-X 内科电脑' }]);
    expect(report.topModels).toEqual([{ key: 'M1', count: 3 }]);
  });

  it('lists the changes of the month in schedule order, drafts left out', () => {
    expect(report.changes.map((c) => c.number)).toEqual(['CHG-1', 'CHG-2']);
    expect(report.changeOutcomes).toEqual([{ key: 'closed', count: 1 }, { key: 'failed', count: 1 }]);
  });

  it('cuts months in the client’s zone', () => {
    const r = monthRange('2026-11', 'Asia/Shanghai');
    expect(new Date(r.from).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(new Date(r.to).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    const sh = monthlyReport({ month: '2026-11', incidents: [], logs: [], config: { ...config, calendar: { ...calendar, timeZone: 'Asia/Shanghai' } }, changes, nowISO: '2026-12-01T08:00:00Z', devices: new Map() });
    expect(sh.changes.map((c) => c.number)).toEqual(['CHG-5', 'CHG-1', 'CHG-2']); // 2026-11-01 01:00 in Shanghai
    expect(() => monthRange('2026-13', 'UTC')).toThrow();
  });

  it('says nothing was measured for an empty month', () => {
    const r = monthlyReport({ month: '2026-08', incidents, logs, config, changes: [], nowISO: '2026-12-01T08:00:00Z', devices: new Map() });
    expect(r).toMatchObject({ opened: 0, meanResponseMs: null, meanResolveMs: null, sla: { metPct: null }, satisfaction: { average: null } });
  });
});
