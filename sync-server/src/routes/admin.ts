/**
 * /api/admin: the team administrator's API (users, roles, grants, client companies and sites,
 * tablets and their codes, sessions). Every route needs the session token of an enabled account
 * with the role 'admin': 401 without a valid token, 403 for any other role or a legacy
 * integration token. ConflictError and InvalidError from the store become 409 and 400 in
 * app.ts's error handler.
 */
import { z } from 'zod';
import { ROLES } from '../../../src/lib/sync/accounts.ts';
import type { RoutePlugin } from '../app.ts';
import { bearerPrincipal, fail } from '../auth.ts';
import { MAX_PASSWORD, MIN_PASSWORD, passwordProblem } from '../passwords.ts';
import { InvalidError, normLogin } from '../store/accounts.ts';

export const LOGIN_RE = /^[\p{L}\p{N}._@-]{2,64}$/u;

const name = z.string().trim().min(1).max(200);
const role = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);
const password = z.string().max(MAX_PASSWORD).refine((p) => passwordProblem(p) === null, { message: `the password needs at least ${MIN_PASSWORD} characters` });
const schemas = {
  tenant: z.object({ name }),
  user: z.object({
    login: z.string().transform(normLogin).refine((l) => LOGIN_RE.test(l), { message: 'a login is 2-64 letters, digits or . _ @ -' }),
    name,
    role,
    password
  }),
  patch: z.object({ name: name.optional(), role: role.optional(), disabled: z.boolean().optional() }),
  password: z.object({ password }),
  grants: z.object({
    grants: z.array(z.object({ tenantId: z.string().min(1).max(100), siteIds: z.union([z.literal('*'), z.array(z.string().min(1).max(100)).max(1000)]) })).max(1000)
  }),
  code: z.object({ code: z.number().int().min(0).max(8999) })
};

export const adminRoutes: RoutePlugin = async (app, { store, clock }) => {
  // Encapsulated in this plugin: runs for every route below, whatever the URL's spelling.
  app.addHook('preHandler', async (req, reply) => {
    const p = await bearerPrincipal(req, store, clock.now());
    if (!p) return fail(reply, 401, 'unauthorized', 'missing, expired or revoked token');
    if (p.kind !== 'session' || p.session.user.role !== 'admin') return fail(reply, 403, 'forbidden', 'administrators only');
  });

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    throw new InvalidError(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }

  app.get('/api/admin/tenants', () => store.listTenants());
  app.post('/api/admin/tenants', (req) => store.createTenant(parse(schemas.tenant, req.body)));
  app.post<{ Params: { tenantId: string } }>('/api/admin/tenants/:tenantId/sites', async (req, reply) => {
    const body = parse(schemas.tenant, req.body);
    if ((await store.tenantName(req.params.tenantId)) === null) return fail(reply, 404, 'not-found', 'no such client company');
    return store.createSite({ tenantId: req.params.tenantId, name: body.name });
  });

  app.get('/api/admin/users', async () => (await store.listAccounts()).map(({ createdAt: _c, ...u }) => u));
  app.post('/api/admin/users', (req) => store.createAccount(parse(schemas.user, req.body), clock.now()));
  app.patch<{ Params: { id: string } }>('/api/admin/users/:id', async (req, reply) => {
    const user = await store.updateAccount(req.params.id, parse(schemas.patch, req.body), clock.now());
    return user ?? fail(reply, 404, 'not-found', 'no such user');
  });
  app.post<{ Params: { id: string } }>('/api/admin/users/:id/password', async (req, reply) => {
    if (!(await store.setPassword(req.params.id, parse(schemas.password, req.body).password, clock.now()))) return fail(reply, 404, 'not-found', 'no such user');
    return reply.code(204).send();
  });
  app.put<{ Params: { id: string } }>('/api/admin/users/:id/grants', async (req, reply) => {
    const { grants } = parse(schemas.grants, req.body);
    if (!(await store.account(req.params.id))) return fail(reply, 404, 'not-found', 'no such user');
    return store.setGrants(req.params.id, grants);
  });

  app.get('/api/admin/tablets', () => store.listTablets());
  app.post<{ Params: { clientId: string } }>('/api/admin/tablets/:clientId/revoke', async (req, reply) => {
    if (!(await store.revokeTablet(req.params.clientId, clock.now()))) return fail(reply, 404, 'not-found', 'no such tablet');
    return reply.code(204).send();
  });
  app.put<{ Params: { clientId: string } }>('/api/admin/tablets/:clientId/code', async (req, reply) => {
    const tablet = await store.setTabletCode(req.params.clientId, parse(schemas.code, req.body).code);
    return tablet ?? fail(reply, 404, 'not-found', 'no such tablet');
  });

  app.get('/api/admin/sessions', () => store.listSessions({}, clock.now()));
  app.post<{ Params: { id: string } }>('/api/admin/sessions/:id/revoke', async (req, reply) => {
    if (!(await store.revokeSession(req.params.id, clock.now()))) return fail(reply, 404, 'not-found', 'no such live session');
    return reply.code(204).send();
  });
};
