/**
 * Alarm latch with hysteresis for live polling (pure state machine).
 *
 * States: free → (alarm) → latched → (2 consecutive recovered polls) → free.
 * - An alarm poll latches and resets the recovery count.
 * - While latched, a poll that is recovered counts one; anything else (still low, warning band,
 *   unknown data, a bound that may be low) resets the count to 0. Missing data is not evidence of recovery.
 * - While latched and not yet released, the rule reads alarm ("held"), whatever the raw status.
 * Recovered means R_F > 1.1 × R_a (IEC). For NFPA the mirror, THC < L / 1.1, is our proposal [P].
 * Comparisons are done on 10·R_F vs 11·R_a, rounded, so 55.0 kΩ at R_a 50 is not a recovery.
 */
import { explain } from './explain';
import { round6 } from './panel';
import type { Evaluation, RulePanel, RuleResult } from './rules';
import { hasStatus, worst } from './status';

export const RELEASE_POLLS = 2;
export const RELEASE_FACTOR = 1.1;

export interface LatchState {
  latched: boolean;
  recoveries: number;
}

export const FREE: LatchState = { latched: false, recoveries: 0 };

export function stepLatch(state: LatchState, poll: { alarm: boolean; recovered: boolean }): { state: LatchState; held: boolean } {
  if (poll.alarm) return { state: { latched: true, recoveries: 0 }, held: false };
  if (!state.latched) return { state: FREE, held: false };
  if (!poll.recovered) return { state: { latched: true, recoveries: 0 }, held: true };
  const recoveries = state.recoveries + 1;
  if (recoveries >= RELEASE_POLLS) return { state: FREE, held: false };
  return { state: { latched: true, recoveries }, held: true };
}

function insulationRecovered(r: RuleResult, raKohm: number): boolean {
  if (r.status === 'unknown' || r.value === null || r.value.bound === 'atMost') return false;
  return round6(r.value.value * 10) > round6(raKohm * 11);
}

function thcRecovered(r: RuleResult, levelMa: number): boolean {
  if (r.status === 'unknown' || r.value === null || r.value.bound === 'atLeast') return false;
  return round6(r.value.value * 11) < round6(levelMa * 10);
}

/** One latch per panel: the insulation (IEC) or THC (NFPA) rule. */
export function applyHysteresis(state: LatchState, ev: Evaluation, panel: RulePanel): { state: LatchState; evaluation: Evaluation } {
  const ruleId = panel.regime === 'nfpa' ? 'thc' : 'insulation';
  const i = ev.rules.findIndex((r) => r.rule === ruleId);
  const rule = i >= 0 ? ev.rules[i] : undefined;
  if (rule === undefined) return { state, evaluation: ev };
  const recovered = ruleId === 'thc' ? thcRecovered(rule, panel.limLevelMa) : insulationRecovered(rule, panel.responseValueKohm);
  const step = stepLatch(state, { alarm: rule.status === 'alarm', recovered });
  if (!step.held) return { state: step.state, evaluation: ev };
  const explanation = ruleId === 'thc'
    ? explain('thc.held', { releaseBelow: round6(panel.limLevelMa / RELEASE_FACTOR), count: step.state.recoveries })
    : explain('insulation.held', { releaseAbove: round6(panel.responseValueKohm * RELEASE_FACTOR), count: step.state.recoveries });
  const rules = ev.rules.map((r, k) => (k === i ? { ...r, status: 'alarm' as const, explanation, held: true } : r));
  const statuses = rules.map((r) => r.status);
  return { state: step.state, evaluation: { ...ev, rules, overall: worst(statuses), hasWarning: hasStatus(statuses, 'warning') } };
}
