// Issue 9 bugs 3 and 8 on both stores: ids are scoped by tenant (rule 10), and a site-limited
// token neither sees nor writes rows outside its sites, siteless ones included.
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, seedTenant, storeFixture, T0 } from './helpers.ts';

const outcome = (r: MutationResult) => (r.status === 'rejected' ? r.reason : r.status);

describe.each(backends)('scope on $name', (b) => {
  const f = storeFixture(b);

  describe.skipIf(b.skip)('ids per tenant', () => {
    it('lets a second tenant use an id the first one has, and neither sees the other', async () => {
      const globex = await seedTenant(f.store, 'Globex');
      const profile = (name: string, clientId: string) =>
        mut({ table: 'profiles', recordId: 'register-map-1', clientId, fields: { name }, hlc: hlc(T0, 0, clientId) });
      const ins = (clientId: string, value: number) =>
        mut({ table: 'checks', op: 'insert', recordId: 'check-1', clientId, fields: { value }, hlc: hlc(T0, 0, clientId) });
      expect((await f.store.applyMutations(f.acme.scope, [profile('ACME map', 'tabA'), ins('tabA', 1)], { now: NOW })).map(outcome)).toEqual(['applied', 'applied']);
      // Same ids, same clocks, other content: applied as the other tenant's own records.
      expect((await f.store.applyMutations(globex.scope, [profile('Globex map', 'tabA'), ins('tabA', 2)], { now: NOW })).map(outcome)).toEqual(['applied', 'applied']);
      const mine = (await f.store.pull(f.acme.scope, 0, 100)).rows;
      const theirs = (await f.store.pull(globex.scope, 0, 100)).rows;
      expect(mine.map((r) => [r.id, r.data])).toEqual([['register-map-1', { name: 'ACME map' }], ['check-1', { value: 1 }]]);
      expect(theirs.map((r) => [r.id, r.data])).toEqual([['register-map-1', { name: 'Globex map' }], ['check-1', { value: 2 }]]);
      expect(await f.store.conflicts(globex.scope, 'checks', 'check-1')).toEqual([]);
      // A later edit of one tenant's record leaves the other's alone.
      await f.store.applyMutations(globex.scope, [profile('Globex v2', 'tabB')].map((m) => ({ ...m, hlc: hlc(T0 + 1, 0, 'tabB') })), { now: NOW });
      expect((await f.store.pull(f.acme.scope, 0, 100)).rows[0]!.data).toEqual({ name: 'ACME map' });
    });

    it('lets two tenants give a site and a user the same id', async () => {
      const globex = await seedTenant(f.store, 'Globex');
      await f.store.createSite({ tenantId: f.acme.tenant.id, id: 'main', name: 'ACME main' });
      await f.store.createSite({ tenantId: globex.tenant.id, id: 'main', name: 'Globex main' });
      await f.store.createUser({ tenantId: f.acme.tenant.id, id: 'admin', name: 'A' });
      const user = await f.store.createUser({ tenantId: globex.tenant.id, id: 'admin', name: 'G' });
      const { token } = await f.store.createToken({ tenantId: globex.tenant.id, userId: user.id, siteIds: ['main'] });
      expect(await f.store.verifyToken(token, NOW)).toMatchObject({ tenantId: globex.tenant.id, userId: 'admin', siteIds: ['main'] });
    });
  });

  describe.skipIf(b.skip)('site-limited tokens', () => {
    it('see and write siteless rows only when they hang off a device of their sites; team tables are read-only', async () => {
      const branch = await f.store.createSite({ tenantId: f.acme.tenant.id, name: 'Branch' });
      const here = f.acme.site.id;
      await f.store.applyMutations(f.acme.scope, [
        mut({ recordId: 'd-here', fields: { siteId: here } }),
        mut({ recordId: 'd-there', fields: { siteId: branch.id } }),
        mut({ table: 'labels', recordId: 'l-here', fields: { deviceId: 'd-here' } }),
        mut({ table: 'labels', recordId: 'l-there', fields: { deviceId: 'd-there' } }),
        mut({ table: 'labels', recordId: 'l-loose', fields: { deviceId: null } }),
        mut({ table: 'labelEvents', op: 'insert', recordId: 'e-there', fields: { labelId: 'l-there', deviceId: 'd-there' } }),
        mut({ table: 'profiles', recordId: 'p1', fields: { name: 'team map' } })
      ], { now: NOW });
      const scoped = { tenantId: f.acme.tenant.id, siteIds: [here] };
      expect((await f.store.pull(scoped, 0, 100)).rows.map((r) => r.id)).toEqual(['d-here', 'l-here', 'p1']);

      const later = (p: Parameters<typeof mut>[0]) => mut({ ...p, hlc: hlc(T0 + 1, 0, 'tabA') });
      const res = await f.store.applyMutations(scoped, [
        later({ table: 'labels', recordId: 'l-there', fields: { text: 'x' } }),
        later({ table: 'labels', recordId: 'l-loose', fields: { text: 'x' } }),
        later({ table: 'labels', recordId: 'l-new-loose', fields: { text: 'x' } }),
        later({ table: 'labelEvents', op: 'insert', recordId: 'e-new', fields: { labelId: 'l-there', deviceId: 'd-there' } }),
        later({ table: 'profiles', recordId: 'p1', fields: { name: 'mine now' } }),
        later({ table: 'teamSettings', recordId: 's1', fields: { x: 1 } }),
        later({ recordId: 'd-here', fields: { siteId: null } }),
        later({ recordId: 'd-here', fields: { siteId: branch.id } }),
        later({ table: 'labels', recordId: 'l-here', fields: { text: 'ok' } }),
        later({ table: 'labels', recordId: 'l-new', fields: { deviceId: 'd-here', text: 'ok' } })
      ], { now: NOW });
      expect(res.map(outcome)).toEqual([
        'forbidden-site', 'forbidden-site', 'forbidden-site', 'forbidden-site', 'forbidden-site', 'forbidden-site',
        'forbidden-site', 'forbidden-site', 'applied', 'applied'
      ]);
      const all = (await f.store.pull(f.acme.scope, 0, 100)).rows;
      expect(all.find((r) => r.id === 'd-here')!.data.siteId).toBe(here);
      expect(all.find((r) => r.id === 'p1')!.data.name).toBe('team map');
      expect(all.map((r) => r.id)).not.toContain('l-new-loose');
    });
  });
});
