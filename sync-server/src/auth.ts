/**
 * The bearer token of a request, verified against the store: the one place routes learn scope.
 *
 * Two kinds of token (issue 9):
 * - legacy api tokens (`aw_…`, api_tokens): bound to one tenant, its sites and maybe a clientId;
 *   integrations made with `npm run admin -- token`; they act with the role 'technician';
 * - session access tokens (`awa_…`, sessions): account-wide. A sync request names its client
 *   company in the X-AssetWalk-Tenant header and the scope is the account's grant for it (403
 *   when none); the clientId is the session's tablet, the userId the account. Administrators
 *   implicitly hold every client company with all sites: the server belongs to one team, and
 *   its administrator is the one who creates companies and grants anyway.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TENANT_HEADER, type Grant, type Role } from '../../src/lib/sync/accounts.ts';
import { ForbiddenError, type Store, type TokenScope } from './store/index.ts';
import { ACCESS_PREFIX, type SessionPrincipal } from './store/sessions.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

export type Principal = { kind: 'token'; scope: TokenScope } | { kind: 'session'; session: SessionPrincipal };

/** Roles that may change data (push, print, lease blocks, upload). */
export const WRITERS: readonly Role[] = ['admin', 'technician'];

/** Who is calling, or null when the header is missing, malformed, expired or revoked. */
export async function bearerPrincipal(req: FastifyRequest, store: Store, now: number): Promise<Principal | null> {
  const m = BEARER.exec(req.headers.authorization ?? '');
  if (!m) return null;
  if (m[1]!.startsWith(ACCESS_PREFIX)) {
    const session = await store.verifyAccess(m[1]!, now);
    return session ? { kind: 'session', session } : null;
  }
  const scope = await store.verifyToken(m[1]!, now);
  return scope ? { kind: 'token', scope } : null;
}

export const roleOf = (p: Principal): Role => (p.kind === 'token' ? p.scope.role : p.session.user.role);

/** Throws ForbiddenError (403) unless `role` is one of `allowed`. */
export function requireRole(role: Role, allowed: readonly Role[]): void {
  if (!allowed.includes(role)) throw new ForbiddenError(`the role ${role} may not do this`);
}

/** The grants an account acts under: an administrator's are every client company, all sites. */
export async function effectiveGrants(store: Store, user: { id: string; role: Role }): Promise<Grant[]> {
  if (user.role !== 'admin') return store.grantsOf(user.id);
  return (await store.listTenants()).map((t) => ({ tenantId: t.id, tenantName: t.name, siteIds: '*' as const }));
}

/** A session's scope for one client company, or null when the account holds no grant of it. */
export async function sessionScope(store: Store, s: SessionPrincipal, tenantId: string): Promise<TokenScope | null> {
  const base = { tokenId: s.sessionId, userId: s.user.id, role: s.user.role, clientId: s.clientId, tenantId };
  if (s.user.role === 'admin') return (await store.tenantName(tenantId)) === null ? null : { ...base, siteIds: '*' };
  const grant = (await store.grantsOf(s.user.id)).find((g) => g.tenantId === tenantId);
  return grant ? { ...base, siteIds: grant.siteIds } : null;
}

/**
 * The token's scope, or null (401) when the header is missing, malformed, expired or revoked.
 * Throws ForbiddenError (403) for an account token whose tenant header names no granted company.
 */
export async function bearerScope(req: FastifyRequest, store: Store, now: number): Promise<TokenScope | null> {
  const p = await bearerPrincipal(req, store, now);
  if (!p) return null;
  if (p.kind === 'token') return p.scope;
  const raw = req.headers[TENANT_HEADER.toLowerCase()];
  const tenantId = typeof raw === 'string' ? raw.trim() : '';
  const scope = tenantId ? await sessionScope(store, p.session, tenantId) : null;
  if (!scope) throw new ForbiddenError(tenantId ? 'this client company is not granted to the account' : `${TENANT_HEADER} header required`);
  return scope;
}

/** Sends the contract's error body `{ error, message }`. */
export function fail(reply: FastifyReply, status: number, error: string, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).send({ error, message });
}
