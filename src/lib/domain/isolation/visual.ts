// Step 2 of the panel check, the visual inspection, as one more rule of the verdict.
import { explain, type Explanation } from './explain';
import type { RulePanel, RuleResult, StepResult } from './rules';

export const VISUAL_ITEMS = ['greenLamp', 'noYellowRed', 'remoteAgrees', 'instructionsPosted'] as const;
export type VisualItem = (typeof VISUAL_ITEMS)[number];
export type VisualChecks = Record<VisualItem, StepResult>;

export function emptyVisualChecks(): VisualChecks {
  return { greenLamp: 'notDone', noYellowRed: 'notDone', remoteAgrees: 'notDone', instructionsPosted: 'notDone' };
}

/**
 * Lamp or remote-panel disagreement → alarm (the panel is not showing normal, or a channel is
 * missing); instruction sheet missing → warning [P]. "notApplicable" only for the remote panel
 * of a system without one; otherwise it counts as not done.
 */
export function visualRule(v: VisualChecks, p: RulePanel): { result: RuleResult; incomplete: Explanation | null } {
  const failed: VisualItem[] = [];
  const notDone: VisualItem[] = [];
  for (const item of VISUAL_ITEMS) {
    const r = v[item];
    if (r === 'fail') failed.push(item);
    else if (r === 'pass') continue;
    else if (!(r === 'notApplicable' && item === 'remoteAgrees' && !p.remoteIndicator.present)) notDone.push(item);
  }
  const base = { rule: 'visual' as const, limit: null, value: null, decidedBy: 'steps' as const };
  const incomplete = notDone.length > 0 ? explain('visual.notDone', { items: notDone.join(',') }) : null;
  const alarming = failed.filter((i) => i !== 'instructionsPosted');
  if (alarming.length > 0) return { result: { ...base, status: 'alarm', explanation: explain('visual.failed', { items: failed.join(',') }) }, incomplete };
  if (incomplete) return { result: { ...base, status: 'unknown', explanation: incomplete }, incomplete };
  if (failed.length > 0) return { result: { ...base, status: 'warning', explanation: explain('visual.instructionsMissing') }, incomplete };
  return { result: { ...base, status: 'normal', explanation: explain('visual.passed') }, incomplete: null };
}
