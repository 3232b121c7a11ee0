import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChangeDraft } from '$lib/domain/service/change';
import { StageNotOpenError } from './approvals';
import { ChangeRepository, ChangeValidationError, IllegalMoveError } from './changes';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let repo: ChangeRepository;
let scope: { tenantId: string; siteId: string };

const plan: ChangeDraft = {
  title: '更换核心交换机', reason: '设备停止维保', risk: 'high', deviceIds: ['dev-1'], scheduledStart: '2026-12-12T22:00', scheduledEnd: '2026-12-13T02:00',
  implementationPlan: '割接到新交换机，恢复配置', backoutPlan: '接回旧交换机'
};

beforeEach(async () => {
  env = testDb();
  repo = new ChangeRepository(env.db, env.ctx);
  const t = await env.org.createTenant({ name: '深圳示例医院', assetPrefix: 'SZ', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: '总院', address: '' });
  scope = { tenantId: t.id, siteId: s.id };
});

describe('ChangeRepository', () => {
  it('runs a change from draft to closed through the board', async () => {
    const c = await repo.create({ ...plan, backoutPlan: '' }, scope);
    expect(c).toMatchObject({ status: 'draft', number: expect.stringMatching(/^CHG-20261201-/) });
    await expect(repo.move(c.id, 'submitted')).rejects.toBeInstanceOf(ChangeValidationError); // high risk needs a back-out plan
    await repo.update(c.id, plan);
    await repo.move(c.id, 'submitted');
    await expect(repo.update(c.id, plan)).rejects.toBeInstanceOf(IllegalMoveError); // the board decides on what it saw
    await expect(repo.move(c.id, 'scheduled')).rejects.toBeInstanceOf(IllegalMoveError);
    const approved = await repo.decide(c.id, { decision: 'approve', comment: '窗口期内执行', by: 'CAB 王' });
    expect(approved.status).toBe('approved');
    await expect(repo.decide(c.id, { decision: 'reject', comment: 'late', by: 'CAB 李' })).rejects.toBeInstanceOf(StageNotOpenError);
    await repo.move(c.id, 'scheduled');
    await expect(repo.move(c.id, 'implemented')).rejects.toBeInstanceOf(ChangeValidationError); // no outcome
    await repo.move(c.id, 'implemented', '40 分钟完成，无中断');
    const closed = await repo.move(c.id, 'closed');
    expect(closed.status).toBe('closed');
    expect(closed.change.outcome).toBe('40 分钟完成，无中断');
    expect(closed.approvals).toHaveLength(1);
  });

  it('a failed change is backed out before it closes', async () => {
    const c = await repo.create(plan, scope);
    await repo.move(c.id, 'submitted');
    await repo.decide(c.id, { decision: 'approve', comment: 'ok', by: 'CAB' });
    await repo.move(c.id, 'scheduled');
    await repo.move(c.id, 'failed', '新交换机堆叠失败');
    await expect(repo.move(c.id, 'closed')).rejects.toBeInstanceOf(IllegalMoveError);
    await repo.move(c.id, 'backed-out', '已接回旧交换机');
    expect((await repo.move(c.id, 'closed')).status).toBe('closed');
  });

  it('a rejected change can only be closed', async () => {
    const c = await repo.create(plan, scope);
    await repo.move(c.id, 'submitted');
    expect((await repo.decide(c.id, { decision: 'reject', comment: '与检查日冲突', by: 'CAB' })).status).toBe('rejected');
    await expect(repo.move(c.id, 'scheduled')).rejects.toBeInstanceOf(IllegalMoveError);
    expect((await repo.list(scope.tenantId)).map((v) => v.status)).toEqual(['rejected']);
  });
});
