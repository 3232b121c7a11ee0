/**
 * Calls an accounts endpoint with the session's access token: refreshed first when due, and once
 * more after a 401 (the token may have been revoked by a password change or expired in transit).
 * Without a session it answers 401 without sending anything.
 */
import { accessToken, session } from '$lib/sync/session.svelte';
import { authClient, type AuthClient, type AuthResult } from '$lib/sync/authClient';

const NO_SESSION = { ok: false, kind: 'http', status: 401, error: 'unauthorized', message: 'not logged in', retryAfterS: null } as const;

export async function withToken<T>(fn: (api: AuthClient, token: string) => Promise<AuthResult<T>>): Promise<AuthResult<T>> {
  const api = authClient({ baseUrl: session.server });
  const token = await accessToken();
  if (!token) return NO_SESSION;
  const r = await fn(api, token);
  if (r.ok || r.kind !== 'http' || r.status !== 401) return r;
  const again = await accessToken(token);
  if (!again || again === token) return r;
  return fn(api, again);
}
