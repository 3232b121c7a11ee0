import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TeamSettingsRepository } from './teamSettings';
import { testDb } from './testing';

describe('team settings: the address printed in label codes', () => {
  it('is validated, saved per client company and queued for sync', async () => {
    const { db, ctx } = testDb();
    const repo = new TeamSettingsRepository(db, ctx);
    expect(await repo.labelOrigin('t1')).toBeNull();
    expect(await repo.setLabelOrigin('t1', 'https://assets.example.cn/app')).toEqual({ ok: false, problem: 'path' });
    expect(await db.outbox.count()).toBe(0);
    expect(await repo.setLabelOrigin('t1', 'https://Assets.example.cn/')).toEqual({ ok: true, origin: 'https://assets.example.cn' });
    expect(await repo.labelOrigin('t1')).toBe('https://assets.example.cn');
    expect(await repo.labelOrigin('t2')).toBeNull();
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'teamSettings', recordId: 'labelOrigin:t1', op: 'upsert', fields: { tenantId: 't1', name: 'labelOrigin', value: 'https://assets.example.cn' } });
    expect(await db.audit.where('[table+recordId]').equals(['teamSettings', 'labelOrigin:t1']).count()).toBe(1);
  });

  it('can be cleared, and a value that is not an origin (from another client version) is ignored', async () => {
    const { db, ctx } = testDb();
    const repo = new TeamSettingsRepository(db, ctx);
    await repo.setLabelOrigin('t1', 'https://assets.example.cn');
    await repo.clearLabelOrigin('t1');
    expect(await repo.labelOrigin('t1')).toBeNull();
    expect((await db.outbox.toArray()).map((e) => e.fields.value)).toEqual(['https://assets.example.cn', '']);
    await db.teamSettings.put({ id: 'labelOrigin:t1', tenantId: 't1', name: 'labelOrigin', value: 'ftp://x', clocks: {}, createdAt: '', updatedAt: '' });
    expect(await repo.labelOrigin('t1')).toBeNull();
  });
});
