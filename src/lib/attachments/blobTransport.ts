/**
 * The network side of attachment transfer: HEAD/PUT/GET /api/blobs/:sha256 (sync-server
 * routes/blobs.ts). Every outcome is a value, never a thrown error; `fail` with status null is a
 * network failure. Requests name the client company the blob belongs to (TENANT_HEADER), as
 * the sync requests do, so an account holding several companies uploads each one's files there.
 */
import { TENANT_HEADER } from '$lib/sync/accounts';
import { BLOB_COMPLETE_HEADER, BLOB_RECEIVED_HEADER, BLOB_SIZE_HEADER, BLOB_TYPE_HEADER } from '$lib/domain/attachments/limits';

export type Fail = { kind: 'fail'; status: number | null; error: string };
export type HeadResult = { kind: 'found'; size: number; received: number; complete: boolean } | { kind: 'absent' } | Fail;
export type PutResult = { kind: 'ok'; received: number; complete: boolean } | { kind: 'offset'; received: number } | { kind: 'mismatch' } | Fail;
export type GetResult = { kind: 'ok'; bytes: Blob; total: number } | { kind: 'absent' } | Fail;

export interface BlobTransport {
  head(tenantId: string, sha256: string): Promise<HeadResult>;
  put(tenantId: string, sha256: string, offset: number, chunk: Blob, size: number, type: string): Promise<PutResult>;
  /** Bytes [start, end) of the blob (the server may return fewer at its end). */
  get(tenantId: string, sha256: string, start: number, end: number): Promise<GetResult>;
}

export interface HttpBlobTransportOptions {
  /** '' for same-origin (the app is served by the sync server); a function when it can change. */
  baseUrl: string | (() => string);
  token: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function httpBlobTransport(o: HttpBlobTransportOptions): BlobTransport {
  const doFetch = o.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = o.timeoutMs ?? 60_000;

  async function call(tenantId: string, sha256: string, init: RequestInit & { headers?: Record<string, string> }, query = ''): Promise<Response | Fail> {
    const token = await o.token();
    if (!token) return { kind: 'fail', status: 401, error: 'no token' };
    try {
      const base = typeof o.baseUrl === 'function' ? o.baseUrl() : o.baseUrl;
      return await doFetch(`${base}/api/blobs/${sha256}${query}`, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${token}`, [TENANT_HEADER]: tenantId },
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (err) {
      return { kind: 'fail', status: null, error: err instanceof Error ? err.message : String(err) };
    }
  }
  const failOf = async (res: Response): Promise<Fail> => {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    return { kind: 'fail', status: res.status, error: body?.message ?? `HTTP ${res.status}` };
  };

  return {
    async head(tenantId, sha256) {
      const res = await call(tenantId, sha256, { method: 'HEAD' });
      if ('kind' in res) return res;
      if (res.status === 404) return { kind: 'absent' };
      if (!res.ok) return { kind: 'fail', status: res.status, error: `HTTP ${res.status}` };
      return {
        kind: 'found',
        size: Number(res.headers.get(BLOB_SIZE_HEADER)),
        received: Number(res.headers.get(BLOB_RECEIVED_HEADER)),
        complete: res.headers.get(BLOB_COMPLETE_HEADER) === '1'
      };
    },

    async put(tenantId, sha256, offset, chunk, size, type) {
      const res = await call(
        tenantId, sha256,
        { method: 'PUT', body: chunk, headers: { 'content-type': 'application/octet-stream', [BLOB_SIZE_HEADER]: String(size), [BLOB_TYPE_HEADER]: type } },
        `?offset=${offset}`
      );
      if ('kind' in res) return res;
      if (res.status === 409) return { kind: 'offset', received: Number(res.headers.get(BLOB_RECEIVED_HEADER)) };
      if (res.status === 422) return { kind: 'mismatch' };
      if (!res.ok) return failOf(res);
      try {
        const b = (await res.json()) as { received: number; complete: boolean };
        return { kind: 'ok', received: b.received, complete: b.complete };
      } catch (err) {
        return { kind: 'fail', status: null, error: err instanceof Error ? err.message : String(err) };
      }
    },

    async get(tenantId, sha256, start, end) {
      const res = await call(tenantId, sha256, { method: 'GET', headers: { range: `bytes=${start}-${end - 1}` } });
      if ('kind' in res) return res;
      if (res.status === 404) return { kind: 'absent' };
      if (res.status !== 206 && res.status !== 200) return failOf(res);
      try {
        const bytes = await res.blob();
        // 200: the server ignored the range and sent it all; keep only what was asked for.
        if (res.status === 200) return { kind: 'ok', bytes: bytes.slice(start, end), total: bytes.size };
        const total = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN);
        if (!Number.isFinite(total)) return { kind: 'fail', status: res.status, error: 'no content-range' };
        return { kind: 'ok', bytes, total };
      } catch (err) {
        return { kind: 'fail', status: null, error: err instanceof Error ? err.message : String(err) };
      }
    }
  };
}
