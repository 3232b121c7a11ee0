// Login, refresh rotation and reuse detection, logout, expiry, sessions, password change,
// tablet registration and the login limit, over HTTP on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { ACCESS_TTL_MS, REFRESH_TTL_MS, type SessionInfo } from '../../src/lib/sync/accounts.ts';
import { LOGIN_LIMITS, LOGIN_WINDOW_MS } from '../src/routes/auth.ts';
import { createApp } from '../src/app.ts';
import { accountsFixture, client, PASSWORD } from './accounts-fixture.ts';
import { backends, NOW } from './helpers.ts';

describe.each(backends)('accounts: login and sessions on $name', (b) => {
  const f = accountsFixture(b);
  const me = (token: string) => client(f).call('GET', '/api/auth/me', token);

  it.skipIf(b.skip)('logs in, registers the tablet, and answers me; tokens are kept only as hashes', async () => {
    const c = client(f);
    const res = await c.login('Tech ', 'tabT'); // logins are trimmed and case-insensitive
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      user: { id: f.ids.tech, login: 'tech', role: 'technician' },
      grants: [{ tenantId: f.acme.id, tenantName: 'ACME', siteIds: '*' }],
      accessExpiresAt: NOW + ACCESS_TTL_MS,
      refreshExpiresAt: NOW + REFRESH_TTL_MS,
      serverTime: NOW
    });
    const who = await me(s.accessToken);
    expect(who.json()).toMatchObject({ user: { login: 'tech' }, sessionId: s.sessionId, tablet: { clientId: 'tabT', userLogin: 'tech', code: null } });
    const stored = JSON.stringify(await f.o.raw('SELECT * FROM sessions'));
    expect(stored).not.toContain(s.accessToken.slice(4));
    expect(stored).not.toContain(s.refreshToken.slice(4));
    expect(JSON.stringify(await f.o.raw('SELECT * FROM accounts'))).not.toContain(PASSWORD);
  });

  it.skipIf(b.skip)('answers an unknown login and a wrong password alike', async () => {
    const c = client(f);
    const wrong = await c.login('tech', 'tabT', 'not the password');
    const unknown = await c.login('nobody', 'tabN');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: 'unauthorized', message: 'wrong login or password' });
  });

  it.skipIf(b.skip)('rotates the refresh token; the old one is dead and reusing it ends the session', async () => {
    const c = client(f);
    const s1 = await c.session('tech');
    f.now += 60_000;
    const r = await c.refresh(s1.refreshToken);
    expect(r.statusCode).toBe(200);
    const s2 = r.json();
    expect(s2.sessionId).toBe(s1.sessionId);
    expect(s2.refreshToken).not.toBe(s1.refreshToken);
    expect(s2.accessToken).not.toBe(s1.accessToken);
    expect(s2.accessExpiresAt).toBe(f.now + ACCESS_TTL_MS);
    expect((await me(s1.accessToken)).statusCode).toBe(401); // the old access token went with it
    expect((await me(s2.accessToken)).statusCode).toBe(200);
    // Someone presents the exchanged token again: theft; the whole session ends.
    expect((await c.refresh(s1.refreshToken)).statusCode).toBe(401);
    expect((await me(s2.accessToken)).statusCode).toBe(401);
    expect((await c.refresh(s2.refreshToken)).statusCode).toBe(401);
  });

  it.skipIf(b.skip)('of two refreshes racing with one token one wins, and the reuse ends the session', async () => {
    const c = client(f);
    const s = await c.session('tech');
    const [x, y] = await Promise.all([c.refresh(s.refreshToken), c.refresh(s.refreshToken)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 401]);
    const winner = (x.statusCode === 200 ? x : y).json();
    expect((await me(winner.accessToken)).statusCode).toBe(401);
  });

  it.skipIf(b.skip)('access tokens expire after ACCESS_TTL_MS, refresh tokens after REFRESH_TTL_MS', async () => {
    const c = client(f);
    const s = await c.session('tech');
    f.now = NOW + ACCESS_TTL_MS;
    expect((await me(s.accessToken)).statusCode).toBe(401);
    const again = (await c.refresh(s.refreshToken)).json();
    expect((await me(again.accessToken)).statusCode).toBe(200);
    f.now += REFRESH_TTL_MS;
    expect((await c.refresh(again.refreshToken)).statusCode).toBe(401);
  });

  it.skipIf(b.skip)('logout revokes the session; sessions are listed and revoked by their owner only', async () => {
    const c = client(f);
    const a = await c.session('tech', 'tab1');
    const other = await c.session('tech', 'tab2');
    const v = await c.session('viewer');
    const list = (await c.call('GET', '/api/auth/sessions', a.accessToken)).json<SessionInfo[]>();
    expect(list.map((x) => [x.clientId, x.current])).toEqual(expect.arrayContaining([['tab1', true], ['tab2', false]]));
    expect(list).toHaveLength(2);
    expect((await c.call('POST', `/api/auth/sessions/${v.sessionId}/revoke`, a.accessToken)).statusCode).toBe(404);
    expect((await c.call('POST', `/api/auth/sessions/${other.sessionId}/revoke`, a.accessToken)).statusCode).toBe(204);
    expect((await me(other.accessToken)).statusCode).toBe(401);
    expect((await c.call('POST', '/api/auth/logout', a.accessToken)).statusCode).toBe(204);
    expect((await me(a.accessToken)).statusCode).toBe(401);
    expect((await c.refresh(a.refreshToken)).statusCode).toBe(401);
    expect((await me(v.accessToken)).statusCode).toBe(200);
  });

  it.skipIf(b.skip)('names the team’s live tablets to every role, without users or logins', async () => {
    const c = client(f);
    const v = await c.session('viewer', 'tabV');
    const t = await c.session('tech', 'tabT');
    await c.session('admin', 'tabGone');
    await f.store.setTabletCode('tabT', 7);
    await f.store.revokeTablet('tabGone', NOW);
    expect((await c.call('GET', '/api/auth/tablets', null)).statusCode).toBe(401);
    for (const token of [v.accessToken, t.accessToken]) {
      const res = await c.call('GET', '/api/auth/tablets', token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(expect.arrayContaining([{ clientId: 'tabT', code: 7, deviceName: 'Tablet' }, { clientId: 'tabV', code: null, deviceName: 'Tablet' }]));
      expect(res.json()).toHaveLength(2);
      expect(res.body).not.toMatch(/tech|viewer|userId|login/);
    }
  });

  it.skipIf(b.skip)('changes the password: the current one is checked, other sessions end, the new one logs in', async () => {
    const c = client(f);
    const a = await c.session('tech', 'tab1');
    const other = await c.session('tech', 'tab2');
    const change = (current: string, next: string) => c.call('POST', '/api/auth/password', a.accessToken, { current, next });
    expect((await change(PASSWORD, 'short')).statusCode).toBe(400);
    expect((await change('wrong password!', 'a long new password')).statusCode).toBe(403);
    expect((await change(PASSWORD, 'a long new password')).statusCode).toBe(204);
    expect((await me(a.accessToken)).statusCode).toBe(200);
    expect((await me(other.accessToken)).statusCode).toBe(401);
    expect((await c.login('tech', 'tab1')).statusCode).toBe(401);
    expect((await c.login('tech', 'tab1', 'a long new password')).statusCode).toBe(200);
  });

  it.skipIf(b.skip)('binds a tablet to its first user: another user gets 409, a revoked tablet 401', async () => {
    const c = client(f);
    const s = await c.session('tech', 'tabX');
    const taken = await c.login('viewer', 'tabX');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toBe('tablet-taken');
    expect((await c.login('tech', 'tabX')).statusCode).toBe(200); // its own user again: fine
    await f.store.revokeTablet('tabX', f.now);
    expect((await me(s.accessToken)).statusCode).toBe(401);
    expect((await c.refresh(s.refreshToken)).statusCode).toBe(401);
    const revoked = await c.login('tech', 'tabX');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toMatch(/revoked/);
  });

  it.skipIf(b.skip)('limits failed logins per login with 429 and Retry-After, even for the right password', async () => {
    const c = client(f);
    for (let i = 0; i < LOGIN_LIMITS.perLogin; i++) {
      f.now += 1000;
      expect((await c.login('tech', 'tabT', `guess ${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    }
    const blocked = await c.login('tech', 'tabT', PASSWORD, '10.0.2.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('rate-limited');
    const wait = Number(blocked.headers['retry-after']);
    // The first failure was at NOW + 1 s; it leaves the window LOGIN_WINDOW_MS later.
    expect(wait).toBe(Math.ceil((NOW + 1000 + LOGIN_WINDOW_MS - f.now) / 1000));
    expect((await c.login('viewer', 'tabV', PASSWORD, '10.0.2.1')).statusCode).toBe(200); // other logins unaffected
    f.now += wait * 1000;
    expect((await c.login('tech', 'tabT', PASSWORD, '10.0.2.1')).statusCode).toBe(200);
  });

  it.skipIf(b.skip)('limits failed logins per address across login names', async () => {
    const c = client(f);
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) expect((await c.login(`user${i}`, 'tabZ', 'guess guess', '10.9.9.9')).statusCode).toBe(401);
    const res = await c.login('tech', 'tabT', PASSWORD, '10.9.9.9');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await c.login('tech', 'tabT', PASSWORD, '10.9.9.8')).statusCode).toBe(200);
  });
});

describe.skipIf(backends[0]!.skip)('accounts: logs', () => {
  it('never contain a password or a token, even at trace level', async () => {
    const o = await backends[0]!.open();
    await o.store.migrate();
    let logged = '';
    const app = await createApp({ store: o.store, clock: { now: () => NOW }, logger: { level: 'trace', stream: { write: (l: string) => void (logged += l) } } });
    try {
      await o.store.createAccount({ login: 'tech', name: 'T', role: 'technician', password: PASSWORD }, NOW);
      const login = (password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'tech', password, clientId: 'tabT', deviceName: 'T' } });
      expect((await login('wrong password here')).statusCode).toBe(401);
      const s = (await login(PASSWORD)).json();
      const r = (await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } })).json();
      await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${r.accessToken}` } });
      expect(logged).toContain('/api/auth/login');
      for (const secret of [PASSWORD, 'wrong password here', s.accessToken, s.refreshToken, r.accessToken, r.refreshToken]) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
      await o.cleanup();
    }
  });
});
