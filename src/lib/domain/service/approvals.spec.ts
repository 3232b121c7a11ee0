import { describe, expect, it } from 'vitest';
import { canDecide, compareApprovals, REQUEST_CHAIN, resolveChain, supersededBy, validateDecision, type ApprovalRecord, type Stage } from './approvals';

const hlc = (ms: number, node = 'aaaa') => `${String(ms).padStart(15, '0')}-0000-${node}`;
function rec(id: string, stage: Stage, decision: 'approve' | 'reject', ms: number, node = 'aaaa', by = id): ApprovalRecord {
  return { id, stage, decision, comment: 'ok', by, at: new Date(ms).toISOString(), hlc: hlc(ms, node) };
}

/** Every order of a list (small lists only). */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('the approval chain', () => {
  it('waits for the department first, then IT, then the general manager', () => {
    expect(resolveChain([], REQUEST_CHAIN)).toMatchObject({ status: 'pending', next: 'dept' });
    const dept = rec('d', 'dept', 'approve', 1000);
    expect(resolveChain([dept], REQUEST_CHAIN)).toMatchObject({ status: 'pending', next: 'it' });
    const it2 = rec('i', 'it', 'approve', 2000);
    expect(resolveChain([dept, it2], REQUEST_CHAIN)).toMatchObject({ status: 'pending', next: 'gm' });
    const out = resolveChain([dept, it2, rec('g', 'gm', 'approve', 3000)], REQUEST_CHAIN);
    expect(out).toMatchObject({ status: 'approved', next: null, voided: [] });
    expect(out.stages.map((s) => s.winner?.id)).toEqual(['d', 'i', 'g']);
  });

  it('lets only the next stage decide', () => {
    const out = resolveChain([rec('d', 'dept', 'approve', 1000)], REQUEST_CHAIN);
    expect(canDecide(out, 'it')).toBe(true);
    expect(canDecide(out, 'dept')).toBe(false);
    expect(canDecide(out, 'gm')).toBe(false);
  });

  it('ends at a rejection; a later stage deciding anyway is void', () => {
    const out = resolveChain([rec('d', 'dept', 'approve', 1000), rec('i', 'it', 'reject', 2000), rec('g', 'gm', 'approve', 3000)], REQUEST_CHAIN);
    expect(out.status).toBe('rejected');
    expect(out.next).toBeNull();
    expect(out.voided).toEqual([{ record: expect.objectContaining({ id: 'g' }), reason: 'chainEnded' }]);
    expect(canDecide(out, 'gm')).toBe(false);
  });

  it('does not count a later stage that decided before the earlier one approved', () => {
    // IT's record is older than the department's approval: it cannot have seen it.
    const out = resolveChain([rec('i', 'it', 'approve', 500), rec('d', 'dept', 'approve', 1000)], REQUEST_CHAIN);
    expect(out).toMatchObject({ status: 'pending', next: 'it' });
    expect(out.voided.map((v) => [v.record.id, v.reason])).toEqual([['i', 'outOfOrder']]);
    // and without any department decision at all
    expect(resolveChain([rec('i', 'it', 'approve', 500)], REQUEST_CHAIN).voided.map((v) => v.reason)).toEqual(['outOfOrder']);
  });

  it('two approvers deciding the same stage offline: the earliest wins, the other is superseded', () => {
    const a = rec('a', 'dept', 'approve', 1000, 'tab1', '王经理');
    const b = rec('b', 'dept', 'reject', 1200, 'tab2', '李经理');
    const out = resolveChain([b, a], REQUEST_CHAIN);
    expect(out.stages[0]).toMatchObject({ winner: { id: 'a' }, superseded: [{ id: 'b' }] });
    expect(supersededBy(out, b)?.by).toBe('王经理');
    expect(supersededBy(out, a)).toBeNull();
    expect(out.next).toBe('it');
  });

  it('breaks a tie of equal clocks by id', () => {
    const x = { ...rec('x', 'cab', 'approve', 1000), hlc: 'same' };
    const y = { ...rec('y', 'cab', 'reject', 1000), hlc: 'same' };
    expect(compareApprovals(x, y)).toBeLessThan(0);
    expect(resolveChain([y, x], ['cab']).status).toBe('approved');
  });

  it('falls back to the decision time when a record has no clock', () => {
    const early: ApprovalRecord = { ...rec('z', 'cab', 'reject', 1000), hlc: undefined };
    const late = rec('a', 'cab', 'approve', 2000);
    expect(resolveChain([late, early], ['cab']).status).toBe('rejected');
  });

  it('gives one outcome whatever order the records arrive in', () => {
    const records = [
      rec('d1', 'dept', 'approve', 1000, 'tab1'),
      rec('d2', 'dept', 'reject', 1000, 'tab2'), // same millisecond, other tablet: node id orders them
      rec('i1', 'it', 'approve', 2000, 'tab1'),
      rec('i2', 'it', 'approve', 2100, 'tab3'),
      rec('g1', 'gm', 'reject', 3000, 'tab2')
    ];
    const outcomes = permutations(records).map((p) => JSON.stringify(resolveChain(p, REQUEST_CHAIN)));
    expect(new Set(outcomes).size).toBe(1);
    const out = resolveChain(records, REQUEST_CHAIN);
    expect(out.status).toBe('rejected');
    expect(out.stages.map((s) => s.winner?.id)).toEqual(['d1', 'i1', 'g1']);
    expect(out.stages[1]?.superseded.map((r) => r.id)).toEqual(['i2']);
  });

  it('asks for a decision, a comment and a name', () => {
    expect(validateDecision({ decision: 'approve', comment: ' ', by: '' })).toEqual({ comment: 'required', by: 'required' });
    expect(validateDecision({ decision: 'maybe', comment: 'x', by: 'y' })).toEqual({ decision: 'invalidChoice' });
    expect(validateDecision({ decision: 'reject', comment: 'no budget', by: '张总' })).toEqual({});
  });
});
