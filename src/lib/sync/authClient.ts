/**
 * The accounts API as plain fetch wrappers (contract: src/lib/sync/accounts.ts).
 *
 * Every call resolves to a value, never throws on an HTTP error or a network failure: the caller
 * (login page, session keeper, admin pages) decides what each outcome means and says it in words.
 * Nothing here stores or logs a token; the session keeper (session.svelte.ts) owns them.
 */
import type { AccountUser, AuthErrorCode, Grant, LoginRequest, Role, SessionInfo, SessionTokens, TabletInfo, TabletName } from './accounts';

export type AuthFailure =
  /** The server answered with an error status. `retryAfterS` from Retry-After (429). */
  | { ok: false; kind: 'http'; status: number; error: AuthErrorCode | 'unknown'; message: string; retryAfterS: number | null }
  /** No answer (offline, DNS, refused, timeout, a reply that is not ours). */
  | { ok: false; kind: 'network'; message: string };
export type AuthResult<T> = { ok: true; value: T } | AuthFailure;

export interface MeReply {
  user: AccountUser;
  grants: Grant[];
  sessionId: string;
  tablet: TabletInfo | null;
}
export interface TenantWithSites {
  id: string;
  name: string;
  sites: { id: string; name: string }[];
}
export type AdminUser = AccountUser & { disabled: boolean; grants: Grant[] };
export interface GrantInput {
  tenantId: string;
  siteIds: '*' | string[];
}

const CODES: readonly string[] = ['unauthorized', 'forbidden', 'tablet-taken', 'code-taken', 'rate-limited', 'busy', 'invalid'];

/** '' (same origin) or an origin such as https://assets.example.cn, without a trailing slash. */
export function normaliseServer(raw: string): string {
  const s = raw.trim().replace(/(?<![:/])\/+$/, ''); // keeps the // of a bare 'http://'
  if (!s) return '';
  // A bare host gets https; any other scheme is kept, so that validServer refuses it.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
}

/** Whether `raw` is empty (same origin) or an http(s) address. */
export function validServer(raw: string): boolean {
  const s = normaliseServer(raw);
  if (!s) return true;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

function retryAfter(h: string | null): number | null {
  if (!h) return null;
  const n = Number(h);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

export interface AuthClientOptions {
  /** '' for same origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function authClient(o: AuthClientOptions) {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const base = normaliseServer(o.baseUrl);
  const timeoutMs = o.timeoutMs ?? 20_000;

  async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<AuthResult<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (err) {
      return { ok: false, kind: 'network', message: err instanceof Error ? err.message : String(err) };
    }
    if (!res.ok) {
      const b = await res.json().then((x: { error?: unknown; message?: unknown }) => x, () => undefined);
      const error = typeof b?.error === 'string' && CODES.includes(b.error) ? (b.error as AuthErrorCode) : 'unknown';
      const message = typeof b?.message === 'string' ? b.message : res.statusText;
      return { ok: false, kind: 'http', status: res.status, error, message, retryAfterS: retryAfter(res.headers.get('retry-after')) };
    }
    if (res.status === 204) return { ok: true, value: undefined as T };
    try {
      return { ok: true, value: (await res.json()) as T };
    } catch (err) {
      // A 200 that is not JSON: a proxy's or a captive portal's page, not our server.
      return { ok: false, kind: 'network', message: err instanceof Error ? err.message : String(err) };
    }
  }

  const id = encodeURIComponent;
  return {
    login: (req: LoginRequest) => call<SessionTokens>('POST', '/api/auth/login', null, req),
    refresh: (refreshToken: string) => call<SessionTokens>('POST', '/api/auth/refresh', null, { refreshToken }),
    logout: (token: string) => call<void>('POST', '/api/auth/logout', token),
    me: (token: string) => call<MeReply>('GET', '/api/auth/me', token),
    sessions: (token: string) => call<SessionInfo[]>('GET', '/api/auth/sessions', token),
    tablets: (token: string) => call<TabletName[]>('GET', '/api/auth/tablets', token),
    revokeMySession: (token: string, sessionId: string) => call<void>('POST', `/api/auth/sessions/${id(sessionId)}/revoke`, token),
    changePassword: (token: string, current: string, next: string) => call<void>('POST', '/api/auth/password', token, { current, next }),
    admin: {
      tenants: (token: string) => call<TenantWithSites[]>('GET', '/api/admin/tenants', token),
      createTenant: (token: string, name: string) => call<{ id: string; name: string }>('POST', '/api/admin/tenants', token, { name }),
      createSite: (token: string, tenantId: string, name: string) =>
        call<{ id: string; tenantId: string; name: string }>('POST', `/api/admin/tenants/${id(tenantId)}/sites`, token, { name }),
      users: (token: string) => call<AdminUser[]>('GET', '/api/admin/users', token),
      createUser: (token: string, u: { login: string; name: string; role: Role; password: string }) =>
        call<AccountUser>('POST', '/api/admin/users', token, u),
      updateUser: (token: string, userId: string, patch: { name?: string; role?: Role; disabled?: boolean }) =>
        call<AccountUser>('PATCH', `/api/admin/users/${id(userId)}`, token, patch),
      resetPassword: (token: string, userId: string, password: string) =>
        call<void>('POST', `/api/admin/users/${id(userId)}/password`, token, { password }),
      setGrants: (token: string, userId: string, grants: GrantInput[]) =>
        call<Grant[]>('PUT', `/api/admin/users/${id(userId)}/grants`, token, { grants }),
      tablets: (token: string) => call<TabletInfo[]>('GET', '/api/admin/tablets', token),
      revokeTablet: (token: string, clientId: string) => call<void>('POST', `/api/admin/tablets/${id(clientId)}/revoke`, token),
      setTabletCode: (token: string, clientId: string, code: number) =>
        call<TabletInfo>('PUT', `/api/admin/tablets/${id(clientId)}/code`, token, { code }),
      sessions: (token: string) => call<SessionInfo[]>('GET', '/api/admin/sessions', token),
      revokeSession: (token: string, sessionId: string) => call<void>('POST', `/api/admin/sessions/${id(sessionId)}/revoke`, token)
    }
  };
}

export type AuthClient = ReturnType<typeof authClient>;
