/**
 * Attachment bytes: resumable, chunked, verified (store/blobs.ts has the model).
 *
 *   HEAD /api/blobs/:sha256                 x-blob-size, x-blob-received, x-blob-complete; 404 if unknown
 *   PUT  /api/blobs/:sha256?offset=N        one application/octet-stream chunk (≤ CHUNK_BYTES) at
 *        x-blob-size: total, x-blob-type     `received`; 200 {received, complete} | 409 {received}
 *                                            (resume there) | 422 hash mismatch (upload dropped) | 413
 *   GET  /api/blobs/:sha256                 the bytes of a complete blob; `Range: bytes=a-b` → 206
 *
 * Scope is the bearer token's (auth.ts); uploading needs a writer role, and a writer's HEAD
 * counts as a touch of the blob for the sweep (store/blob-sweep.ts). A blob is read only by
 * its own tenant, and a site-limited token only when an attachments record it can see names it.
 * Replies are never compressed (ranges count raw bytes) and are served as downloads.
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../app.ts';
import { bearerScope, fail, WRITERS } from '../auth.ts';
import type { Store, TokenScope } from '../store/index.ts';
import { SHA256_RE } from '../../../src/lib/domain/attachments/sha256.ts';
import { BLOB_COMPLETE_HEADER, BLOB_RECEIVED_HEADER, BLOB_SIZE_HEADER, BLOB_TYPE_HEADER, CHUNK_BYTES, MAX_BLOB_BYTES, safeType } from '../../../src/lib/domain/attachments/limits.ts';

const INT = /^\d{1,15}$/;

type Params = { sha256: string };

/** The caller's scope, or a reply already sent (400 bad id, 401); throws ForbiddenError (403). */
async function scopeOf(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, store: Store, now: number): Promise<TokenScope | null> {
  if (!SHA256_RE.test(req.params.sha256)) {
    await fail(reply, 400, 'bad-request', 'a blob id is 64 lowercase hex digits (its SHA-256)');
    return null;
  }
  // A ForbiddenError (403) goes to app.ts's error handler.
  const scope = await bearerScope(req, store, now);
  if (!scope) await fail(reply, 401, 'unauthorized', 'missing, expired or revoked token');
  return scope;
}

/** One `bytes=` range of a blob of `size` bytes as [start, end), 'all' without one, null when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'all' | null {
  if (!header) return 'all';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'all'; // several ranges or a malformed one: the whole blob (RFC 9110 allows ignoring)
  if (m[1] === '') {
    const n = Math.min(Number(m[2]), size);
    return n === 0 ? null : [size - n, size];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size : Math.min(Number(m[2]) + 1, size);
  return start >= size || end <= start ? null : [start, end];
}

export const blobRoutes: RoutePlugin = async (app, { store, clock }) => {
  // Chunks arrive raw; this parser lives in this plugin's scope only.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: CHUNK_BYTES }, (_req, body, done) => done(null, body));

  // Declared before GET, which would otherwise get Fastify's automatic HEAD.
  app.head<{ Params: Params }>('/api/blobs/:sha256', async (req, reply) => {
    const now = clock.now();
    const scope = await scopeOf(req, reply, store, now);
    if (!scope) return reply;
    // A writer's HEAD is an upload about to rely on what it finds: it restarts the sweep's clock.
    const touch = WRITERS.includes(scope.role) ? now : undefined;
    const meta = await store.blobs.head(scope.tenantId, req.params.sha256, { touch });
    if (!meta) return reply.code(404).send();
    return reply
      .headers({ [BLOB_SIZE_HEADER]: String(meta.size), [BLOB_RECEIVED_HEADER]: String(meta.received), [BLOB_COMPLETE_HEADER]: meta.complete ? '1' : '0', 'cache-control': 'no-store' })
      .code(200)
      .send();
  });

  app.put<{ Params: Params; Querystring: { offset?: string } }>('/api/blobs/:sha256', { bodyLimit: CHUNK_BYTES, compress: false }, async (req, reply) => {
    const scope = await scopeOf(req, reply, store, clock.now());
    if (!scope) return reply;
    if (!WRITERS.includes(scope.role)) return fail(reply, 403, 'forbidden', `the role ${scope.role} may not upload files`);
    const rawSize = req.headers[BLOB_SIZE_HEADER];
    const offset = req.query.offset ?? '';
    if (typeof rawSize !== 'string' || !INT.test(rawSize) || Number(rawSize) < 1) return fail(reply, 400, 'bad-request', `${BLOB_SIZE_HEADER} (the whole file's size in bytes) is required`);
    if (!INT.test(offset)) return fail(reply, 400, 'bad-request', 'offset (a byte position) is required');
    const size = Number(rawSize);
    if (size > MAX_BLOB_BYTES) return fail(reply, 413, 'payload-too-large', `files may be at most ${MAX_BLOB_BYTES / 1048576} MiB; this one is ${(size / 1048576).toFixed(1)} MiB`);
    if (!Buffer.isBuffer(req.body)) return fail(reply, 415, 'unsupported-media-type', 'send the bytes as application/octet-stream');
    const typeHeader = req.headers[BLOB_TYPE_HEADER];
    const r = await store.blobs.putChunk(scope.tenantId, req.params.sha256, { offset: Number(offset), size, type: safeType(typeof typeHeader === 'string' ? typeHeader : null), data: req.body }, clock.now());
    switch (r.kind) {
      case 'ok':
        reply.header(BLOB_RECEIVED_HEADER, String(r.received));
        return { received: r.received, complete: r.complete };
      case 'offset':
        reply.header(BLOB_RECEIVED_HEADER, String(r.received));
        return reply.code(409).send({ error: 'offset', message: `resume at byte ${r.received}`, received: r.received });
      case 'overrun':
        return fail(reply, 400, 'bad-request', `the chunk runs past the file's ${r.size} bytes`);
      case 'mismatch':
        return fail(reply, 422, 'hash-mismatch', 'the bytes do not hash to this SHA-256; the upload was dropped, start again');
    }
  });

  app.get<{ Params: Params }>('/api/blobs/:sha256', { compress: false }, async (req, reply) => {
    const scope = await scopeOf(req, reply, store, clock.now());
    if (!scope) return reply;
    const sha = req.params.sha256;
    const meta = await store.blobs.head(scope.tenantId, sha);
    const visible = meta?.complete && (scope.siteIds === '*' || (await store.blobs.namedByVisibleRecord(scope, sha)));
    if (!meta || !visible) return fail(reply, 404, 'not-found', 'no such file');
    const range = parseRange(req.headers.range, meta.size);
    reply.headers({
      'accept-ranges': 'bytes',
      etag: `"${sha}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'content-type': meta.type,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff'
    });
    if (range === null) return reply.code(416).header('content-range', `bytes */${meta.size}`).send();
    const [start, end] = range === 'all' ? [0, meta.size] : range;
    if (range !== 'all') reply.code(206).header('content-range', `bytes ${start}-${end - 1}/${meta.size}`);
    reply.header('content-length', String(end - start));
    return reply.send(Readable.from(store.blobs.read(scope.tenantId, sha, start, end)));
  });
};
