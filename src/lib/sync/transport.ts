/**
 * The only network code of the sync engine: POST /api/sync/push and GET /api/sync/pull.
 *
 * Every outcome is a value, never a thrown error, so the engine decides in one place what
 * "stop", "retry later" and "split the batch" mean. Fetch failures (offline, reset, DNS,
 * timeout) are `network`; the engine never deletes anything on them.
 *
 * The wire shapes mirror sync-server/src/protocol.ts (type-only copy: the client bundle must not
 * pull zod and the server module in; the lead moves protocol.ts to src/lib/sync later, and the
 * engine tests run against the real server, so a drift fails there).
 */

import { PROTOCOL_HEADER, PROTOCOL_VERSION, type MutationResult, type PullPage, type WireMutation } from './wire';

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

export interface Transport {
  push(mutations: WireMutation[]): Promise<Reply<{ results: MutationResult[] }>>;
  pull(cursor: number, limit: number): Promise<Reply<PullPage>>;
}

export interface HttpTransportOptions {
  /** '' for same-origin (the app is served by the sync server). */
  baseUrl: string;
  token: () => string;
  fetch?: typeof fetch;
  /** The unadjusted local clock the offset is measured against. */
  wallNow?: () => number;
  timeoutMs?: number;
}

export function httpTransport(o: HttpTransportOptions): Transport {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const wallNow = o.wallNow ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 30_000;

  async function call<T>(path: string, init: RequestInit): Promise<Reply<T>> {
    const token = o.token();
    // No token: the server would say 401; don't send a request that can only fail.
    if (!token) return { kind: 'unauthorized', status: 401 };
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    headers.set('authorization', `Bearer ${token}`);
    const sentAt = wallNow();
    let res: Response;
    try {
      res = await doFetch(o.baseUrl + path, { ...init, headers, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
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
    push: (mutations) =>
      call('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mutations }) }),
    pull: (cursor, limit) => call(`/api/sync/pull?cursor=${cursor}&limit=${limit}`, { method: 'GET' })
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
