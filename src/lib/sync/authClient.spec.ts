// The accounts API client against the real sync server (SQLite, real HTTP): every outcome is a
// value the screens can put in words, never a thrown error.
import { describe, expect, it } from 'vitest';
import { authClient, normaliseServer, validServer } from './authClient';
import { PASSWORD, useAccountsServer } from '$lib/accounts/serverkit';

const env = useAccountsServer();
const login = (user: string, password = PASSWORD, clientId = 'tablet0001') =>
  authClient({ baseUrl: env.url }).login({ login: user, password, clientId, deviceName: 'Test tablet' });

describe('authClient', () => {
  it('logs in with the right password and answers 401 "unauthorized" to a wrong one', async () => {
    const ok = await login('li');
    expect(ok.ok && ok.value.user.login).toBe('li');
    expect(ok.ok && ok.value.grants.map((g) => g.tenantId)).toEqual([env.tenantId]);
    const bad = await login('li', 'not the password');
    expect(bad).toMatchObject({ ok: false, kind: 'http', status: 401, error: 'unauthorized' });
  });

  it('says "too many attempts" with the wait once a login failed too often', async () => {
    let last = await login('li', 'wrong-1');
    for (let i = 0; i < 10 && !(last.ok === false && last.kind === 'http' && last.status === 429); i++) last = await login('li', `wrong-${i}`);
    expect(last).toMatchObject({ ok: false, kind: 'http', status: 429, error: 'rate-limited' });
    expect(!last.ok && last.kind === 'http' && last.retryAfterS).toBeGreaterThan(0);
  });

  it('refuses a tablet registered to another user with 409 "tablet-taken"', async () => {
    expect((await login('li', PASSWORD, 'shared-tab')).ok).toBe(true);
    expect(await login('admin', PASSWORD, 'shared-tab')).toMatchObject({ ok: false, status: 409, error: 'tablet-taken' });
  });

  it('reports a server that does not answer as "network", not as an HTTP error', async () => {
    const r = await authClient({ baseUrl: 'http://127.0.0.1:9' }).login({ login: 'li', password: PASSWORD, clientId: 'x1', deviceName: 'T' });
    expect(r).toMatchObject({ ok: false, kind: 'network' });
  });

  it('rotates the refresh token: the old one is dead, and presenting it ends the session', async () => {
    const api = authClient({ baseUrl: env.url });
    const first = await login('li');
    if (!first.ok) throw new Error('login failed');
    const second = await api.refresh(first.value.refreshToken);
    if (!second.ok) throw new Error('refresh failed');
    expect(second.value.refreshToken).not.toBe(first.value.refreshToken);
    expect((await api.me(second.value.accessToken)).ok).toBe(true);
    expect(await api.refresh(first.value.refreshToken)).toMatchObject({ ok: false, status: 401 });
    expect(await api.me(second.value.accessToken)).toMatchObject({ ok: false, status: 401 });
  });

  it('lists and ends my sessions; logout ends the current one', async () => {
    const api = authClient({ baseUrl: env.url });
    const a = await login('li');
    const b = await login('li');
    if (!a.ok || !b.ok) throw new Error('login failed');
    const mine = await api.sessions(a.value.accessToken);
    expect(mine.ok && mine.value.filter((s) => s.revokedAt === null).map((s) => s.current ?? false).sort()).toEqual([false, true]);
    expect((await api.revokeMySession(a.value.accessToken, b.value.sessionId)).ok).toBe(true);
    expect(await api.me(b.value.accessToken)).toMatchObject({ ok: false, status: 401 });
    expect((await api.logout(a.value.accessToken)).ok).toBe(true);
    expect(await api.me(a.value.accessToken)).toMatchObject({ ok: false, status: 401 });
  });

  it('changes the password: a wrong current one is refused, the new one logs in', async () => {
    const api = authClient({ baseUrl: env.url });
    const a = await login('li');
    if (!a.ok) throw new Error('login failed');
    expect(await api.changePassword(a.value.accessToken, 'not it at all', 'a new long password')).toMatchObject({ ok: false, status: 403 });
    expect((await api.changePassword(a.value.accessToken, PASSWORD, 'a new long password')).ok).toBe(true);
    expect((await login('li', 'a new long password')).ok).toBe(true);
  });

  it('lets an administrator run the team: users, grants, companies, sites, tablets, codes, sessions', async () => {
    const api = authClient({ baseUrl: env.url });
    const a = await login('admin', PASSWORD, 'admin-tab');
    if (!a.ok) throw new Error('login failed');
    const tok = a.value.accessToken;
    const tenant = await api.admin.createTenant(tok, 'Second client');
    if (!tenant.ok) throw new Error('createTenant failed');
    const site = await api.admin.createSite(tok, tenant.value.id, 'Ward 3');
    expect(site.ok && site.value.tenantId).toBe(tenant.value.id);
    const tenants = await api.admin.tenants(tok);
    expect(tenants.ok && tenants.value.find((x) => x.id === tenant.value.id)?.sites.map((x) => x.name)).toEqual(['Ward 3']);

    const viewer = await api.admin.createUser(tok, { login: 'zhao', name: '赵', role: 'viewer', password: PASSWORD });
    if (!viewer.ok) throw new Error('createUser failed');
    expect(await api.admin.createUser(tok, { login: 'zhao', name: 'x', role: 'viewer', password: PASSWORD })).toMatchObject({ ok: false, status: 409 });
    expect(await api.admin.createUser(tok, { login: 'short', name: 'x', role: 'viewer', password: 'short' })).toMatchObject({ ok: false, status: 400 });
    const grants = await api.admin.setGrants(tok, viewer.value.id, [{ tenantId: tenant.value.id, siteIds: site.ok ? [site.value.id] : [] }]);
    expect(grants.ok && grants.value).toEqual([{ tenantId: tenant.value.id, tenantName: 'Second client', siteIds: site.ok ? [site.value.id] : [] }]);
    expect((await api.admin.updateUser(tok, viewer.value.id, { role: 'technician' })).ok).toBe(true);
    const users = await api.admin.users(tok);
    expect(users.ok && users.value.find((u) => u.login === 'zhao')).toMatchObject({ role: 'technician', disabled: false });

    // The viewer-turned-technician is no administrator.
    const z = await login('zhao', PASSWORD, 'zhao-tab');
    if (!z.ok) throw new Error('login failed');
    expect(await api.admin.users(z.value.accessToken)).toMatchObject({ ok: false, status: 403, error: 'forbidden' });

    expect((await api.admin.setTabletCode(tok, 'admin-tab', 7)).ok).toBe(true);
    expect(await api.admin.setTabletCode(tok, 'zhao-tab', 7)).toMatchObject({ ok: false, status: 409, error: 'code-taken' });
    const sessions = await api.admin.sessions(tok);
    const zs = sessions.ok ? sessions.value.find((x) => x.clientId === 'zhao-tab') : undefined;
    expect(zs?.userLogin).toBe('zhao');
    expect((await api.admin.revokeSession(tok, zs?.id ?? '')).ok).toBe(true);
    expect(await api.me(z.value.accessToken)).toMatchObject({ ok: false, status: 401 });
    expect((await api.admin.revokeTablet(tok, 'zhao-tab')).ok).toBe(true);
    expect(await login('zhao', PASSWORD, 'zhao-tab')).toMatchObject({ ok: false, status: 401 });
    const tablets = await api.admin.tablets(tok);
    expect(tablets.ok && tablets.value.find((x) => x.clientId === 'zhao-tab')?.revokedAt).toBeGreaterThan(0);

    expect((await api.admin.updateUser(tok, viewer.value.id, { disabled: true })).ok).toBe(true);
    expect(await login('zhao', PASSWORD, 'zhao-tab-2')).toMatchObject({ ok: false, status: 401 });
    expect((await api.admin.resetPassword(tok, env.tech.id, 'another long password')).ok).toBe(true);
    expect((await login('li', 'another long password')).ok).toBe(true);
  });

  it('normalises and checks server addresses', () => {
    expect(normaliseServer(' assets.example.cn/ ')).toBe('https://assets.example.cn');
    expect(normaliseServer('http://10.0.0.5:8080//')).toBe('http://10.0.0.5:8080');
    expect(normaliseServer('')).toBe('');
    expect(validServer('')).toBe(true);
    expect(validServer('http://10.0.0.5:8080')).toBe(true);
    expect(validServer('ftp://x')).toBe(false);
    expect(validServer('http://')).toBe(false);
  });
});
