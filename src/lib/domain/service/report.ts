/**
 * The monthly service report of one client company: pure, computed from the month's records.
 *
 * Definitions (stated on the report too, because clients ask):
 *  - the month runs from the 1st 00:00 to the next 1st 00:00 in the zone of the client's
 *    business calendar; an incident belongs to the month it was opened in;
 *  - SLA clocks (sla.ts) are read at `nowISO`, the time the report is made: an incident is
 *    "met" when both its response and resolution clocks have stopped without a breach,
 *    "breached" when either clock breached, and "open" otherwise (still running within target);
 *    SLA met % = met / (met + breached), null when nothing was measured;
 *  - mean time to respond / resolve: the business time of the stopped clocks (pauses while
 *    pending excluded), over the incidents whose clock has stopped;
 *  - satisfaction: the ratings given to the month's incidents (1–5), their mean and comments;
 *  - recurring: devices and models with at least two incidents in the month, most first;
 *  - changes: changes scheduled in the month (or created in it when unscheduled), drafts excepted.
 */
import { wallToInstant, zoneOffset } from './calendar';
import { slaState, type SlaConfig } from './sla';
import { PRIORITIES, type Incident, type IncidentLog, type Priority } from './types';

export type ReportIncident = Pick<Incident, 'id' | 'number' | 'title' | 'deviceId' | 'model' | 'category' | 'priority' | 'status' | 'openedAt'>
  & Partial<Pick<Incident, 'respondedAt' | 'resolvedAt' | 'closedAt' | 'satisfaction'>>;

export interface ReportChange {
  number: string;
  title: string;
  risk: string;
  status: string;
  scheduledStart: string;
  createdAt: string;
  outcome: string;
  deviceCount: number;
}

export interface ReportInput {
  month: string; // YYYY-MM
  incidents: readonly ReportIncident[];
  logs: readonly IncidentLog[];
  config: SlaConfig;
  changes: readonly ReportChange[];
  /** Display names of devices (asset number and name), by id. */
  devices: ReadonlyMap<string, string>;
  nowISO: string;
  top?: number;
}

export interface Count { key: string; count: number }

export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  generatedAt: string;
  opened: number;
  resolvedInMonth: number;
  stillOpen: number;
  byPriority: Count[];
  byCategory: Count[];
  sla: { met: number; breached: number; open: number; metPct: number | null; responseBreaches: number; resolutionBreaches: number };
  meanResponseMs: number | null;
  meanResolveMs: number | null;
  satisfaction: { count: number; average: number | null; distribution: number[]; comments: { number: string; score: number; comment: string }[] };
  topDevices: (Count & { label: string })[];
  topModels: Count[];
  changes: ReportChange[];
  changeOutcomes: Count[];
}

/** [from, to) of a month in the calendar's zone, as instants. */
export function monthRange(month: string, timeZone: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`invalid month ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw new Error(`invalid month ${month}`);
  return { from: wallToInstant(timeZone, Date.UTC(y, mo - 1, 1)), to: wallToInstant(timeZone, Date.UTC(y, mo, 1)) };
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function counts(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Most first, then by key, for a stable order. */
function ranked(m: Map<string, number>, min = 1): Count[] {
  return [...m].filter(([, c]) => c >= min).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function inRange(iso: string | null | undefined, from: number, to: number): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= from && t < to;
}

export function monthlyReport(input: ReportInput): MonthlyReport {
  const { config, nowISO } = input;
  const top = input.top ?? 5;
  const { from, to } = monthRange(input.month, config.calendar.timeZone);
  const inMonth = input.incidents.filter((i) => inRange(i.openedAt, from, to)).sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.number.localeCompare(b.number));

  const logsOf = new Map<string, IncidentLog[]>();
  const wanted = new Set(inMonth.map((i) => i.id));
  for (const l of input.logs) {
    if (!wanted.has(l.incidentId)) continue;
    const list = logsOf.get(l.incidentId);
    if (list) list.push(l);
    else logsOf.set(l.incidentId, [l]);
  }

  const sla = { met: 0, breached: 0, open: 0, metPct: null as number | null, responseBreaches: 0, resolutionBreaches: 0 };
  const responded: number[] = [];
  const resolved: number[] = [];
  for (const i of inMonth) {
    const s = slaState(i, logsOf.get(i.id) ?? [], config, nowISO);
    if (s.response.breached) sla.responseBreaches++;
    if (s.resolution.breached) sla.resolutionBreaches++;
    if (s.response.breached || s.resolution.breached) sla.breached++;
    else if (s.response.done && s.resolution.done) sla.met++;
    else sla.open++;
    if (s.response.done) responded.push(s.response.elapsedMs);
    if (s.resolution.done) resolved.push(s.resolution.elapsedMs);
  }
  sla.metPct = sla.met + sla.breached > 0 ? (100 * sla.met) / (sla.met + sla.breached) : null;

  const byPrio = counts(inMonth.map((i) => i.priority));
  const rated = inMonth.filter((i) => i.satisfaction && i.satisfaction.score >= 1 && i.satisfaction.score <= 5);
  const distribution = [1, 2, 3, 4, 5].map((n) => rated.filter((i) => Math.round(i.satisfaction!.score) === n).length);

  const deviceCounts = counts(inMonth.flatMap((i) => (i.deviceId ? [i.deviceId] : [])));
  const changes = input.changes
    .filter((c) => c.status !== 'draft' && changeMonth(c, config.calendar.timeZone) === input.month)
    .sort((a, b) => (a.scheduledStart || a.createdAt).localeCompare(b.scheduledStart || b.createdAt) || a.number.localeCompare(b.number));

  return {
    month: input.month,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    generatedAt: nowISO,
    opened: inMonth.length,
    resolvedInMonth: input.incidents.filter((i) => inRange(i.resolvedAt, from, to)).length,
    stillOpen: inMonth.filter((i) => i.status !== 'resolved' && i.status !== 'closed').length,
    byPriority: PRIORITIES.map((p: Priority) => ({ key: p, count: byPrio.get(p) ?? 0 })),
    byCategory: ranked(counts(inMonth.map((i) => i.category || 'other'))),
    sla,
    meanResponseMs: mean(responded),
    meanResolveMs: mean(resolved),
    satisfaction: {
      count: rated.length,
      average: mean(rated.map((i) => i.satisfaction!.score)),
      distribution,
      comments: rated.filter((i) => i.satisfaction!.comment.trim() !== '').map((i) => ({ number: i.number, score: i.satisfaction!.score, comment: i.satisfaction!.comment.trim() }))
    },
    topDevices: ranked(deviceCounts, 2).slice(0, top).map((c) => ({ ...c, label: input.devices.get(c.key) ?? c.key })),
    topModels: ranked(counts(inMonth.flatMap((i) => (i.model.trim() ? [i.model.trim()] : []))), 2).slice(0, top),
    changes,
    changeOutcomes: ranked(counts(changes.map((c) => c.status)))
  };
}

/** The month a change belongs to: its scheduled start (a local wall time), else when it was created (in the zone). */
function changeMonth(c: ReportChange, timeZone: string): string {
  if (/^\d{4}-\d{2}/.test(c.scheduledStart)) return c.scheduledStart.slice(0, 7);
  const t = Date.parse(c.createdAt);
  if (!Number.isFinite(t)) return '';
  return new Date(t + zoneOffset(timeZone, t)).toISOString().slice(0, 7);
}
