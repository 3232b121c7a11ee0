// The administrator's API (users, grants, companies, tablets and codes, sessions) and
// asset-number block leases, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { Grant, LeaseReply, SessionInfo, TabletInfo } from '../../src/lib/sync/accounts.ts';
import { formatAssetNumber } from '../../src/lib/domain/assetNumber.ts';
import { accountsFixture, client, PASSWORD } from './accounts-fixture.ts';
import { backends, mut } from './helpers.ts';

describe.each(backends)('accounts: administration on $name', (b) => {
  const f = accountsFixture(b);
  const asAdmin = async () => {
    const c = client(f);
    const { accessToken } = await c.session('admin', 'tabA');
    return (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: object) => c.call(method, url, accessToken, body);
  };

  it.skipIf(b.skip)('creates companies, sites and users; a login exists once', async () => {
    const api = await asAdmin();
    const t = (await api('POST', '/api/admin/tenants', { name: '仁济医院' })).json();
    const site = (await api('POST', `/api/admin/tenants/${t.id}/sites`, { name: '东院' })).json();
    expect(site).toMatchObject({ tenantId: t.id, name: '东院' });
    expect((await api('POST', '/api/admin/tenants/nope/sites', { name: 'x' })).statusCode).toBe(404);
    expect((await api('GET', '/api/admin/tenants')).json()).toContainEqual({ id: t.id, name: '仁济医院', sites: [{ id: site.id, name: '东院' }] });
    const created = await api('POST', '/api/admin/users', { login: 'Wang.Fang', name: '王芳', role: 'technician', password: 'long enough pw' });
    expect(created.json()).toMatchObject({ login: 'wang.fang', name: '王芳', role: 'technician' });
    const dup = await api('POST', '/api/admin/users', { login: 'wang.fang', name: 'x', role: 'viewer', password: 'long enough pw' });
    expect([dup.statusCode, dup.json().error]).toEqual([409, 'login-taken']);
    expect((await api('POST', '/api/admin/users', { login: 'x2', name: 'x', role: 'boss', password: 'long enough pw' })).statusCode).toBe(400);
    expect((await api('POST', '/api/admin/users', { login: 'x3', name: 'x', role: 'viewer', password: 'short' })).json().error).toBe('invalid');
    expect((await client(f).login('wang.fang', 'tabW', 'long enough pw')).statusCode).toBe(200);
    const users = (await api('GET', '/api/admin/users')).json();
    expect(users.map((u: { login: string }) => u.login)).toEqual(['admin', 'tech', 'viewer', 'wang.fang', 'ward']);
    expect(JSON.stringify(users)).not.toMatch(/password|scrypt/);
  });

  it.skipIf(b.skip)('edits users and their grants; keeps one enabled administrator; resets passwords', async () => {
    const api = await asAdmin();
    const patched = await api('PATCH', `/api/admin/users/${f.ids.viewer}`, { name: '李伟', role: 'technician' });
    expect(patched.json()).toMatchObject({ id: f.ids.viewer, name: '李伟', role: 'technician' });
    const grants = await api('PUT', `/api/admin/users/${f.ids.viewer}/grants`, { grants: [{ tenantId: f.globex.id, siteIds: '*' }, { tenantId: f.acme.id, siteIds: [f.acme.hq] }] });
    expect(grants.json<Grant[]>()).toEqual([{ tenantId: f.acme.id, tenantName: 'ACME', siteIds: [f.acme.hq] }, { tenantId: f.globex.id, tenantName: 'Globex', siteIds: '*' }]);
    expect((await api('PUT', `/api/admin/users/${f.ids.viewer}/grants`, { grants: [{ tenantId: f.acme.id, siteIds: ['not-a-site'] }] })).statusCode).toBe(400);
    expect((await api('PUT', '/api/admin/users/nobody/grants', { grants: [] })).statusCode).toBe(404);
    expect((await client(f).session('viewer')).grants).toHaveLength(2); // the failed PUT changed nothing
    const last = await api('PATCH', `/api/admin/users/${f.ids.admin}`, { role: 'viewer' });
    expect([last.statusCode, last.json().error]).toEqual([400, 'invalid']);
    expect((await api('PATCH', `/api/admin/users/${f.ids.admin}`, { disabled: true })).statusCode).toBe(400);
    expect((await api('PATCH', '/api/admin/users/nobody', { name: 'x' })).statusCode).toBe(404);
    const tech = await client(f).session('tech');
    expect((await api('POST', `/api/admin/users/${f.ids.tech}/password`, { password: 'brand new password' })).statusCode).toBe(204);
    expect((await client(f).call('GET', '/api/auth/me', tech.accessToken)).statusCode).toBe(401);
    expect((await client(f).login('tech', 'tab-tech', PASSWORD)).statusCode).toBe(401);
    expect((await client(f).login('tech', 'tab-tech', 'brand new password')).statusCode).toBe(200);
  });

  it.skipIf(b.skip)('lists and revokes tablets and sessions; tablet codes are unique', async () => {
    const api = await asAdmin();
    const tech = await client(f).session('tech', 'tabT');
    await client(f).session('viewer', 'tabV');
    const tablets = (await api('GET', '/api/admin/tablets')).json<TabletInfo[]>();
    expect(tablets.map((t) => [t.clientId, t.userLogin])).toEqual([['tabA', 'admin'], ['tabT', 'tech'], ['tabV', 'viewer']]);
    expect((await api('PUT', '/api/admin/tablets/tabT/code', { code: 42 })).json()).toMatchObject({ clientId: 'tabT', code: 42 });
    const clash = await api('PUT', '/api/admin/tablets/tabV/code', { code: 42 });
    expect([clash.statusCode, clash.json().error]).toEqual([409, 'code-taken']);
    expect((await api('PUT', '/api/admin/tablets/tabV/code', { code: 9000 })).statusCode).toBe(400);
    expect((await api('PUT', '/api/admin/tablets/nope/code', { code: 7 })).statusCode).toBe(404);
    expect((await api('PUT', '/api/admin/tablets/tabT/code', { code: 42 })).statusCode).toBe(200); // its own code again
    expect((await client(f).call('GET', '/api/auth/me', tech.accessToken)).json().tablet.code).toBe(42);

    const sessions = (await api('GET', '/api/admin/sessions')).json<SessionInfo[]>();
    expect(sessions.map((s) => s.userLogin).sort()).toEqual(['admin', 'tech', 'viewer']);
    const v = sessions.find((s) => s.userLogin === 'viewer')!;
    expect((await api('POST', `/api/admin/sessions/${v.id}/revoke`)).statusCode).toBe(204);
    expect((await api('POST', `/api/admin/sessions/${v.id}/revoke`)).statusCode).toBe(404);
    expect((await api('POST', '/api/admin/tablets/tabT/revoke')).statusCode).toBe(204);
    expect((await client(f).call('GET', '/api/auth/me', tech.accessToken)).statusCode).toBe(401);
    expect((await api('GET', '/api/admin/tablets')).json<TabletInfo[]>().find((t) => t.clientId === 'tabT')!.revokedAt).toBe(f.now);
  });

  it.skipIf(b.skip)('leases blocks that never overlap, start above numbers already in use, and stay per company', async () => {
    const c = client(f);
    const tech = await c.session('tech', 'tabT');
    const lease = async (prefix: string, size: number, tenant = f.acme.id) =>
      (await c.call('POST', '/api/sync/blocks', tech.accessToken, { prefix, size }, tenant)).json<LeaseReply>();
    // Numbers minted before leasing existed: HD-000120 on a device, HD-000007 on a label.
    await c.push(tech.accessToken, f.acme.id, [
      mut({ clientId: 'tabT', recordId: 'd1', fields: { assetNumber: formatAssetNumber('HD', 120) } }),
      mut({ clientId: 'tabT', table: 'labels', recordId: 'l1', fields: { assetNumber: formatAssetNumber('HD', 7) } }),
      mut({ clientId: 'tabT', recordId: 'd2', fields: { assetNumber: formatAssetNumber('HDX', 500) } })
    ]);
    const a = await lease('HD', 100);
    expect([a.start, a.end]).toEqual([121, 221]);
    expect([(await lease('HD', 5)).start, (await lease('HDX', 5)).start, (await lease('ZZ', 5)).start]).toEqual([221, 501, 0]);
    expect((await c.call('POST', '/api/sync/blocks', tech.accessToken, { prefix: 'hd-1', size: 5 }, f.acme.id)).statusCode).toBe(400);
    expect((await c.call('POST', '/api/sync/blocks', tech.accessToken, { prefix: 'HD', size: 0 }, f.acme.id)).statusCode).toBe(400);
  });

  it.skipIf(b.skip)('never leases overlapping blocks to concurrent requests, on PostgreSQL from two server processes', async () => {
    // Two SQLite connections in one thread would block each other (busy_timeout sleeps the thread); one process suffices there.
    const second = b.name === 'postgres' ? f.o.reopen() : f.store;
    const req = (i: number) => ({ tenantId: f.acme.id, prefix: 'HD', size: 10 + i, clientId: `tab${i}`, accountId: null });
    const leases = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? second : f.store).leaseBlock(req(i), f.now)));
    const sorted = [...leases].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    expect(sorted[0]!.start).toBe(0);
    expect(sorted.reduce((n, l) => n + (l.end - l.start), 0)).toBe(Array.from({ length: 16 }, (_, i) => 10 + i).reduce((x, y) => x + y));
    const stored = await f.o.raw('SELECT start_no, end_no FROM number_blocks ORDER BY start_no');
    expect(stored).toHaveLength(16);
  });
});
