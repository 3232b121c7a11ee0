/**
 * Rule statuses and how they combine.
 *
 * Severity, ascending: normal < warning < unknown < alarm.
 *
 * Invariants (tested in status.spec.ts):
 * - alarm dominates: one alarm makes the result alarm, whatever else is unknown.
 * - never "normal" while anything is unknown: unknown outranks normal and warning.
 * - an empty set of rules is unknown, not normal (nothing evaluated = nothing known).
 *
 * Why unknown outranks warning: a warning is a known, bounded finding ("not an alarm, but close");
 * an unknown reading may be hiding an alarm. Taking the worst case keeps the summary fail-safe.
 * The warning is not lost: every RuleResult is kept beside the summary, and `hasWarning` below lets
 * the UI say "unknown, and load at 90 %" rather than just "unknown".
 */
export const RULE_STATUSES = ['normal', 'warning', 'unknown', 'alarm'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

const SEVERITY: Record<RuleStatus, number> = { normal: 0, warning: 1, unknown: 2, alarm: 3 };

export function severity(s: RuleStatus): number {
  return SEVERITY[s];
}

/** Negative when a is less severe than b; for sorting worst-first use `compareStatus(b, a)`. */
export function compareStatus(a: RuleStatus, b: RuleStatus): number {
  return SEVERITY[a] - SEVERITY[b];
}

export function worst(statuses: Iterable<RuleStatus>): RuleStatus {
  let out: RuleStatus | null = null;
  for (const s of statuses) if (out === null || SEVERITY[s] > SEVERITY[out]) out = s;
  return out ?? 'unknown';
}

export function hasStatus(statuses: Iterable<RuleStatus>, wanted: RuleStatus): boolean {
  for (const s of statuses) if (s === wanted) return true;
  return false;
}
