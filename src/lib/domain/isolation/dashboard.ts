/**
 * The panels overview, most urgent first:
 *   1. overdue before not overdue (never checked counts as overdue);
 *   2. then the worst last verdict (alarm > unknown > warning > normal; never checked ranks as unknown);
 *   3. then the longest overdue / soonest due (never checked first);
 *   4. then site, room and system id, for a stable order.
 */
import { lastCheck, nextDueFor, type SignedCheck } from './check';
import { isOverdue, type Panel } from './panel';
import { compareStatus, type RuleStatus } from './status';

export interface DashboardEntry {
  panel: Panel;
  checks: readonly SignedCheck[];
}

export interface DashboardRow {
  panelId: string;
  siteId: string;
  room: string;
  systemId: string;
  overdue: boolean;
  nextDue: string | null;
  daysOverdue: number | null; // null when not overdue or never checked
  lastVerdict: RuleStatus | null;
  lastComplete: boolean | null;
  lastSignedAt: string | null;
}

const DAY_MS = 86_400_000;

export function dashboardRow(e: DashboardEntry, now: number): DashboardRow {
  const last = lastCheck(e.checks);
  const due = nextDueFor(e.checks, e.panel.checkIntervalDays);
  const overdue = isOverdue(due, now);
  const dueT = due === null ? NaN : Date.parse(due);
  return {
    panelId: e.panel.id, siteId: e.panel.siteId, room: e.panel.room, systemId: e.panel.systemId,
    overdue, nextDue: due,
    daysOverdue: overdue && Number.isFinite(dueT) ? Math.floor((now - dueT) / DAY_MS) : null,
    lastVerdict: last?.verdict ?? null,
    lastComplete: last?.complete ?? null,
    lastSignedAt: last?.signedAt ?? null
  };
}

export function compareRows(a: DashboardRow, b: DashboardRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const byVerdict = compareStatus(b.lastVerdict ?? 'unknown', a.lastVerdict ?? 'unknown');
  if (byVerdict !== 0) return byVerdict;
  const ta = a.nextDue === null ? -Infinity : Date.parse(a.nextDue);
  const tb = b.nextDue === null ? -Infinity : Date.parse(b.nextDue);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.siteId.localeCompare(b.siteId) || a.room.localeCompare(b.room) || a.systemId.localeCompare(b.systemId);
}

export function buildDashboard(entries: readonly DashboardEntry[], now: number): DashboardRow[] {
  return entries.map((e) => dashboardRow(e, now)).sort(compareRows);
}
