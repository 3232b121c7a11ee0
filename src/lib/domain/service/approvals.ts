/**
 * The outcome of an approval chain, computed from the set of approval records alone.
 *
 * Approvals are insert-only: a decision is never edited, so two approvers who decide the same
 * stage offline both leave a record, and both records reach every tablet. The visible outcome is
 * a pure function of that set, so every tablet shows the same one whatever order the records
 * arrived in.
 *
 * Invariants:
 * - records are ordered by (clock, id): the HLC of the record when it has one (causal: a decision
 *   made after seeing an earlier stage's approval has a larger clock), else its `at` time; the id
 *   breaks ties, so the order is total and independent of arrival order;
 * - stages are decided in the chain's order; per stage the earliest decision made after the
 *   previous stage's winning approval wins; later decisions of that stage are "superseded" by it;
 * - a rejection ends the chain: decisions of later stages are void ('chainEnded');
 * - a decision of a stage whose previous stage had no winning approval yet (at its clock) is void
 *   ('outOfOrder'); it cannot come from the app's screens, which only offer the next stage.
 */
export const STAGES = ['dept', 'it', 'gm', 'cab'] as const;
export type Stage = (typeof STAGES)[number];
export type Decision = 'approve' | 'reject';

/** The equipment request chain: department manager, IT, general manager, in that order. */
export const REQUEST_CHAIN: readonly Stage[] = ['dept', 'it', 'gm'];
/** A change is approved by the change advisory board alone. */
export const CHANGE_CHAIN: readonly Stage[] = ['cab'];

export interface ApprovalRecord {
  id: string;
  stage: Stage;
  decision: Decision;
  comment: string;
  by: string;
  at: string; // ISO time the approver decided
  /** The record's hybrid logical clock, when known (stored records have one). */
  hlc?: string;
}

export type VoidReason = 'chainEnded' | 'outOfOrder';

export interface StageOutcome {
  stage: Stage;
  winner: ApprovalRecord | null;
  /** Decisions of this stage that lost to the winner (made at the same time, without seeing it). */
  superseded: ApprovalRecord[];
}

export interface ChainOutcome {
  status: 'pending' | 'approved' | 'rejected';
  /** The stage that decides next; null once approved or rejected. */
  next: Stage | null;
  stages: StageOutcome[];
  voided: { record: ApprovalRecord; reason: VoidReason }[];
}

/** The total order of decisions: clock (HLC, else time), then id. */
export function compareApprovals(a: ApprovalRecord, b: ApprovalRecord): number {
  const ka = a.hlc && b.hlc ? a.hlc : a.at;
  const kb = a.hlc && b.hlc ? b.hlc : b.at;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function resolveChain(records: readonly ApprovalRecord[], chain: readonly Stage[]): ChainOutcome {
  const sorted = [...records].sort(compareApprovals);
  const stages: StageOutcome[] = [];
  const voided: ChainOutcome['voided'] = [];
  let status: ChainOutcome['status'] = 'pending';
  let next: Stage | null = null;
  let previous: ApprovalRecord | null = null;
  for (const stage of chain) {
    const mine = sorted.filter((r) => r.stage === stage);
    if (status === 'rejected' || next !== null) {
      for (const r of mine) voided.push({ record: r, reason: status === 'rejected' ? 'chainEnded' : 'outOfOrder' });
      stages.push({ stage, winner: null, superseded: [] });
      continue;
    }
    const after: ApprovalRecord[] = previous === null ? mine : mine.filter((r) => compareApprovals(previous!, r) < 0);
    for (const r of mine) if (!after.includes(r)) voided.push({ record: r, reason: 'outOfOrder' });
    const winner: ApprovalRecord | null = after[0] ?? null;
    stages.push({ stage, winner, superseded: after.slice(1) });
    if (winner === null) next = stage;
    else if (winner.decision === 'reject') status = 'rejected';
    else previous = winner;
  }
  if (status !== 'rejected' && next === null) status = 'approved';
  return { status, next, stages, voided };
}

/** Whether `stage` may decide now (the screens offer only this stage). */
export function canDecide(outcome: ChainOutcome, stage: Stage): boolean {
  return outcome.status === 'pending' && outcome.next === stage;
}

/** The winning decision that superseded `record`, if it was superseded. */
export function supersededBy(outcome: ChainOutcome, record: ApprovalRecord): ApprovalRecord | null {
  for (const s of outcome.stages) if (s.superseded.some((r) => r.id === record.id)) return s.winner;
  return null;
}

export function validateDecision(d: { decision: string; comment: string; by: string }): Partial<Record<'decision' | 'comment' | 'by', 'required' | 'invalidChoice'>> {
  const e: Partial<Record<'decision' | 'comment' | 'by', 'required' | 'invalidChoice'>> = {};
  if (d.decision !== 'approve' && d.decision !== 'reject') e.decision = 'invalidChoice';
  if (d.comment.trim() === '') e.comment = 'required';
  if (d.by.trim() === '') e.by = 'required';
  return e;
}
