import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ArticleRepository } from './serviceArticles';
import { testDb } from './testing';

describe('article repository', () => {
  it('saves versions, says who changed what, and restores an older version as a new one', async () => {
    const { db, ctx } = testDb();
    const repo = new ArticleRepository(db, ctx);
    const id = await repo.save('t1', null, { kind: 'faq', title: '打印机卡纸', body: 'v1', links: [{ type: 'model', key: ' M404dn ' }, { type: 'model', key: 'M404dn' }], tags: ['打印机', ''] });
    ctx.set(Date.UTC(2026, 11, 2));
    (ctx as { actor: string }).actor = '李强';
    await repo.save('t1', id, { kind: 'faq', title: '打印机卡纸', body: 'v2', links: [{ type: 'model', key: 'M404dn' }], tags: ['打印机'] });
    await repo.save('t1', id, { kind: 'faq', title: '打印机卡纸', body: 'v2', links: [{ type: 'model', key: 'M404dn' }], tags: ['打印机', '硒鼓'] });
    let versions = await repo.versions(id);
    expect(versions.map((v) => [v.by, v.body])).toEqual([['李强', 'v2'], ['tester', 'v1']]);
    const a = (await repo.get(id))!;
    expect(a).toMatchObject({ links: [{ type: 'model', key: 'M404dn' }], tags: ['打印机', '硒鼓'], updatedBy: '李强' });
    await repo.restore(id, versions[1]!.id);
    expect((await repo.get(id))!.body).toBe('v1');
    versions = await repo.versions(id);
    expect(versions.length).toBe(3);
    const ops = (await db.outbox.where('table').equals('articleVersions').toArray()).map((e) => e.op);
    expect(ops).toEqual(['insert', 'insert', 'insert']);
  });

  it('creates a new article under an id chosen in advance (images attached while writing), once', async () => {
    const { db, ctx } = testDb();
    const repo = new ArticleRepository(db, ctx);
    const id = await repo.save('t1', null, { kind: 'faq', title: '面板图', body: '![x](attachment:a1)', links: [], tags: [] }, 'fixed-id');
    expect(id).toBe('fixed-id');
    await expect(repo.save('t1', null, { kind: 'faq', title: 'again', body: '', links: [], tags: [] }, 'fixed-id')).rejects.toMatchObject({ code: 'notFound' });
    expect((await repo.get('fixed-id'))!.title).toBe('面板图');
  });

  it('refuses an article without a title and hides a deleted one', async () => {
    const { db, ctx } = testDb();
    const repo = new ArticleRepository(db, ctx);
    await expect(repo.save('t1', null, { kind: 'faq', title: '  ', body: '', links: [], tags: [] })).rejects.toMatchObject({ code: 'title' });
    const id = await repo.save('t1', null, { kind: 'procedure', title: '重装系统', body: '', links: [], tags: [] });
    await repo.remove(id);
    expect(await repo.list('t1')).toEqual([]);
  });
});
