// GET /api/sync/conflicts' store side on both stores: the tenant's conflicts in (created_at, id)
// order, resumable page by page, and scoped like pull (a site token sees its sites' only).
import { describe, expect, it } from 'vitest';
import { backends, hlc, mut, NOW, storeFixture, T0 } from './helpers.ts';

describe.each(backends)('conflict feed on $name', (b) => {
  const f = storeFixture(b);

  it.skipIf(b.skip)('serves each conflict once across pages, and only those of records the token may read', async () => {
    const scope = f.acme.scope;
    const hq = f.acme.site.id;
    const branch = (await f.store.createSite({ tenantId: f.acme.tenant.id, name: 'Branch' })).id;
    // Two devices, one per site; on each, tabB's newer value wins over tabA's older one, which is a loser.
    const write = (recordId: string, siteId: string) => [
      mut({ recordId, clientId: 'tabB', fields: { siteId, name: `${recordId} (B)` }, hlc: hlc(T0 + 10, 0, 'tabB') }),
      mut({ recordId, clientId: 'tabA', fields: { siteId, name: `${recordId} (A)` }, hlc: hlc(T0, 0, 'tabA') })
    ];
    for (const m of [...write('d-hq', hq), ...write('d-branch', branch)]) await f.store.applyMutations(scope, [m], { now: NOW });

    const all = [];
    for (let since = 0, after = ''; ;) {
      const p = await f.store.conflictFeed(scope, since, after, 1);
      all.push(...p.conflicts);
      if (!p.hasMore || !p.next) break;
      ({ since, after } = p.next);
    }
    expect(all.map((c) => [c.recordId, c.field, c.value]).sort()).toEqual([['d-branch', 'name', 'd-branch (A)'], ['d-hq', 'name', 'd-hq (A)']]);
    expect(new Set(all.map((c) => c.id)).size).toBe(2);
    // Resuming after the last one gives nothing new.
    const last = all.at(-1)!;
    expect((await f.store.conflictFeed(scope, last.createdAt, last.id, 10)).conflicts).toEqual([]);

    const hqOnly = { tenantId: f.acme.tenant.id, siteIds: [hq] };
    expect((await f.store.conflictFeed(hqOnly, 0, '', 10)).conflicts.map((c) => c.recordId)).toEqual(['d-hq']);
    expect((await f.store.conflictFeed({ tenantId: f.acme.tenant.id, siteIds: [] }, 0, '', 10)).conflicts).toEqual([]);
  });
});
