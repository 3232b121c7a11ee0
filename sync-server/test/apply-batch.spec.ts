// apply.ts reads a batch's mutation ids and records up front and writes at the end (one round
// trip per batch, not per mutation); later mutations of a batch must still see earlier ones.
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, storeFixture, T0 } from './helpers.ts';

const outcome = (r: MutationResult) => (r.status === 'rejected' ? r.reason : r.status);

describe.each(backends)('one batch on $name', (b) => {
  const f = storeFixture(b);

  it.skipIf(b.skip)('sees its own earlier writes: a record changed twice, a child of a new parent, a repeated id', async () => {
    const site = f.acme.site.id;
    const create = mut({ recordId: 'd1', fields: { siteId: site, name: 'PC-1' }, hlc: hlc(T0, 0, 'tabA') });
    const batch = [
      create,
      mut({ table: 'labels', recordId: 'l1', fields: { deviceId: 'd1', text: 'L' }, hlc: hlc(T0, 1, 'tabA') }),
      mut({ recordId: 'd1', fields: { name: 'PC-1 (renamed)' }, hlc: hlc(T0, 2, 'tabA') }),
      create // sent twice in one batch: the second is a duplicate
    ];
    const res = await f.store.applyMutations(f.acme.scope, batch, { now: NOW });
    expect(res.map(outcome)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    const seqs = res.map((r) => (r.status === 'applied' ? r.serverSeq : null));
    expect(seqs).toEqual([1, 2, 3, null]);

    const rows = (await f.store.pull(f.acme.scope, 0, 100)).rows;
    expect(rows.map((r) => [r.id, r.serverSeq])).toEqual([['l1', 2], ['d1', 3]]);
    expect(rows.find((r) => r.id === 'd1')!.data).toEqual({ siteId: site, name: 'PC-1 (renamed)' });
    // The label took its site from the device written earlier in the same batch.
    const siteToken = { tenantId: f.acme.tenant.id, siteIds: [site] };
    expect((await f.store.pull(siteToken, 0, 100)).rows.map((r) => r.id)).toEqual(['l1', 'd1']);
    // Sent again as a whole: every mutation is a duplicate and nothing changes.
    expect((await f.store.applyMutations(f.acme.scope, batch, { now: NOW })).map(outcome)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect((await f.store.pull(f.acme.scope, 0, 100)).rows.map((r) => r.serverSeq)).toEqual([2, 3]);
  });
});
