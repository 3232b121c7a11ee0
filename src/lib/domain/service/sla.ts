/**
 * SLA clocks of an incident on the client's business calendar (calendar.ts).
 *
 * Two clocks per incident, each measured in business time:
 *  - response: from openedAt until the incident first leaves 'new' (respondedAt);
 *  - resolution: from openedAt until resolved, stopped while 'pending' (waiting for the customer
 *    or a supplier) and while 'resolved' (a reopened incident resumes where it stopped).
 * Pauses come from the insert-only work log: 'status' entries into and out of 'pending'
 * (and 'resolved'); the incident's current status stops the clock of its last stretch.
 *
 * Rules stated here, because a service desk's users will ask:
 *  - Priority changed mid-way: each stretch of running time is measured against the targets of
 *    the priority in force during it. The clock is a fraction used, Σ stretch / target(priority
 *    then); breach when it reaches 1; what is left is (1 − used) × the current target. So an
 *    escalation from P3 to P1 after half the P3 target leaves half the P1 target, never an
 *    instant breach, and a downgrade does not forgive time already used.
 *  - The calendar is read as it is now: an incident still open when an administrator edits the
 *    hours or the holidays is recomputed entirely on the edited calendar (no calendar history
 *    is kept). Closed incidents' figures in reports are recomputed the same way.
 *  - Instants are absolute; the tablet's own zone (often UTC) never matters, only the calendar's.
 *  - A target of 0 or missing means "no target": the clock is shown, never breached.
 *  - Entries stamped after `now` (a tablet clock behind another's) are ignored until then.
 */
import { addBusinessMs, businessMsBetween, type BusinessCalendar } from './calendar';
import type { Incident, IncidentLog, IncidentStatus, Priority } from './types';
import { clockStopped } from './workflow';

export interface SlaTarget { responseMin: number; resolutionMin: number }
export type SlaTargets = Record<Priority, SlaTarget>;

export interface SlaConfig { calendar: BusinessCalendar; targets: SlaTargets }

export interface ClockState {
  /** Target of the current priority, business ms (0 = none). */
  targetMs: number;
  /** Business time the clock has run. */
  elapsedMs: number;
  /** Fraction of the target used (priority changes weighted as above); 0 without a target. */
  used: number;
  /** Business ms left at the current priority; negative once breached. */
  remainingMs: number;
  /** When the target is (or was) reached: past when breached, projected while running, null while stopped short of it. */
  deadline: string | null;
  breached: boolean;
  /** The clock has stopped for good (responded; resolved or closed). */
  done: boolean;
  paused: boolean;
}

export interface SlaState { priority: Priority; response: ClockState; resolution: ClockState }

const MIN = 60_000;

type SlaIncident = Pick<Incident, 'openedAt' | 'priority' | 'status'> & Partial<Pick<Incident, 'respondedAt'>>;

interface Stretch { from: number; to: number; priority: Priority }

/** Running stretches of a clock with the priority in force, cut at every priority change. */
function stretches(open: number, end: number, running: (at: number) => boolean, changes: { at: number; to: Priority }[], first: Priority, marks: number[]): Stretch[] {
  const cuts = [...new Set([open, end, ...marks.filter((m) => m > open && m < end), ...changes.map((c) => c.at).filter((m) => m > open && m < end)])].sort((a, b) => a - b);
  const out: Stretch[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    if (!running(from)) continue;
    let p = first;
    for (const c of changes) if (c.at <= from) p = c.to;
    out.push({ from, to: cuts[i + 1]!, priority: p });
  }
  return out;
}

function clock(cal: BusinessCalendar, parts: Stretch[], targetOf: (p: Priority) => number, current: Priority, now: number, done: boolean, paused: boolean): ClockState {
  let elapsed = 0;
  let used = 0;
  let crossing: number | null = null;
  for (const s of parts) {
    const ms = businessMsBetween(cal, s.from, s.to);
    const target = targetOf(s.priority);
    if (target > 0 && crossing === null && used + ms / target >= 1) crossing = addBusinessMs(cal, s.from, (1 - used) * target);
    elapsed += ms;
    if (target > 0) used += ms / target;
  }
  const targetMs = targetOf(current);
  const breached = targetMs > 0 && used >= 1 - 1e-9;
  const remainingMs = targetMs > 0 ? Math.round((1 - used) * targetMs) : 0;
  let deadline: number | null = crossing;
  if (deadline === null && targetMs > 0 && !done && !paused) deadline = addBusinessMs(cal, now, remainingMs);
  return { targetMs, elapsedMs: elapsed, used: targetMs > 0 ? used : 0, remainingMs, deadline: deadline === null ? null : new Date(deadline).toISOString(), breached, done, paused };
}

export function slaState(incident: SlaIncident, logs: readonly IncidentLog[], config: SlaConfig, nowISO: string): SlaState {
  const now = Date.parse(nowISO);
  const open = Date.parse(incident.openedAt);
  const sorted = logs.filter((l) => Date.parse(l.at) <= now).sort((a, b) => a.at.localeCompare(b.at));
  const statusLogs = sorted.filter((l) => l.kind === 'status' && l.to);
  const prioLogs = sorted.filter((l) => l.kind === 'priority' && l.to);
  const changes = prioLogs.map((l) => ({ at: Date.parse(l.at), to: l.to as Priority }));
  const first = (prioLogs[0]?.from as Priority | undefined) ?? incident.priority;
  const current = (prioLogs.at(-1)?.to as Priority | undefined) ?? incident.priority;
  const target = (p: Priority, k: keyof SlaTarget) => Math.max(0, (config.targets[p]?.[k] ?? 0) * MIN);

  // Status at an instant, from the log (the incident's own status when the log says nothing newer).
  const statusAt = (at: number): IncidentStatus => {
    let s: IncidentStatus = 'new';
    for (const l of statusLogs) if (Date.parse(l.at) <= at) s = l.to as IncidentStatus;
    return s;
  };
  const lastStatus: IncidentStatus = statusLogs.length > 0 ? (statusLogs.at(-1)!.to as IncidentStatus) : incident.status;
  const statusMarks = statusLogs.map((l) => Date.parse(l.at));

  const respondedLog = statusLogs.find((l) => l.from === 'new');
  const respondedAt = incident.respondedAt ? Date.parse(incident.respondedAt) : respondedLog ? Date.parse(respondedLog.at) : null;
  const responseEnd = respondedAt !== null && respondedAt <= now ? Math.max(open, respondedAt) : now;
  const response = clock(
    config.calendar,
    stretches(open, responseEnd, () => true, changes, first, []),
    (p) => target(p, 'responseMin'), current, now, responseEnd < now || (respondedAt !== null && respondedAt <= now), false
  );

  const running = (at: number) => !clockStopped(statusLogs.length > 0 ? statusAt(at) : incident.status);
  const resolution = clock(
    config.calendar,
    stretches(open, Math.max(open, now), running, changes, first, statusMarks),
    (p) => target(p, 'resolutionMin'), current, now, lastStatus === 'resolved' || lastStatus === 'closed', lastStatus === 'pending'
  );
  return { priority: current, response, resolution };
}

/** Default targets (business minutes), a common starting point teams then edit. */
export const DEFAULT_TARGETS: SlaTargets = {
  P1: { responseMin: 15, resolutionMin: 4 * 60 },
  P2: { responseMin: 30, resolutionMin: 8 * 60 },
  P3: { responseMin: 2 * 60, resolutionMin: 3 * 7.5 * 60 },
  P4: { responseMin: 4 * 60, resolutionMin: 5 * 7.5 * 60 }
};
