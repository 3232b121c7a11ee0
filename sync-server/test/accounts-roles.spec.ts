// Roles and grants on every route, for account tokens (X-AssetWalk-Tenant) and legacy tokens,
// and who made each change. SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { ACCESS_TTL_MS } from '../../src/lib/sync/accounts.ts';
import { accountsFixture, client } from './accounts-fixture.ts';
import { backends, mut } from './helpers.ts';

describe.each(backends)('accounts: roles and grants on $name', (b) => {
  const f = accountsFixture(b);
  const device = (clientId: string, recordId: string, siteId?: string) =>
    mut({ clientId, recordId, fields: { name: recordId, ...(siteId ? { siteId } : {}) } });

  it.skipIf(b.skip)('a technician pushes and pulls its granted company; a viewer pulls but may not push', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    const viewer = await c.session('viewer', 'tabV');
    const pushed = await c.push(tech.accessToken, f.acme.id, [device('tabT', 'd1', f.acme.hq)]);
    expect(pushed.statusCode).toBe(200);
    expect(pushed.json().results[0].status).toBe('applied');
    const denied = await c.push(viewer.accessToken, f.acme.id, [device('tabV', 'd2')]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toBe('forbidden');
    const page = await c.pull(viewer.accessToken, f.acme.id);
    expect(page.statusCode).toBe(200);
    expect(page.json().rows.map((r: { id: string }) => r.id)).toEqual(['d1']);
  });

  it.skipIf(b.skip)('every change records the account that made it', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    const m = device('tabT', 'd1');
    await c.push(tech.accessToken, f.acme.id, [m]);
    expect(await f.o.raw('SELECT updated_by FROM records WHERE id = ?', ['d1'])).toEqual([{ updated_by: f.ids.tech }]);
    expect(await f.o.raw('SELECT user_id FROM applied_mutations WHERE mutation_id = ?', [m.mutationId])).toEqual([{ user_id: f.ids.tech }]);
  });

  it.skipIf(b.skip)('401 without or with an expired token, 403 for a company not granted or no tenant header', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    expect((await c.push(null, f.acme.id, [device('tabT', 'd1')])).statusCode).toBe(401);
    expect((await c.pull(null, f.acme.id)).statusCode).toBe(401);
    expect((await c.push(tech.accessToken, f.globex.id, [device('tabT', 'd1')])).statusCode).toBe(403);
    expect((await c.pull(tech.accessToken, f.globex.id)).statusCode).toBe(403);
    expect((await c.pull(tech.accessToken, 'no-such-company')).statusCode).toBe(403);
    expect((await c.pull(tech.accessToken, null)).statusCode).toBe(403);
    f.now += ACCESS_TTL_MS;
    const expired = await c.push(tech.accessToken, f.acme.id, [device('tabT', 'd1')]);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error).toBe('unauthorized');
    expect((await f.o.raw('SELECT id FROM records')).length).toBe(0);
  });

  it.skipIf(b.skip)('a site grant limits writes and reads to its sites', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    const ward = await c.session('ward', 'tabW');
    await c.push(tech.accessToken, f.acme.id, [device('tabT', 'hq-pc', f.acme.hq), device('tabT', 'ward-pc', f.acme.ward)]);
    const res = await c.push(ward.accessToken, f.acme.id, [device('tabW', 'w2', f.acme.ward), device('tabW', 'h2', f.acme.hq)]);
    expect(res.json().results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual(['applied', 'forbidden-site']);
    const ids = (await c.pull(ward.accessToken, f.acme.id)).json().rows.map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(['w2', 'ward-pc']);
  });

  it.skipIf(b.skip)('mutations must come from the session’s own tablet', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    expect((await c.push(tech.accessToken, f.acme.id, [device('tabOther', 'd1')])).statusCode).toBe(403);
  });

  it.skipIf(b.skip)('an administrator holds every company implicitly; legacy tokens work without the header', async () => {
    const c = client(f);
    const admin = await c.session('admin', 'tabA');
    expect(admin.grants.map((g) => g.tenantName)).toEqual(['ACME', 'Globex']);
    expect((await c.push(admin.accessToken, f.globex.id, [device('tabA', 'g1')])).json().results[0].status).toBe('applied');
    const { token } = await f.store.createToken({ tenantId: f.acme.id, siteIds: '*' });
    expect((await c.push(token, null, [device('integration', 'i1')])).json().results[0].status).toBe('applied');
    expect((await c.pull(token, null)).json().rows.map((r: { id: string }) => r.id)).toEqual(['i1']);
  });

  it.skipIf(b.skip)('admin routes: 401 without a token, 403 for technicians, viewers and legacy tokens', async () => {
    const c = client(f);
    const tech = await c.session('tech');
    const viewer = await c.session('viewer');
    const admin = await c.session('admin');
    const { token } = await f.store.createToken({ tenantId: f.acme.id, siteIds: '*' });
    const routes: [string, string, object?][] = [
      ['GET', '/api/admin/tenants'], ['POST', '/api/admin/tenants', { name: 'X' }], ['POST', `/api/admin/tenants/${f.acme.id}/sites`, { name: 'X' }],
      ['GET', '/api/admin/users'], ['POST', '/api/admin/users', { login: 'x1', name: 'X', role: 'viewer', password: 'long enough pw' }],
      ['PATCH', `/api/admin/users/${f.ids.tech}`, { role: 'admin' }], ['POST', `/api/admin/users/${f.ids.tech}/password`, { password: 'long enough pw' }],
      ['PUT', `/api/admin/users/${f.ids.tech}/grants`, { grants: [] }], ['GET', '/api/admin/tablets'],
      ['POST', '/api/admin/tablets/tab-tech/revoke'], ['PUT', '/api/admin/tablets/tab-tech/code', { code: 1 }],
      ['GET', '/api/admin/sessions'], ['POST', `/api/admin/sessions/${tech.sessionId}/revoke`]
    ];
    for (const [method, url, body] of routes) {
      expect((await c.call(method as 'GET', url, null, body)).statusCode, `${method} ${url}`).toBe(401);
      for (const t of [tech.accessToken, viewer.accessToken, token]) {
        const res = await c.call(method as 'GET', url, t, body);
        expect([res.statusCode, res.json().error], `${method} ${url}`).toEqual([403, 'forbidden']);
      }
    }
    expect((await c.call('GET', '/api/admin/users', admin.accessToken)).statusCode).toBe(200);
    expect((await c.call('GET', '/api/auth/me', tech.accessToken)).statusCode).toBe(200); // nothing above changed anything
  });

  it.skipIf(b.skip)('printing and leasing blocks need a technician or admin', async () => {
    const c = client(f);
    const viewer = await c.session('viewer');
    const tech = await c.session('tech');
    expect((await c.call('GET', '/api/printers', viewer.accessToken)).statusCode).toBe(403);
    expect((await c.call('GET', '/api/printers', tech.accessToken)).statusCode).toBe(200);
    expect((await c.call('GET', '/api/printers', null)).statusCode).toBe(401);
    const lease = { prefix: 'HD', size: 10 };
    expect((await c.call('POST', '/api/sync/blocks', viewer.accessToken, lease, f.acme.id)).statusCode).toBe(403);
    expect((await c.call('POST', '/api/sync/blocks', tech.accessToken, lease, f.globex.id)).statusCode).toBe(403);
    expect((await c.call('POST', '/api/sync/blocks', null, lease, f.acme.id)).statusCode).toBe(401);
    expect((await c.call('POST', '/api/sync/blocks', tech.accessToken, lease, f.acme.id)).json()).toMatchObject({ prefix: 'HD', start: 0, end: 10 });
  });

  it.skipIf(b.skip)('a client company created on a tablet registers at first sync and is granted to its creator', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    const viewer = await c.session('viewer', 'tabV');
    const body = { id: 'new-co-1', name: '新客户' };
    const created = await c.call('POST', '/api/sync/tenants', tech.accessToken, body);
    expect([created.statusCode, created.json()]).toEqual([201, { tenantId: 'new-co-1', tenantName: '新客户', siteIds: '*' }]);
    expect((await c.call('POST', '/api/sync/tenants', tech.accessToken, body)).statusCode).toBe(200); // a retry
    expect((await c.push(tech.accessToken, 'new-co-1', [device('tabT', 'n1')])).json().results[0].status).toBe('applied');
    expect((await c.call('POST', '/api/sync/tenants', viewer.accessToken, { id: 'v-co', name: 'x' })).statusCode).toBe(403);
    const ward = await c.session('ward', 'tabW');
    expect((await c.call('POST', '/api/sync/tenants', ward.accessToken, { id: f.acme.id, name: 'mine now?' })).statusCode).toBe(200); // holds ACME (a site)
    expect((await c.call('POST', '/api/sync/tenants', ward.accessToken, { id: f.globex.id, name: 'mine now?' })).statusCode).toBe(403);
    expect(await f.store.tenantName(f.globex.id)).toBe('Globex');
  });

  it.skipIf(b.skip)('a disabled account loses its sessions and cannot log in', async () => {
    const c = client(f);
    const tech = await c.session('tech');
    const admin = await c.session('admin');
    expect((await c.call('PATCH', `/api/admin/users/${f.ids.tech}`, admin.accessToken, { disabled: true })).statusCode).toBe(200);
    expect((await c.pull(tech.accessToken, f.acme.id)).statusCode).toBe(401);
    expect((await c.refresh(tech.refreshToken)).statusCode).toBe(401);
    expect((await c.login('tech')).statusCode).toBe(401);
  });
});
