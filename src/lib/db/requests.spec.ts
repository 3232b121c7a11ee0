import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatAssetNumber } from '$lib/domain/assetNumber';
import type { RequestDraft } from '$lib/domain/service/request';
import { StageNotOpenError } from './approvals';
import { RequestRepository, RequestStepError, RequestValidationError } from './requests';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let repo: RequestRepository;
let scope: { tenantId: string; siteId: string };

const draft: RequestDraft = { requester: '陈护士', department: '护理部', item: { type: 'laptop', model: 'ThinkPad T14', spec: 'i5, 16 GB, 512 GB' }, reason: '新入职护士长', urgent: false };
const receipt = { assetNumber: formatAssetNumber('SZ', 4242), serial: 'PF-123', manufacturer: 'Lenovo', supplier: '联想直营', purchaseCost: 7200, receivedOn: '2026-12-03' };

async function setup(): Promise<void> {
  env = testDb();
  repo = new RequestRepository(env.db, env.ctx, env.devices);
  const t = await env.org.createTenant({ name: '深圳示例医院', assetPrefix: 'SZ', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: '总院', address: '' });
  scope = { tenantId: t.id, siteId: s.id };
}

async function approveAll(id: string): Promise<void> {
  await repo.decide(id, { stage: 'dept', decision: 'approve', comment: '同意', by: '护理部王主任' });
  await repo.decide(id, { stage: 'it', decision: 'approve', comment: '型号符合标准', by: '信息科李工' });
  await repo.decide(id, { stage: 'gm', decision: 'approve', comment: '批准', by: '张院长' });
}

beforeEach(setup);

describe('RequestRepository', () => {
  it('refuses an incomplete request', async () => {
    await expect(repo.create({ ...draft, requester: ' ' }, scope)).rejects.toBeInstanceOf(RequestValidationError);
  });

  it('goes through the three approvals in order, each stored as its own record', async () => {
    const r = await repo.create(draft, scope);
    expect(r.number).toMatch(/^REQ-20261201-[0-9A-F]{4}$/);
    await expect(repo.decide(r.id, { stage: 'it', decision: 'approve', comment: 'x', by: 'IT' })).rejects.toBeInstanceOf(StageNotOpenError);
    await approveAll(r.id);
    const v = (await repo.get(r.id))!;
    expect(v.status).toBe('approved-gm');
    expect(v.approvals.map((a) => [a.stage, a.by, a.comment])).toEqual([['dept', '护理部王主任', '同意'], ['it', '信息科李工', '型号符合标准'], ['gm', '张院长', '批准']]);
    const outbox = await env.db.outbox.where('table').equals('approvals').toArray();
    expect(outbox.map((e) => e.op)).toEqual(['insert', 'insert', 'insert']);
  });

  it('ends at a rejection', async () => {
    const r = await repo.create(draft, scope);
    await repo.decide(r.id, { stage: 'dept', decision: 'reject', comment: '预算不足', by: '王主任' });
    expect((await repo.get(r.id))!.status).toBe('rejected');
    await expect(repo.decide(r.id, { stage: 'it', decision: 'approve', comment: 'x', by: 'IT' })).rejects.toBeInstanceOf(StageNotOpenError);
    await expect(repo.batchMonth(scope.tenantId, '2026-12')).resolves.toEqual([]);
  });

  it('batches, receives (registering the device from the request), assigns, takes back with an inspection, restocks', async () => {
    const urgent = await repo.create({ ...draft, urgent: true, requester: '急诊科' }, scope);
    const normal = await repo.create(draft, scope);
    await approveAll(normal.id);
    await approveAll(urgent.id);
    await expect(repo.receive(normal.id, receipt)).rejects.toBeInstanceOf(RequestStepError);
    const batch = await repo.batchMonth(scope.tenantId, '2026-12');
    expect(batch.map((v) => [v.request.id, v.status, v.request.batchMonth])).toEqual([[urgent.id, 'batched', '2026-12'], [normal.id, 'batched', '2026-12']]);

    const { device } = await repo.receive(normal.id, receipt);
    expect(device).toMatchObject({ type: 'laptop', model: 'ThinkPad T14', manufacturer: 'Lenovo', serial: 'PF-123', department: '护理部', status: 'inStock', notes: 'i5, 16 GB, 512 GB' });
    expect((await env.devices.get(device.id))?.assetNumber).toBe(receipt.assetNumber);
    expect((await repo.get(normal.id))!.request.deviceId).toBe(device.id);

    await repo.assign(normal.id, '陈护士');
    expect(await env.devices.get(device.id)).toMatchObject({ assignedUser: '陈护士', status: 'inUse' });
    await expect(repo.toStock(normal.id)).rejects.toBeInstanceOf(RequestStepError);
    await expect(repo.returnWithInspection(normal.id, { checklist: { powersOn: true }, notes: '', by: '李工' })).rejects.toBeInstanceOf(RequestValidationError);
    const checklist = { powersOn: true, noDamage: false, accessories: true, dataWiped: true, labelIntact: true };
    await repo.returnWithInspection(normal.id, { checklist, notes: '外壳划痕', by: '李工' });
    expect((await repo.get(normal.id))!.request.inspection).toMatchObject({ checklist, notes: '外壳划痕', by: '李工' });
    const done = await repo.toStock(normal.id);
    expect(done.status).toBe('in-stock');
    expect(await env.devices.get(device.id)).toMatchObject({ assignedUser: '', status: 'inStock' });
  });

  it('two approvers deciding offline on two tablets end in one outcome on both once their records sync', async () => {
    const r = await repo.create(draft, scope);
    const tabletA = { env, repo };
    await setup(); // tablet B: its own database, holding the same request (as after a pull)
    const tabletB = { env, repo };
    await tabletB.env.db.equipmentRequests.put(structuredClone((await tabletA.env.db.equipmentRequests.get(r.id))!));

    tabletA.env.ctx.set(Date.UTC(2026, 11, 2, 9, 0, 0));
    tabletB.env.ctx.set(Date.UTC(2026, 11, 2, 9, 0, 5)); // five seconds later, not having seen A's
    await tabletA.repo.decide(r.id, { stage: 'dept', decision: 'approve', comment: '同意', by: '王主任' });
    await tabletB.repo.decide(r.id, { stage: 'dept', decision: 'reject', comment: '不同意', by: '刘副主任' });
    expect((await tabletB.repo.get(r.id))!.status).toBe('rejected'); // before sync, B sees its own

    // sync: each tablet receives the other's insert-only record
    const fromA = await tabletA.env.db.approvals.toArray();
    const fromB = await tabletB.env.db.approvals.toArray();
    await tabletA.env.db.approvals.bulkPut(structuredClone(fromB));
    await tabletB.env.db.approvals.bulkPut(structuredClone(fromA));

    const a = (await tabletA.repo.get(r.id))!;
    const b = (await tabletB.repo.get(r.id))!;
    expect(a.status).toBe('approved-dept');
    expect(b.status).toBe('approved-dept');
    expect(a.chain).toEqual(b.chain);
    expect(b.chain.stages[0]?.superseded.map((s) => s.by)).toEqual(['刘副主任']);
  });
});
