/**
 * Change records (ISO 20000 change management): why, how risky, which devices, when, how to do it
 * and how to undo it, the change advisory board's decision, and the outcome.
 *
 * Workflow: draft → submitted → (CAB) approved | rejected; approved → scheduled → implemented |
 * failed; failed → backed-out; implemented, backed-out, rejected → closed; a draft may be
 * cancelled (closed). As with equipment requests, approved/rejected are never read from the stored
 * status: they come from the CAB's approval records (approvals.ts), so two board members deciding
 * offline at once end in one outcome on every tablet.
 */
import { CHANGE_CHAIN, resolveChain, type ApprovalRecord, type ChainOutcome } from './approvals';

export const CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'scheduled', 'implemented', 'failed', 'backed-out', 'closed'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CHANGE_RISKS = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];

/** Moves a person makes with a button. approved/rejected are reached by a CAB decision instead. */
const MOVES: Record<ChangeStatus, readonly ChangeStatus[]> = {
  draft: ['submitted', 'closed'],
  submitted: [],
  approved: ['scheduled'],
  rejected: ['closed'],
  scheduled: ['implemented', 'failed'],
  implemented: ['closed'],
  failed: ['backed-out'],
  'backed-out': ['closed'],
  closed: []
};

export interface ChangeDraft {
  title: string;
  reason: string;
  risk: ChangeRisk;
  deviceIds: string[];
  scheduledStart: string; // local 'YYYY-MM-DDTHH:mm' or ISO; '' when not planned yet
  scheduledEnd: string;
  implementationPlan: string;
  backoutPlan: string;
}

export interface Change extends ChangeDraft {
  id: string;
  tenantId: string;
  siteId: string;
  number: string;
  status: ChangeStatus;
  outcome: string;
  createdAt: string;
}

export type ChangeField = keyof ChangeDraft | 'outcome';
export type ChangeErrors = Partial<Record<ChangeField, 'required' | 'invalidChoice' | 'endBeforeStart' | 'invalidDate'>>;

export function emptyChange(): ChangeDraft {
  return { title: '', reason: '', risk: 'low', deviceIds: [], scheduledStart: '', scheduledEnd: '', implementationPlan: '', backoutPlan: '' };
}

export function cleanChange(d: ChangeDraft): ChangeDraft {
  return {
    title: d.title.trim(), reason: d.reason.trim(), risk: d.risk, deviceIds: [...new Set(d.deviceIds)],
    scheduledStart: d.scheduledStart.trim(), scheduledEnd: d.scheduledEnd.trim(),
    implementationPlan: d.implementationPlan.trim(), backoutPlan: d.backoutPlan.trim()
  };
}

/** What a draft needs to be saved: a title, a valid risk, and a schedule that makes sense. */
export function validateChange(d: ChangeDraft): ChangeErrors {
  const e: ChangeErrors = {};
  if (d.title.trim() === '') e.title = 'required';
  if (!CHANGE_RISKS.includes(d.risk)) e.risk = 'invalidChoice';
  const s = d.scheduledStart ? Date.parse(d.scheduledStart) : NaN;
  const f = d.scheduledEnd ? Date.parse(d.scheduledEnd) : NaN;
  if (d.scheduledStart && !Number.isFinite(s)) e.scheduledStart = 'invalidDate';
  if (d.scheduledEnd && !Number.isFinite(f)) e.scheduledEnd = 'invalidDate';
  if (Number.isFinite(s) && Number.isFinite(f) && f <= s) e.scheduledEnd = 'endBeforeStart';
  return e;
}

/**
 * What a change needs before the board sees it: the reason, the devices it touches, a schedule,
 * an implementation plan, and a back-out plan unless the risk is low.
 */
export function validateForSubmit(d: ChangeDraft): ChangeErrors {
  const e = validateChange(d);
  if (d.reason.trim() === '') e.reason = 'required';
  if (d.deviceIds.length === 0) e.deviceIds = 'required';
  if (!d.scheduledStart) e.scheduledStart = 'required';
  if (!d.scheduledEnd) e.scheduledEnd ??= 'required';
  if (d.implementationPlan.trim() === '') e.implementationPlan = 'required';
  if (d.risk !== 'low' && d.backoutPlan.trim() === '') e.backoutPlan = 'required';
  return e;
}

export function changeChain(approvals: readonly ApprovalRecord[]): ChainOutcome {
  return resolveChain(approvals, CHANGE_CHAIN);
}

/**
 * The status everyone sees. A CAB rejection wins over anything but closing; while the stored
 * status is in the approval phase the CAB records decide it; later steps need an approved CAB.
 */
export function effectiveChangeStatus(stored: ChangeStatus, cab: ChainOutcome): ChangeStatus {
  if (stored === 'draft' || stored === 'closed') return stored;
  if (cab.status === 'rejected') return 'rejected';
  if (cab.status === 'pending') return 'submitted';
  return stored === 'submitted' || stored === 'rejected' ? 'approved' : stored;
}

export function nextChangeStatuses(status: ChangeStatus): readonly ChangeStatus[] {
  return MOVES[status];
}

export function canMoveChange(from: ChangeStatus, to: ChangeStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * The errors that stop a move: submitting needs a complete change; an outcome must be written
 * when the change is implemented, failed or backed out.
 */
export function moveErrors(change: ChangeDraft & { outcome: string }, from: ChangeStatus, to: ChangeStatus): ChangeErrors | 'illegal' {
  if (!canMoveChange(from, to)) return 'illegal';
  if (to === 'submitted') return validateForSubmit(change);
  if ((to === 'implemented' || to === 'failed' || to === 'backed-out') && change.outcome.trim() === '') return { outcome: 'required' };
  return {};
}
