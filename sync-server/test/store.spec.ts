import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, type Store } from '../src/store/index.ts';
import { backends, hlc, mut, NOW, seedTenant, T0, type Opened } from './helpers.ts';

describe.each(backends)('store on $name', (b) => {
  let o: Opened;
  let store: Store;
  let acme: Awaited<ReturnType<typeof seedTenant>>;
  beforeEach(async () => {
    if (b.skip) return;
    o = await b.open();
    store = o.store;
    await store.migrate();
    acme = await seedTenant(store);
  });
  afterEach(async () => {
    if (!b.skip) await o.cleanup();
  });
  const apply = (...ms: Parameters<Store['applyMutations']>[1]) => store.applyMutations(acme.scope, ms, { now: NOW });
  const record = async (id: string) => (await store.pull(acme.scope, 0, 1000)).rows.find((r) => r.id === id);

  describe.skipIf(b.skip)('tokens', () => {
    it('verifies a token to its scope and keeps only its SHA-256', async () => {
      const user = await store.createUser({ tenantId: acme.tenant.id, name: 'Li Wei' });
      const { id, token } = await store.createToken({ tenantId: acme.tenant.id, userId: user.id, siteIds: [acme.site.id], clientId: 'tabA' });
      expect(await store.verifyToken(token)).toEqual({
        tokenId: id, tenantId: acme.tenant.id, userId: user.id, siteIds: [acme.site.id], clientId: 'tabA', role: 'technician'
      });
      const rows = await o.raw('SELECT * FROM api_tokens');
      expect(JSON.stringify(rows)).not.toContain(token.slice(3));
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses unknown, malformed, expired and revoked tokens', async () => {
      const { id, token } = await store.createToken({ tenantId: acme.tenant.id, siteIds: '*', expiresAt: NOW });
      expect(await store.verifyToken(token, NOW - 1)).not.toBeNull();
      expect(await store.verifyToken(token, NOW)).toBeNull();
      expect(await store.verifyToken(`${token.slice(0, -1)}x`, 0)).toBeNull();
      expect(await store.verifyToken('', 0)).toBeNull();
      await store.revokeToken(id);
      expect(await store.verifyToken(token, 0)).toBeNull();
    });
  });

  describe.skipIf(b.skip)('applyMutations', () => {
    it('applies a batch once: the same batch again is all duplicate', async () => {
      const batch = [
        mut({ recordId: 'd1', fields: { name: 'PC-01', siteId: acme.site.id } }),
        mut({ recordId: 'c1', table: 'checks', op: 'insert', fields: { result: 'ok' } })
      ];
      const first = await apply(...batch);
      expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
      const again = await apply(...batch);
      expect(again).toEqual(batch.map((m) => ({ mutationId: m.mutationId, status: 'duplicate' })));
      const page = await store.pull(acme.scope, 0, 100);
      expect(page.rows.map((r) => [r.id, r.serverSeq])).toEqual([['d1', 1], ['c1', 2]]);
      expect(await o.raw('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM applied_mutations')).toEqual([{ n: 2 }]);
    });

    it('keeps edits of two tablets to different fields of one record', async () => {
      await apply(mut({ recordId: 'd1', fields: { name: 'PC-01', room: '101' }, hlc: hlc(T0, 0, 'tabA') }));
      await apply(
        mut({ recordId: 'd1', clientId: 'tabA', fields: { name: 'PC-01a' }, hlc: { name: hlc(T0 + 10, 0, 'tabA') } }),
        mut({ recordId: 'd1', clientId: 'tabB', fields: { room: '102' }, hlc: { room: hlc(T0 + 5, 0, 'tabB') } })
      );
      expect((await record('d1'))!.data).toEqual({ name: 'PC-01a', room: '102' });
      expect(await store.conflicts(acme.scope, 'devices', 'd1')).toEqual([]);
    });

    it.each([['higher first'], ['higher last']])('settles one field by the higher HLC (%s), loser in conflicts', async (order) => {
      const h0 = hlc(T0, 0, 'tabC');
      await apply(mut({ recordId: 'd1', clientId: 'tabC', fields: { name: 'orig' }, hlc: h0 }));
      // Both tablets edited offline from the same synced value (their `base`).
      const a = mut({ recordId: 'd1', clientId: 'tabA', fields: { name: 'from A' }, hlc: hlc(T0 + 100, 0, 'tabA'), base: { name: h0 } });
      const bb = mut({ recordId: 'd1', clientId: 'tabB', fields: { name: 'from B' }, hlc: hlc(T0 + 200, 0, 'tabB'), base: { name: h0 } });
      for (const m of order === 'higher first' ? [bb, a] : [a, bb]) await apply(m);
      const r = (await record('d1'))!;
      expect(r.data.name).toBe('from B');
      expect(r.clocks.name).toBe(hlc(T0 + 200, 0, 'tabB'));
      const lost = await store.conflicts(acme.scope, 'devices', 'd1');
      expect(lost.map((c) => [c.field, c.value, c.hlc, c.winnerHlc])).toEqual([['name', 'from A', hlc(T0 + 100, 0, 'tabA'), hlc(T0 + 200, 0, 'tabB')]]);
    });

    it('treats an overwrite of a value the writer had seen as sequential, not a conflict', async () => {
      const h1 = hlc(T0, 0, 'tabA');
      await apply(mut({ recordId: 'd1', fields: { name: 'orig', room: '1' }, hlc: h1 }));
      await apply(mut({ recordId: 'd1', clientId: 'tabB', fields: { name: 'new' }, hlc: hlc(T0 + 1, 0, 'tabB'), base: { name: h1 } }));
      await apply(mut({ recordId: 'd1', clientId: 'tabB', fields: { room: '2' }, hlc: hlc(T0 + 2, 0, 'tabB') })); // no base
      expect(await store.conflicts(acme.scope, 'devices', 'd1')).toEqual([]);
    });

    it.each([['delete then edit'], ['edit then delete']])('lets the tombstone win: %s', async (order) => {
      await apply(mut({ recordId: 'd1', fields: { name: 'orig' }, hlc: hlc(T0, 0, 'tabA') }));
      const del = mut({ recordId: 'd1', clientId: 'tabA', op: 'delete', hlc: hlc(T0 + 100, 0, 'tabA') });
      const edit = mut({ recordId: 'd1', clientId: 'tabB', fields: { name: 'edited' }, hlc: hlc(T0 + 200, 0, 'tabB') });
      const results = [];
      for (const m of order === 'delete then edit' ? [del, edit] : [edit, del]) results.push(...(await apply(m)));
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const r = (await record('d1'))!;
      expect(r.deletedHlc).toBe(hlc(T0 + 100, 0, 'tabA'));
      if (order === 'delete then edit') {
        const lost = await store.conflicts(acme.scope, 'devices', 'd1');
        expect(lost).toMatchObject([{ field: 'name', value: 'edited', reason: 'tombstone', side: 'incoming' }]);
      }
      // Restore is explicit and needs a clock newer than the tombstone.
      await apply(mut({ recordId: 'd1', op: 'restore', hlc: hlc(T0 + 50, 0, 'tabA') }));
      expect((await record('d1'))!.deletedHlc).not.toBeNull();
      await apply(mut({ recordId: 'd1', op: 'restore', fields: { room: '7' }, hlc: hlc(T0 + 300, 0, 'tabA') }));
      const back = (await record('d1'))!;
      expect(back.deletedHlc).toBeNull();
      expect(back.data).toEqual({ name: 'edited', room: '7' });
    });

    it('keeps a tombstone for a delete of an unknown record, so a late edit loses', async () => {
      await apply(mut({ recordId: 'd9', op: 'delete', hlc: hlc(T0 + 100, 0, 'tabA') }));
      await apply(mut({ recordId: 'd9', clientId: 'tabB', fields: { name: 'x' }, hlc: hlc(T0, 0, 'tabB') }));
      expect((await record('d9'))!.deletedHlc).toBe(hlc(T0 + 100, 0, 'tabA'));
    });

    it('answers a second insert of an id with the same content duplicate (other content: clamp-clash.spec.ts)', async () => {
      const first = mut({ recordId: 'r1', table: 'checks', op: 'insert', fields: { value: 1 } });
      const second = mut({ recordId: 'r1', table: 'checks', op: 'insert', fields: { value: 1 } });
      expect((await apply(first, second)).map((r) => r.status)).toEqual(['applied', 'duplicate']);
      expect((await record('r1'))!.data).toEqual({ value: 1 });
      const bad = await apply(
        mut({ recordId: 'r1', table: 'checks', op: 'upsert', fields: { value: 3 } }),
        mut({ recordId: 'd1', op: 'insert', fields: { name: 'x' } }),
        mut({ recordId: 'd2', fields: { name: 'ok' } })
      );
      expect(bad.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['insert-only', 'op-not-allowed', 'applied']);
    });

    it('clamps clocks more than a minute in the future', async () => {
      const [res] = await apply(mut({ recordId: 'd1', fields: { name: 'x' }, hlc: hlc(NOW + 3_600_000, 0, 'tabA') }));
      expect(res).toMatchObject({ status: 'applied', clamped: true });
      expect((await record('d1'))!.clocks.name).toBe(hlc(NOW + 60_000, 0, 'tabA'));
    });

    it('bumps server_seq once per changed record and never for a no-op', async () => {
      const m = mut({ recordId: 'd1', fields: { name: 'x' }, hlc: hlc(T0, 0, 'tabA') });
      await apply(m);
      const replay = await apply({ ...m, mutationId: randomUUID() }); // same clock, new id
      expect(replay[0]).toMatchObject({ status: 'applied', serverSeq: null });
      await apply(mut({ recordId: 'd1', fields: { name: 'y' }, hlc: hlc(T0 + 1, 0, 'tabA') }));
      expect((await record('d1'))!.serverSeq).toBe(2);
    });
  });

  describe.skipIf(b.skip)('scope', () => {
    it('never pulls another tenant’s rows; its ids are ours to use too (rule 10)', async () => {
      const other = await seedTenant(store, 'Globex');
      await store.applyMutations(other.scope, [mut({ recordId: 'g1', fields: { name: 'theirs' } })], { now: NOW });
      await apply(mut({ recordId: 'a1', fields: { name: 'ours' } }));
      expect((await store.pull(acme.scope, 0, 100)).rows.map((r) => r.id)).toEqual(['a1']);
      expect((await store.pull(other.scope, 0, 100)).rows.map((r) => r.id)).toEqual(['g1']);

      const same = [mut({ recordId: 'a2', fields: { name: 'fine' } }), mut({ recordId: 'g1', fields: { name: 'mine' }, hlc: hlc(T0 + 1, 0, 'tabA') })];
      expect((await apply(...same)).map((r) => r.status)).toEqual(['applied', 'applied']);
      expect((await store.pull(acme.scope, 0, 100)).rows.map((r) => [r.id, r.data.name])).toEqual([['a1', 'ours'], ['a2', 'fine'], ['g1', 'mine']]);
      expect((await store.pull(other.scope, 0, 100)).rows.map((r) => [r.id, r.data.name, r.serverSeq])).toEqual([['g1', 'theirs', 1]]);
    });

    it('limits a site-scoped token to its sites without blocking the rest of a batch', async () => {
      const other = await store.createSite({ tenantId: acme.tenant.id, name: 'Branch' });
      await apply(
        mut({ recordId: 'd1', fields: { siteId: acme.site.id } }),
        mut({ recordId: 'd2', fields: { siteId: other.id } }),
        mut({ recordId: 'm1', table: 'models', fields: { name: 'no site' } }),
        mut({ recordId: 'p1', table: 'profiles', fields: { name: 'team-wide' } })
      );
      const scoped = { tenantId: acme.tenant.id, siteIds: [acme.site.id] };
      // A siteless row of a per-site table is outside every site; team tables are seen by all.
      expect((await store.pull(scoped, 0, 100)).rows.map((r) => r.id)).toEqual(['d1', 'p1']);
      const res = await store.applyMutations(scoped, [
        mut({ recordId: 'd2', fields: { name: 'x' }, hlc: hlc(T0 + 1, 0, 'tabA') }),
        mut({ recordId: 'd1', fields: { siteId: other.id }, hlc: hlc(T0 + 1, 0, 'tabA') }),
        mut({ recordId: 'd3', fields: { siteId: acme.site.id, tenantId: 'someone-else' } }),
        mut({ recordId: 'd1', fields: { name: 'ok' }, hlc: hlc(T0 + 2, 0, 'tabA') })
      ]);
      expect(res.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['forbidden-site', 'forbidden-site', 'tenant-mismatch', 'applied']);
    });

    it('lets a token write its own tenant record only', async () => {
      const res = await store.applyMutations(acme.scope, [
        mut({ table: 'tenants', recordId: acme.tenant.id, fields: { name: 'ACME Ltd' } }),
        mut({ table: 'tenants', recordId: 'a-tenant-of-someone-else', fields: { name: 'squatted' } })
      ]);
      expect(res.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['applied', 'tenant-mismatch']);
      expect((await store.pull(acme.scope, 0, 100)).rows.filter((r) => r.table === 'tenants').map((r) => r.id)).toEqual([acme.tenant.id]);
    });

    it('refuses mutations from a client the token is not bound to', async () => {
      const scoped = { ...acme.scope, clientId: 'tabA' };
      await expect(store.applyMutations(scoped, [mut({ recordId: 'd1', clientId: 'tabB' })])).rejects.toThrow(ForbiddenError);
      expect((await store.applyMutations(scoped, [mut({ recordId: 'd1', clientId: 'tabA' })]))[0]!.status).toBe('applied');
    });
  });

  describe.skipIf(b.skip)('pull', () => {
    it('pages by server_seq without missing or doubling rows', async () => {
      for (let i = 0; i < 7; i++) await apply(mut({ recordId: `d${i}`, fields: { n: i } }));
      await apply(mut({ recordId: 'd0', fields: { n: 100 }, hlc: hlc(T0 + 1, 0, 'tabA') })); // moves d0 to the end
      const seen: string[] = [];
      let cursor = 0;
      for (;;) {
        const page = await store.pull(acme.scope, cursor, 3);
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(seen).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd0']);
      expect(cursor).toBe(8);
      expect(await store.pull(acme.scope, cursor, 3)).toEqual({ rows: [], cursor: 8, hasMore: false, skipped: [] });
    });
  });
});
