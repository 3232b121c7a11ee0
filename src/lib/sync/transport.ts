/**
 * The only network code of the sync engine: POST /api/sync/push and GET /api/sync/pull.
 *
 * Every outcome is a value, never a thrown error, so the engine decides in one place what
 * "stop", "retry later" and "split the batch" mean. Fetch failures (offline, reset, DNS,
 * timeout) are `network`; the engine never deletes anything on them.
 *
 * The wire shapes are wire.ts's types; their zod schemas (protocol/schemas.ts) validate them on
 * the server only, so the client bundle never pulls zod in.
 */

import { TENANT_HEADER } from './accounts';
import { expandClocks } from './protocol/compact-clocks';
import type { ConflictFeed } from './serverConflicts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ConflictFeedPage, type MutationResult, type PullPage, type WireMutation } from './wire';

export { PROTOCOL_HEADER, PROTOCOL_VERSION };
export type { MutationResult, PulledRecord, PullPage, WireMutation } from './wire';

/** What a request came back as, plus the clock sample (local send/receive time, server time). */
export type Reply<T> =
  | { kind: 'ok'; body: T; timing: Timing }
  | { kind: 'unauthorized'; status: 401 | 403 }
  | { kind: 'too-large' }
  | { kind: 'invalid'; status: number }
  | { kind: 'gone' }
  | { kind: 'upgrade' }
  | { kind: 'server'; status: number }
  | { kind: 'network'; error: string };

export interface Timing {
  sentAt: number;
  receivedAt: number;
  serverTime: number | null;
}

/** `tenant`: the client company the request is about (TENANT_HEADER); null/absent with a single-tenant token. */
export interface Transport {
  push(mutations: WireMutation[], tenant?: string | null): Promise<Reply<{ results: MutationResult[] }>>;
  /** `resync`: the pages of a clean pull from 0 after a 410 (the server skips its horizon check). */
  pull(cursor: number, limit: number, tenant?: string | null, resync?: boolean): Promise<Reply<PullPage>>;
  /** The server's conflicts feed (serverConflicts.ts); transports without it skip the feed. */
  conflicts?: ConflictFeed;
}

export interface HttpTransportOptions {
  /** '' for same-origin (the app is served by the sync server); a function is read per request. */
  baseUrl: string | (() => string);
  /** The bearer token: a legacy API token, or an account's access token (session.accessToken). */
  token: () => string | null | Promise<string | null>;
  /** After a 401: a fresh token for the refused one (the session refreshes), or null. The
   * request is retried once with it; push is idempotent, so a retry never doubles anything. */
  refresh?: (rejected: string) => Promise<string | null>;
  fetch?: typeof fetch;
  /** The unadjusted local clock the offset is measured against. */
  wallNow?: () => number;
  timeoutMs?: number;
}

export function httpTransport(o: HttpTransportOptions): Transport {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const wallNow = o.wallNow ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 30_000;

  async function call<T>(path: string, init: RequestInit, tenant: string | null | undefined): Promise<Reply<T>> {
    const first = await once<T>(path, init, tenant, await o.token());
    if (first.kind !== 'unauthorized' || first.status !== 401 || !o.refresh) return first;
    const token = await o.token();
    const fresh = token ? await o.refresh(token) : null;
    return fresh && fresh !== token ? once<T>(path, init, tenant, fresh) : first;
  }

  /**
   * One request, answered within timeoutMs or taken as a network failure. The deadline is raced,
   * not only passed to fetch as a signal: a fetch whose connection was reset at an unlucky moment
   * can stay pending although its signal aborted (seen with Node's fetch under the fault proxy,
   * faults.spec.ts), and a sync must never wait for ever. Push is idempotent, so a late reply
   * dropped here is safe to ask again.
   */
  async function once<T>(path: string, init: RequestInit, tenant: string | null | undefined, token: string | null): Promise<Reply<T>> {
    // No token: the server would say 401; don't send a request that can only fail.
    if (!token) return { kind: 'unauthorized', status: 401 };
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<Reply<T>>((resolve) => {
      timer = setTimeout(() => {
        ctl.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
        resolve({ kind: 'network', error: `no answer within ${timeoutMs} ms` });
      }, timeoutMs);
    });
    try {
      return await Promise.race([exchange<T>(path, init, tenant, token, ctl.signal), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function exchange<T>(path: string, init: RequestInit, tenant: string | null | undefined, token: string, signal: AbortSignal): Promise<Reply<T>> {
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    headers.set('authorization', `Bearer ${token}`);
    if (tenant) headers.set(TENANT_HEADER, tenant);
    const sentAt = wallNow();
    let res: Response;
    try {
      res = await doFetch((typeof o.baseUrl === 'string' ? o.baseUrl : o.baseUrl()) + path, { ...init, headers, cache: 'no-store', signal });
    } catch (err) {
      return { kind: 'network', error: err instanceof Error ? err.message : String(err) };
    }
    const receivedAt = wallNow();
    if (res.status === 401) return { kind: 'unauthorized', status: 401 };
    if (res.status === 413) return { kind: 'too-large' };
    if (res.status === 410) return { kind: 'gone' };
    if (res.status === 426) return { kind: 'upgrade' };
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      // Only a batch the server read and refused is split to find the bad mutation: a 4xx whose
      // body names a mutation, or says a mutation failed validation ('invalid') or names another
      // tenant's record ('forbidden'). Any other 4xx (a missing header, a proxy's page) says
      // nothing about the mutations: retry later.
      const b = await res.json().then((x: { error?: unknown; mutationId?: unknown }) => x, () => undefined);
      if (typeof b?.mutationId === 'string' || b?.error === 'invalid' || b?.error === 'forbidden') return { kind: 'invalid', status: res.status };
      return { kind: 'server', status: res.status };
    }
    if (!res.ok) return { kind: 'server', status: res.status };
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      // A reply cut off mid-body is a lost reply: the same as a network failure (push is idempotent).
      return { kind: 'network', error: err instanceof Error ? err.message : String(err) };
    }
    const serverTime = typeof (body as { serverTime?: unknown }).serverTime === 'number' ? (body as { serverTime: number }).serverTime : null;
    return { kind: 'ok', body: body as T, timing: { sentAt, receivedAt, serverTime } };
  }

  return {
    push: (mutations, tenant) =>
      call('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mutations }) }, tenant),
    // Compact clocks (protocol/compact-clocks.ts), expanded here: everything after sees full rows.
    pull: async (cursor, limit, tenant, resync) => {
      const r = await call<PullPage>(`/api/sync/pull?cursor=${cursor}&limit=${limit}${resync ? '&resync=1' : ''}&clocks=compact`, { method: 'GET' }, tenant);
      if (r.kind === 'ok' && Array.isArray(r.body.rows)) r.body.rows = r.body.rows.map(expandClocks);
      return r;
    },
    conflicts: (since, after, tenant) =>
      call<ConflictFeedPage>(`/api/sync/conflicts?since=${since}&after=${encodeURIComponent(after)}`, { method: 'GET' }, tenant)
  };
}

/** Offsets are clamped to this: a tablet a year off is corrected by at most a month per sync. */
export const MAX_OFFSET_MS = 30 * 24 * 3_600_000;

/**
 * Server time minus local time, taking the request's midpoint as the moment the server read its
 * clock. Null when the sample is unusable (no server time, a negative or very slow round trip).
 */
export function measureOffset(t: Timing): number | null {
  if (t.serverTime === null || !Number.isFinite(t.serverTime)) return null;
  const rtt = t.receivedAt - t.sentAt;
  if (rtt < 0 || rtt > 30_000) return null;
  const offset = Math.round(t.serverTime - (t.sentAt + rtt / 2));
  return Math.max(-MAX_OFFSET_MS, Math.min(MAX_OFFSET_MS, offset));
}
