/**
 * /api/auth: login, refresh, logout, me, sessions, password (contract: accounts wire types in
 * src/lib/sync/accounts.ts).
 * - login registers the tablet: a clientId is bound to the first account that logs in with it
 *   (409 tablet-taken for another account, 401 when the tablet was revoked);
 * - failures are answered alike whether the login exists or not, with the same scrypt work, and
 *   counted per login and per address in the database (shared by every server process); past
 *   LOGIN_LIMITS a login is refused with 429 and Retry-After, even with the right password;
 * - while the password checks under way and waiting fill the scrypt gate (passwords.ts), a login
 *   is refused with 503 and Retry-After (BusyError, app.ts) before any scrypt work, and that
 *   refusal is not counted as a failed login;
 * - neither passwords nor tokens are ever logged (main.ts redacts the authorization header).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionTokens } from '../../../src/lib/sync/accounts.ts';
import type { RoutePlugin } from '../app.ts';
import { bearerPrincipal, effectiveGrants, fail } from '../auth.ts';
import { MAX_PASSWORD, passwordProblem } from '../passwords.ts';
import type { Store } from '../store/index.ts';
import { normLogin } from '../store/accounts.ts';
import type { IssuedTokens, SessionPrincipal } from '../store/sessions.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures within LOGIN_WINDOW_MS: per login name, and per client address (a ward's tablets may share one). */
export const LOGIN_LIMITS = { perLogin: 5, perAddress: 30 };

const loginSchema = z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(MAX_PASSWORD),
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  deviceName: z.string().trim().min(1).max(100)
});
const refreshSchema = z.object({ refreshToken: z.string().min(1).max(200) });
const passwordSchema = z.object({ current: z.string().min(1).max(MAX_PASSWORD), next: z.string().max(MAX_PASSWORD) });

const UNAUTHORIZED = 'wrong login or password';

async function tokensFor(store: Store, t: IssuedTokens, accountId: string, now: number): Promise<SessionTokens | null> {
  const a = await store.account(accountId);
  if (!a || a.disabled) return null;
  const user = { id: a.id, login: a.login, name: a.name, role: a.role };
  return { ...t, user, grants: await effectiveGrants(store, user), serverTime: now };
}

export const authRoutes: RoutePlugin = async (app, { store, clock }) => {
  const invalid = (reply: FastifyReply, issues: z.core.$ZodIssue[]) =>
    fail(reply, 400, 'invalid', issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));

  /** The caller's session, or a 401/403 reply already sent (legacy integration tokens have no account). */
  async function session(req: FastifyRequest, reply: FastifyReply): Promise<SessionPrincipal | null> {
    const p = await bearerPrincipal(req, store, clock.now());
    if (p?.kind === 'session') return p.session;
    if (!p) fail(reply, 401, 'unauthorized', 'missing, expired or revoked token');
    else fail(reply, 403, 'forbidden', 'an integration token has no account');
    return null;
  }

  const limited = async (reply: FastifyReply, keys: { key: string; limit: number }[], now: number) => {
    const wait = await store.loginRetryAfter(keys, LOGIN_WINDOW_MS, now);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      fail(reply, 429, 'rate-limited', `too many failed logins; retry in ${wait} s`);
    }
    return wait > 0;
  };

  app.post('/api/auth/login', async (req, reply) => {
    const now = clock.now();
    const body = loginSchema.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error.issues);
    const { login, password, clientId, deviceName } = body.data;
    const loginKey = `login:${normLogin(login)}`;
    const keys = [{ key: loginKey, limit: LOGIN_LIMITS.perLogin }, { key: `ip:${req.ip}`, limit: LOGIN_LIMITS.perAddress }];
    if (await limited(reply, keys, now)) return reply;
    const user = await store.checkPassword(login, password);
    if (!user) {
      await store.recordLoginFailure(keys.map((k) => k.key), LOGIN_WINDOW_MS, now);
      req.log.info({ ip: req.ip }, 'failed login');
      return fail(reply, 401, 'unauthorized', UNAUTHORIZED);
    }
    await store.clearLoginFailures(loginKey);
    const bound = await store.bindTablet({ clientId, accountId: user.id, deviceName }, now);
    if (bound === 'taken') return fail(reply, 409, 'tablet-taken', 'this tablet is registered to another user');
    if (bound === 'revoked') return fail(reply, 401, 'unauthorized', 'this tablet was revoked by an administrator');
    const t = await store.createSession({ accountId: user.id, clientId, deviceName }, now);
    return tokensFor(store, t, user.id, now);
  });

  app.post('/api/auth/refresh', async (req, reply) => {
    const now = clock.now();
    const body = refreshSchema.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error.issues);
    const t = await store.refreshSession(body.data.refreshToken, now);
    const out = t ? await tokensFor(store, t, t.accountId, now) : null;
    return out ?? fail(reply, 401, 'unauthorized', 'the session ended; log in again');
  });

  app.post('/api/auth/logout', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    await store.revokeSession(s.sessionId, clock.now());
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    return { user: s.user, grants: await effectiveGrants(store, s.user), sessionId: s.sessionId, tablet: await store.tablet(s.clientId) };
  });

  app.get('/api/auth/sessions', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    const list = await store.listSessions({ accountId: s.user.id }, clock.now());
    return list.map((x) => ({ ...x, current: x.id === s.sessionId }));
  });

  // The team's tablets by name, for any signed-in role: /conflicts names the tablet that wrote a
  // lost value. Codes and device names only; users, logins and times stay on the admin list.
  app.get('/api/auth/tablets', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    return (await store.listTablets()).filter((t) => t.revokedAt === null).map((t) => ({ clientId: t.clientId, code: t.code, deviceName: t.deviceName }));
  });

  app.post<{ Params: { id: string } }>('/api/auth/sessions/:id/revoke', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    if (!(await store.revokeSession(req.params.id, clock.now(), s.user.id))) return fail(reply, 404, 'not-found', 'no such live session of yours');
    return reply.code(204).send();
  });

  app.post('/api/auth/password', async (req, reply) => {
    const now = clock.now();
    const s = await session(req, reply);
    if (!s) return reply;
    const body = passwordSchema.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error.issues);
    const problem = passwordProblem(body.data.next);
    if (problem) return fail(reply, 400, 'invalid', problem);
    const key = `login:${s.user.login}`;
    if (await limited(reply, [{ key, limit: LOGIN_LIMITS.perLogin }], now)) return reply;
    if (!(await store.checkPassword(s.user.login, body.data.current))) {
      await store.recordLoginFailure([key], LOGIN_WINDOW_MS, now);
      return fail(reply, 403, 'forbidden', 'the current password is wrong');
    }
    await store.setPassword(s.user.id, body.data.next, now, s.sessionId);
    return reply.code(204).send();
  });
};
