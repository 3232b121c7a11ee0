// Attachment bytes between two tablets through the REAL sync server (testkit.ts), in chunks.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '$lib/domain/attachments/limits';
import { tablet, useTenantServer, type Tablet } from '$lib/sync/testkit';
import { httpBlobTransport, type BlobTransport } from './blobTransport';
import { addFile, getBlob, listFor, remove } from './store';
import { ensureBlob, transferAfterSync } from './transfer';

/** Random bytes backed by a plain ArrayBuffer (what Blob parts are typed to take). */
const rnd = (n: number) => new Uint8Array(randomBytes(n));

const fakeThumb = async (b: Blob) => new Blob([new Uint8Array([0xff, 0xd8, b.size & 0xff, 0xff, 0xd9])], { type: 'image/jpeg' });
/** Bytes as base64 text: vitest's deep equality of megabyte arrays takes seconds. */
const bytesOf = async (b: Blob | string | null) => {
  if (b === null || typeof b === 'string') throw new Error(`no bytes: ${b}`);
  return Buffer.from(await b.arrayBuffer()).toString('base64');
};
const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

describe('attachment transfer against the real server', () => {
  const s = useTenantServer();
  const blobsOf = (t: Tablet) => httpBlobTransport({ baseUrl: s.server.url, token: () => t.token });
  const photoOn = (t: Tablet, bytes: Uint8Array<ArrayBuffer>) =>
    addFile(t.db, t.ctx, { tenantId: s.tenantId, siteId: null, ownerTable: 'devices', ownerId: 'dev-1', kind: 'nameplate', name: 'plate.jpg', file: new Blob([bytes], { type: 'image/jpeg' }) }, { thumbnail: fakeThumb });

  it('a photo taken on tablet A appears on tablet B with identical bytes: thumbnail at once, original when opened', async () => {
    const a = tablet('A', s.server, s.token);
    const b = tablet('B', s.server, s.token);
    const bytes = rnd(CHUNK_BYTES * 2 + 999);
    const made = await photoOn(a, bytes);
    expect((await a.sync({ blobs: blobsOf(a) })).status).toBe('ok');
    expect((await a.db.blobs.get(made.sha256))?.state).toBe('synced');
    expect((await a.db.blobs.get(made.thumbSha256!))?.state).toBe('synced');

    expect((await b.sync({ blobs: blobsOf(b) })).status).toBe('ok');
    const [seen] = await listFor(b.db, 'devices', 'dev-1');
    expect(seen).toMatchObject({ sha256: made.sha256, thumbSha256: made.thumbSha256, kind: 'nameplate', size: bytes.length });
    expect(await bytesOf(await getBlob(b.db, made.thumbSha256!))).toBe(await bytesOf(await getBlob(a.db, made.thumbSha256!)));
    expect(await getBlob(b.db, made.sha256)).toBeNull(); // the original waits until opened
    expect((await b.db.blobs.get(made.sha256))?.state).toBe('missing');

    const progress: number[] = [];
    const original = await ensureBlob(b.db, blobsOf(b), made.sha256, { onProgress: (p) => progress.push(p.done) });
    expect(await bytesOf(original)).toBe(b64(bytes));
    expect(progress).toEqual([CHUNK_BYTES, 2 * CHUNK_BYTES, bytes.length]);
    expect((await b.db.blobs.get(made.sha256))?.state).toBe('synced');
  });

  it('an upload cut in the middle resumes without resending what the server received', async () => {
    const a = tablet('A', s.server, s.token);
    const bytes = rnd(CHUNK_BYTES * 3 + 5);
    const made = await photoOn(a, bytes);
    const real = blobsOf(a);
    const offsets: number[] = [];
    let cut = true;
    const flaky: BlobTransport = {
      ...real,
      async put(tenantId, sha, offset, chunk, size, type) {
        if (sha === made.sha256) offsets.push(offset);
        if (cut && sha === made.sha256 && offset === 2 * CHUNK_BYTES) return { kind: 'fail', status: null, error: 'connection reset' };
        return real.put(tenantId, sha, offset, chunk, size, type);
      }
    };
    expect((await a.sync({ blobs: flaky })).status).toBe('ok'); // the records synced; the file did not finish
    expect((await a.db.blobs.get(made.sha256))).toMatchObject({ state: 'pending', done: 2 * CHUNK_BYTES });
    expect(await real.head(s.tenantId, made.sha256)).toMatchObject({ kind: 'found', received: 2 * CHUNK_BYTES, complete: false });

    cut = false;
    offsets.length = 0;
    expect(await transferAfterSync(a.db, flaky)).toMatchObject({ error: null });
    expect(offsets).toEqual([2 * CHUNK_BYTES, 3 * CHUNK_BYTES]);
    expect((await a.db.blobs.get(made.sha256))?.state).toBe('synced');

    const b = tablet('B', s.server, s.token);
    await b.sync({ blobs: blobsOf(b) });
    expect(await bytesOf(await ensureBlob(b.db, blobsOf(b), made.sha256))).toBe(b64(bytes));
  });

  it('a download cut in the middle resumes from the bytes already kept', async () => {
    const a = tablet('A', s.server, s.token);
    const b = tablet('B', s.server, s.token);
    const bytes = rnd(CHUNK_BYTES * 2 + 10);
    const made = await photoOn(a, bytes);
    await a.sync({ blobs: blobsOf(a) });
    await b.sync({ blobs: blobsOf(b) });
    const real = blobsOf(b);
    const starts: number[] = [];
    let cut = true;
    const flaky: BlobTransport = {
      ...real,
      async get(tenantId, sha, start, end) {
        starts.push(start);
        if (cut && start === CHUNK_BYTES) return { kind: 'fail', status: null, error: 'network down' };
        return real.get(tenantId, sha, start, end);
      }
    };
    expect(await ensureBlob(b.db, flaky, made.sha256)).toBe('network down');
    expect(await getBlob(b.db, made.sha256)).toBeNull();
    cut = false;
    starts.length = 0;
    expect(await bytesOf(await ensureBlob(b.db, flaky, made.sha256))).toBe(b64(bytes));
    expect(starts).toEqual([CHUNK_BYTES, 2 * CHUNK_BYTES]);
  });

  it('a photo deleted on tablet A disappears from B with its bytes', async () => {
    const a = tablet('A', s.server, s.token);
    const b = tablet('B', s.server, s.token);
    const made = await photoOn(a, rnd(4000));
    await a.sync({ blobs: blobsOf(a) });
    await b.sync({ blobs: blobsOf(b) });
    expect(await getBlob(b.db, made.thumbSha256!)).not.toBeNull();
    await remove(a.db, a.ctx, made.id);
    expect(await a.db.blobs.count()).toBe(0);
    await a.sync({ blobs: blobsOf(a) });
    await b.sync({ blobs: blobsOf(b) });
    expect(await listFor(b.db, 'devices', 'dev-1')).toEqual([]);
    expect(await b.db.blobs.count()).toBe(0);
  });
});
