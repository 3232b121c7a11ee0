import { describe, expect, it } from 'vitest';
import type { ApprovalRecord, Stage } from './approvals';
import {
  canMoveRequest, deviceFromRequest, effectiveRequestStatus, emptyRequest, inspectionPassed, nextRequestStep, purchaseBatch, recordNumber,
  requestChain, validateInspection, validateRequest, type RequestStatus
} from './request';

const ap = (id: string, stage: Stage, decision: 'approve' | 'reject', ms: number): ApprovalRecord =>
  ({ id, stage, decision, comment: 'c', by: id, at: new Date(ms).toISOString(), hlc: `${String(ms).padStart(15, '0')}-0000-n` });

describe('equipment requests', () => {
  it('validates the form', () => {
    const r = validateRequest(emptyRequest());
    expect(r.ok ? {} : r.errors).toEqual({ requester: 'required', department: 'required', 'item.model': 'required', reason: 'required' });
    const ok = validateRequest({ requester: ' 陈护士 ', department: '护理部', item: { type: 'laptop', model: ' ThinkPad T14 ', spec: '16 GB' }, reason: '新入职', urgent: true });
    expect(ok.ok && ok.request).toEqual({ requester: '陈护士', department: '护理部', item: { type: 'laptop', model: 'ThinkPad T14', spec: '16 GB' }, reason: '新入职', urgent: true });
  });

  it('shows the approval phase from the approval records', () => {
    const st = (records: ApprovalRecord[], stored: RequestStatus = 'submitted') => effectiveRequestStatus(stored, requestChain(records));
    expect(st([])).toBe('submitted');
    expect(st([ap('d', 'dept', 'approve', 1)])).toBe('approved-dept');
    expect(st([ap('d', 'dept', 'approve', 1), ap('i', 'it', 'approve', 2)])).toBe('approved-it');
    expect(st([ap('d', 'dept', 'approve', 1), ap('i', 'it', 'approve', 2), ap('g', 'gm', 'approve', 3)])).toBe('approved-gm');
    expect(st([ap('d', 'dept', 'reject', 1)])).toBe('rejected');
    // later steps count once approved; a rejection that wins ends it even if this tablet batched it
    const approved = [ap('d', 'dept', 'approve', 10), ap('i', 'it', 'approve', 20), ap('g', 'gm', 'approve', 30)];
    expect(st(approved, 'batched')).toBe('batched');
    expect(st([...approved, ap('g0', 'gm', 'reject', 25)], 'batched')).toBe('rejected');
    expect(st([ap('d', 'dept', 'approve', 1)], 'batched')).toBe('approved-dept');
  });

  it('moves one step at a time after the approvals', () => {
    const path: RequestStatus[] = ['approved-gm', 'batched', 'received', 'assigned', 'returned', 'in-stock'];
    for (let i = 0; i + 1 < path.length; i++) {
      expect(nextRequestStep(path[i]!)).toBe(path[i + 1]);
      expect(canMoveRequest(path[i]!, path[i + 1]!)).toBe(true);
    }
    expect(canMoveRequest('approved-gm', 'received')).toBe(false);
    expect(canMoveRequest('submitted', 'batched')).toBe(false);
    expect(canMoveRequest('rejected', 'batched')).toBe(false);
    expect(nextRequestStep('in-stock')).toBeNull();
  });

  it('batches approved requests of the month, urgent ones first, then oldest first', () => {
    const base = { batchMonth: '', effective: 'approved-gm' as RequestStatus };
    const list = [
      { ...base, number: 'REQ-3', urgent: false, createdAt: '2026-11-01T00:00:00Z' },
      { ...base, number: 'REQ-1', urgent: true, createdAt: '2026-11-20T00:00:00Z' },
      { ...base, number: 'REQ-2', urgent: false, createdAt: '2026-10-01T00:00:00Z' },
      { ...base, number: 'REQ-4', urgent: true, createdAt: '2026-11-05T00:00:00Z' },
      { ...base, number: 'REQ-5', urgent: true, createdAt: '2026-11-01T00:00:00Z', effective: 'approved-it' as RequestStatus },
      { ...base, number: 'REQ-6', urgent: false, createdAt: '2026-09-01T00:00:00Z', effective: 'batched' as RequestStatus, batchMonth: '2026-11' },
      { ...base, number: 'REQ-7', urgent: false, createdAt: '2026-09-01T00:00:00Z', effective: 'batched' as RequestStatus, batchMonth: '2026-10' }
    ];
    expect(purchaseBatch(list, '2026-11').map((r) => r.number)).toEqual(['REQ-4', 'REQ-1', 'REQ-6', 'REQ-2', 'REQ-3']);
  });

  it('prefills the registered device from the request', () => {
    const d = deviceFromRequest(
      { tenantId: 't', siteId: 's', number: 'REQ-20261201-AB12', department: '放射科', requester: '周医生', item: { type: 'desktop', model: 'OptiPlex 7010', spec: 'i7, 32 GB' } },
      { assetNumber: 'SZ-000123-K', serial: ' SN1 ', manufacturer: 'Dell', supplier: '京东', purchaseCost: 6200, receivedOn: '2026-12-03' }
    );
    expect(d).toMatchObject({
      tenantId: 't', siteId: 's', assetNumber: 'SZ-000123-K', type: 'desktop', model: 'OptiPlex 7010', manufacturer: 'Dell', serial: 'SN1',
      department: '放射科', status: 'inStock', purchaseDate: '2026-12-03', purchaseCost: 6200, notes: 'i7, 32 GB', custom: { request: 'REQ-20261201-AB12' }
    });
  });

  it('asks for every inspection item, and a note when one fails', () => {
    const all = { powersOn: true, noDamage: true, accessories: true, dataWiped: true, labelIntact: true };
    expect(validateInspection({ checklist: { powersOn: true }, notes: '', by: 'x', at: '' })).toEqual({ noDamage: 'required', accessories: 'required', dataWiped: 'required', labelIntact: 'required' });
    expect(validateInspection({ checklist: { ...all, noDamage: false }, notes: '', by: 'x', at: '' })).toEqual({ notes: 'required' });
    expect(validateInspection({ checklist: { ...all, noDamage: false }, notes: 'Scratched lid', by: 'x', at: '' })).toEqual({});
    expect(inspectionPassed({ checklist: all, notes: '', by: 'x', at: '' })).toBe(true);
    expect(inspectionPassed({ checklist: { ...all, dataWiped: false }, notes: 'n', by: 'x', at: '' })).toBe(false);
  });

  it('numbers records offline from the day and the id', () => {
    expect(recordNumber('REQ', '2026-12-03T08:00:00.000Z', 'ab12cd34-0000-4000-8000-000000000000')).toBe('REQ-20261203-AB12');
  });
});
