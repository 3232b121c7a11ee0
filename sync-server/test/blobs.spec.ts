// Attachment bytes on the server (routes/blobs.ts, store/blobs.ts), on SQLite and PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import { CHUNK_BYTES, MAX_BLOB_BYTES } from '../../src/lib/domain/attachments/limits.ts';
import { backends, hlc, mut, NOW, seedTenant, T0, type Opened } from './helpers.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(backends)('blobs on $name', (b) => {
  let o: Opened;
  let app: FastifyInstance;
  let acme: { token: string; tenantId: string; siteId: string };
  let globex: string;
  beforeEach(async () => {
    if (b.skip) return;
    o = await b.open();
    await o.store.migrate();
    const a = await seedTenant(o.store, 'ACME');
    const g = await seedTenant(o.store, 'Globex');
    acme = { token: (await o.store.createToken({ tenantId: a.tenant.id, siteIds: '*' })).token, tenantId: a.tenant.id, siteId: a.site.id };
    globex = (await o.store.createToken({ tenantId: g.tenant.id, siteIds: '*' })).token;
    app = await createApp({ store: o.store, clock: { now: () => NOW } });
  });
  afterEach(async () => {
    if (b.skip) return;
    await app.close();
    await o.cleanup();
  });

  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const put = (t: string, id: string, offset: number, chunk: Buffer, size: number, type = 'image/jpeg') =>
    app.inject({ method: 'PUT', url: `/api/blobs/${id}?offset=${offset}`, headers: { ...auth(t), 'content-type': 'application/octet-stream', 'x-blob-size': String(size), 'x-blob-type': type }, payload: chunk });
  const head = (t: string, id: string) => app.inject({ method: 'HEAD', url: `/api/blobs/${id}`, headers: auth(t) });
  const get = (t: string, id: string, range?: string) => app.inject({ method: 'GET', url: `/api/blobs/${id}`, headers: { ...auth(t), ...(range ? { range } : {}) } });
  /** Uploads `data` in CHUNK_BYTES chunks from `from`; returns the replies. */
  async function upload(t: string, data: Buffer, from = 0, id = sha(data)) {
    const replies = [];
    for (let off = from; off < data.length; off += CHUNK_BYTES) replies.push(await put(t, id, off, data.subarray(off, off + CHUNK_BYTES), data.length));
    return replies;
  }

  it.skipIf(b.skip)('takes a file in chunks, verifies it and serves the identical bytes back', async () => {
    const data = randomBytes(2 * CHUNK_BYTES + 12345);
    const id = sha(data);
    expect((await head(acme.token, id)).statusCode).toBe(404);
    const replies = await upload(acme.token, data);
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(replies.map((r) => r.json())).toEqual([
      { received: CHUNK_BYTES, complete: false },
      { received: 2 * CHUNK_BYTES, complete: false },
      { received: data.length, complete: true }
    ]);
    const h = await head(acme.token, id);
    expect(h.headers).toMatchObject({ 'x-blob-size': String(data.length), 'x-blob-received': String(data.length), 'x-blob-complete': '1' });
    const g = await get(acme.token, id);
    expect(g.statusCode).toBe(200);
    expect(g.headers['content-type']).toBe('image/jpeg');
    expect(g.headers['content-disposition']).toBe('attachment');
    expect(g.rawPayload.equals(data)).toBe(true);
    // Uploading it again sends nothing new: the server already holds it.
    expect((await put(acme.token, id, 0, data.subarray(0, 10), data.length)).json()).toEqual({ received: data.length, complete: true });
  });

  it.skipIf(b.skip)('resumes an upload cut in the middle where the server stopped, without taking bytes twice', async () => {
    const data = randomBytes(3 * CHUNK_BYTES + 7);
    const id = sha(data);
    // The first two chunks arrive; then the connection is cut.
    for (const off of [0, CHUNK_BYTES]) expect((await put(acme.token, id, off, data.subarray(off, off + CHUNK_BYTES), data.length)).statusCode).toBe(200);
    const first = await put(acme.token, id, 0, data.subarray(0, CHUNK_BYTES), data.length);
    expect(first.statusCode).toBe(409); // a tablet that lost its place is told where to resume
    expect(first.json()).toMatchObject({ error: 'offset', received: 2 * CHUNK_BYTES });
    const h = await head(acme.token, id);
    expect(h.headers).toMatchObject({ 'x-blob-received': String(2 * CHUNK_BYTES), 'x-blob-complete': '0' });
    expect((await get(acme.token, id)).statusCode).toBe(404); // an unfinished blob is never served
    const rest = await upload(acme.token, data, Number(h.headers['x-blob-received']));
    expect(rest.at(-1)!.json()).toEqual({ received: data.length, complete: true });
    expect((await get(acme.token, id)).rawPayload.equals(data)).toBe(true);
  });

  it.skipIf(b.skip)('refuses bytes that do not hash to the name and drops the partial upload', async () => {
    const data = randomBytes(CHUNK_BYTES + 100);
    const wrong = sha(randomBytes(10));
    const replies = await upload(acme.token, data, 0, wrong);
    expect(replies[0]!.statusCode).toBe(200);
    expect(replies[1]!.statusCode).toBe(422);
    expect(replies[1]!.json().error).toBe('hash-mismatch');
    expect((await head(acme.token, wrong)).statusCode).toBe(404);
    expect(await o.raw('SELECT * FROM blob_chunks')).toEqual([]);
  });

  it.skipIf(b.skip)('answers 413 for a file over the limit or a chunk over the chunk size, 400 for a bad id', async () => {
    const r = await put(acme.token, sha(Buffer.from('x')), 0, Buffer.from('x'), MAX_BLOB_BYTES + 1);
    expect(r.statusCode).toBe(413);
    expect(r.json().message).toMatch(/at most 50 MiB/);
    const big = randomBytes(CHUNK_BYTES + 1);
    expect((await put(acme.token, sha(big), 0, big, big.length)).statusCode).toBe(413);
    expect((await head(acme.token, 'ABC')).statusCode).toBe(400);
    expect((await get(acme.token, '../../etc/passwd')).statusCode).toBe(404); // not even routed
    expect((await get(acme.token, 'g'.repeat(64))).statusCode).toBe(400);
  });

  it.skipIf(b.skip)('never serves one client company’s file to another, nor to a request without a token', async () => {
    const data = randomBytes(5000);
    const id = sha(data);
    await upload(acme.token, data);
    expect((await get(globex, id)).statusCode).toBe(404);
    expect((await head(globex, id)).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/blobs/${id}` })).statusCode).toBe(401);
    // Globex uploading the same bytes gets its own copy; Acme's stays Acme's.
    expect((await upload(globex, data)).at(-1)!.json()).toEqual({ received: 5000, complete: true });
    expect((await get(globex, id)).rawPayload.equals(data)).toBe(true);
  });

  it.skipIf(b.skip)('serves a site-limited token only the files its visible attachment records name', async () => {
    const other = await o.store.createSite({ tenantId: acme.tenantId, name: 'Annex' });
    const siteToken = (await o.store.createToken({ tenantId: acme.tenantId, siteIds: [acme.siteId] })).token;
    const mine = randomBytes(800);
    const theirs = randomBytes(900);
    await upload(acme.token, mine);
    await upload(acme.token, theirs);
    const record = (id: string, siteId: string, hash: string) => mut({
      table: 'attachments', recordId: id, hlc: hlc(T0, 0, 'tabA'),
      fields: { tenantId: acme.tenantId, siteId, ownerTable: 'devices', ownerId: 'd1', kind: 'photo', name: 'x.jpg', type: 'image/jpeg', size: 1, sha256: hash }
    });
    const push = await app.inject({
      method: 'POST', url: '/api/sync/push', headers: { ...auth(acme.token), 'x-assetwalk-protocol': String(PROTOCOL_VERSION) },
      payload: { mutations: [record('a1', acme.siteId, sha(mine)), record('a2', other.id, sha(theirs))] }
    });
    expect(push.statusCode).toBe(200);
    expect((await get(siteToken, sha(mine))).rawPayload.equals(mine)).toBe(true);
    expect((await get(siteToken, sha(theirs))).statusCode).toBe(404);
  });

  it.skipIf(b.skip)('downloads a range, so a cut download resumes', async () => {
    const data = randomBytes(CHUNK_BYTES + 5000);
    const id = sha(data);
    await upload(acme.token, data);
    const mid = await get(acme.token, id, `bytes=${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}`);
    expect(mid.statusCode).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes ${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}/${data.length}`);
    expect(mid.rawPayload.equals(data.subarray(CHUNK_BYTES - 10, CHUNK_BYTES + 10))).toBe(true);
    const tail = await get(acme.token, id, 'bytes=100-');
    expect(tail.rawPayload.equals(data.subarray(100))).toBe(true);
    expect((await get(acme.token, id, 'bytes=-50')).rawPayload.equals(data.subarray(data.length - 50))).toBe(true);
    expect((await get(acme.token, id, `bytes=${data.length}-`)).statusCode).toBe(416);
  });

  it.skipIf(b.skip)('sends text files raw even to a client asking for gzip, so ranges stay byte ranges', async () => {
    const text = Buffer.from('IP 10.1.3.20 ward 3 printer\n'.repeat(500));
    expect((await put(acme.token, sha(text), 0, text, text.length, 'text/plain')).json()).toMatchObject({ complete: true });
    const r = await app.inject({ url: `/api/blobs/${sha(text)}`, headers: { ...auth(acme.token), 'accept-encoding': 'gzip, br', range: 'bytes=0-99' } });
    expect(r.statusCode).toBe(206);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.rawPayload.equals(text.subarray(0, 100))).toBe(true);
  });

  it.skipIf(b.skip)('lets a viewer read but not upload', async () => {
    const data = randomBytes(100);
    await upload(acme.token, data);
    const viewer = await o.store.createAccount({ login: 'wang', name: 'Wang', role: 'viewer', password: 'correct horse battery' }, NOW);
    await o.store.putGrant(viewer.id, { tenantId: acme.tenantId, siteIds: '*' });
    const { accessToken } = await o.store.createSession({ accountId: viewer.id, clientId: 'tabV', deviceName: 'tablet' }, NOW);
    const headers = { authorization: `Bearer ${accessToken}`, 'x-assetwalk-tenant': acme.tenantId };
    const up = await app.inject({ method: 'PUT', url: `/api/blobs/${sha(Buffer.from('y'))}?offset=0`, headers: { ...headers, 'content-type': 'application/octet-stream', 'x-blob-size': '1' }, payload: Buffer.from('y') });
    expect(up.statusCode).toBe(403);
    const down = await app.inject({ url: `/api/blobs/${sha(data)}`, headers });
    expect(down.rawPayload.equals(data)).toBe(true);
  });
});
