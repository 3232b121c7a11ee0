// Migration 004 on a database at version 3 that holds data: legacy users and tokens, records and
// applied mutations keep working, and accounts can be added beside them.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import { loadMigrations } from '../src/store/migrate.ts';
import { backends, hlc, mut, NOW, T0, type Opened } from './helpers.ts';

const OLD_ID = '00000000-0000-4000-8000-000000000001';

describe.each(backends)('migration 004 (accounts) on $name', (b) => {
  let o: Opened | undefined;
  afterEach(async () => {
    await o?.cleanup();
    o = undefined;
  });

  it.skipIf(b.skip)('keeps version-3 users, tokens and records working, and adds accounts beside them', async () => {
    o = await b.open();
    expect(await o.store.migrate({ to: 3 })).toBe(3);
    // Written by hand, as version-3 code would have.
    await o.raw('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', ['t1', 'ACME', T0]);
    await o.raw('INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, ?)', ['t1', 1]);
    await o.raw('INSERT INTO sites (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)', ['s1', 't1', 'HQ', T0]);
    await o.raw('INSERT INTO users (id, tenant_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)', ['u1', 't1', 'Li Wei', 'technician', T0]);
    const { token } = await o.store.createToken({ tenantId: 't1', userId: 'u1', siteIds: ['s1'], clientId: 'tabA' });
    await o.raw(
      'INSERT INTO records (tbl, id, tenant_id, data, clocks, server_seq, updated_at, site_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['devices', 'd1', 't1', JSON.stringify({ name: 'PC-01', siteId: 's1' }), JSON.stringify({ name: hlc(T0, 0, 'tabA'), siteId: hlc(T0, 0, 'tabA') }), 1, T0, 's1']
    );
    await o.raw(
      'INSERT INTO applied_mutations (tenant_id, mutation_id, client_id, client_seq, outcome, reason, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['t1', OLD_ID, 'tabA', 1, 'applied', null, T0]
    );

    expect(await o.store.migrate()).toBe(loadMigrations(o.store.kind).length);
    expect(await o.raw('SELECT updated_by FROM records')).toEqual([{ updated_by: null }]);
    expect(await o.store.countAccounts()).toBe(0);

    const app = await createApp({ store: o.store, clock: { now: () => NOW } });
    try {
      const headers = { authorization: `Bearer ${token}`, 'x-assetwalk-protocol': String(PROTOCOL_VERSION) };
      const old = mut({ recordId: 'd1', clientId: 'tabA', fields: { name: 'PC-01' } });
      const again = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: { mutations: [{ ...old, mutationId: OLD_ID }] } });
      expect(again.json().results[0].status).toBe('duplicate');
      const edit = mut({ recordId: 'd1', clientId: 'tabA', fields: { name: 'PC-01b' }, hlc: hlc(T0 + 5, 0, 'tabA') });
      const pushed = await app.inject({ method: 'POST', url: '/api/sync/push', headers, payload: { mutations: [edit] } });
      expect(pushed.json().results[0]).toMatchObject({ status: 'applied', serverSeq: 2 });
      expect(await o.raw('SELECT updated_by FROM records')).toEqual([{ updated_by: 'u1' }]); // the legacy token's user
      const page = await app.inject({ url: '/api/sync/pull?cursor=0&limit=10', headers });
      expect(page.json().rows).toMatchObject([{ id: 'd1', data: { name: 'PC-01b', siteId: 's1' } }]);

      await o.store.createAccount({ login: 'li', name: 'Li Wei', role: 'technician', password: 'long enough pw' }, NOW);
      await o.store.putGrant((await o.store.accountByLogin('li'))!.id, { tenantId: 't1', siteIds: ['s1'] });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'li', password: 'long enough pw', clientId: 'tabB', deviceName: 'B' } });
      expect(login.json().grants).toEqual([{ tenantId: 't1', tenantName: 'ACME', siteIds: ['s1'] }]);
      const viaAccount = await app.inject({ url: '/api/sync/pull?cursor=0&limit=10', headers: { ...headers, authorization: `Bearer ${login.json().accessToken}`, 'x-assetwalk-tenant': 't1' } });
      expect(viaAccount.json().rows.map((r: { id: string }) => r.id)).toEqual(['d1']);
    } finally {
      await app.close();
    }
  });
});
