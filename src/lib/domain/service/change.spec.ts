import { describe, expect, it } from 'vitest';
import type { ApprovalRecord } from './approvals';
import { canMoveChange, changeChain, CHANGE_STATUSES, effectiveChangeStatus, emptyChange, moveErrors, nextChangeStatuses, validateChange, validateForSubmit, type ChangeDraft, type ChangeStatus } from './change';

const complete: ChangeDraft = {
  title: 'Replace core switch', reason: 'End of support', risk: 'high', deviceIds: ['d1', 'd1', 'd2'],
  scheduledStart: '2026-12-12T22:00', scheduledEnd: '2026-12-13T02:00', implementationPlan: 'Swap, restore config', backoutPlan: 'Put the old one back'
};
const cab = (id: string, decision: 'approve' | 'reject', ms: number): ApprovalRecord =>
  ({ id, stage: 'cab', decision, comment: 'c', by: id, at: new Date(ms).toISOString(), hlc: `${String(ms).padStart(15, '0')}-0000-n` });

describe('change workflow', () => {
  it('allows exactly the legal moves', () => {
    const legal: [ChangeStatus, ChangeStatus][] = [
      ['draft', 'submitted'], ['draft', 'closed'], ['approved', 'scheduled'], ['rejected', 'closed'], ['scheduled', 'implemented'],
      ['scheduled', 'failed'], ['implemented', 'closed'], ['failed', 'backed-out'], ['backed-out', 'closed']
    ];
    for (const from of CHANGE_STATUSES) for (const to of CHANGE_STATUSES) {
      expect(canMoveChange(from, to), `${from} → ${to}`).toBe(legal.some(([f, t]) => f === from && t === to));
    }
    // approval is the board's decision, never a button
    expect(nextChangeStatuses('submitted')).toEqual([]);
    expect(nextChangeStatuses('closed')).toEqual([]);
  });

  it('refuses an illegal move and names what a legal one is missing', () => {
    expect(moveErrors({ ...complete, outcome: '' }, 'draft', 'implemented')).toBe('illegal');
    expect(moveErrors({ ...emptyChange(), title: 'x', outcome: '' }, 'draft', 'submitted')).toEqual({
      reason: 'required', deviceIds: 'required', scheduledStart: 'required', scheduledEnd: 'required', implementationPlan: 'required'
    });
    expect(moveErrors({ ...complete, outcome: '' }, 'draft', 'submitted')).toEqual({});
    expect(moveErrors({ ...complete, outcome: ' ' }, 'scheduled', 'implemented')).toEqual({ outcome: 'required' });
    expect(moveErrors({ ...complete, outcome: 'Done in 40 min' }, 'scheduled', 'implemented')).toEqual({});
  });

  it('asks for a back-out plan unless the risk is low', () => {
    expect(validateForSubmit({ ...complete, backoutPlan: '' }).backoutPlan).toBe('required');
    expect(validateForSubmit({ ...complete, risk: 'low', backoutPlan: '' }).backoutPlan).toBeUndefined();
  });

  it('checks the schedule', () => {
    expect(validateChange({ ...complete, scheduledEnd: '2026-12-12T21:00' })).toEqual({ scheduledEnd: 'endBeforeStart' });
    expect(validateChange({ ...complete, scheduledStart: 'tomorrow' })).toEqual({ scheduledStart: 'invalidDate' });
    expect(validateChange({ ...complete, title: ' ', risk: 'huge' as never })).toEqual({ title: 'required', risk: 'invalidChoice' });
  });

  it('takes approved or rejected from the board, not from the stored status', () => {
    expect(effectiveChangeStatus('submitted', changeChain([]))).toBe('submitted');
    expect(effectiveChangeStatus('submitted', changeChain([cab('a', 'approve', 1)]))).toBe('approved');
    // this tablet wrote "approved", but a board member rejected earlier on another tablet
    expect(effectiveChangeStatus('approved', changeChain([cab('a', 'approve', 2), cab('b', 'reject', 1)]))).toBe('rejected');
    expect(effectiveChangeStatus('scheduled', changeChain([cab('a', 'approve', 1)]))).toBe('scheduled');
    expect(effectiveChangeStatus('closed', changeChain([cab('b', 'reject', 1)]))).toBe('closed');
    expect(effectiveChangeStatus('draft', changeChain([]))).toBe('draft');
  });
});
