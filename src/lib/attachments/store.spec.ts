import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { testDb } from '$lib/db/testing';
import { MAX_FILE_BYTES } from '$lib/domain/attachments/limits';
import { addFile, AttachmentError, getBlob, hashBlob, listFor, remove, type NewAttachment } from './store';

/** Random bytes backed by a plain ArrayBuffer (what Blob parts are typed to take). */
const rnd = (n: number) => new Uint8Array(randomBytes(n));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = async (b: Blob | null) => new Uint8Array(await b!.arrayBuffer());
/** Stands in for the canvas thumbnailer (Node has no canvas): a small JPEG-typed blob derived from the input. */
const fakeThumb = async (b: Blob) => new Blob([new Uint8Array([0xff, 0xd8, b.size & 0xff, 0xff, 0xd9])], { type: 'image/jpeg' });

function photo(bytes: Uint8Array<ArrayBuffer>, over: Partial<NewAttachment> = {}): NewAttachment {
  return { tenantId: 't1', siteId: 's1', ownerTable: 'devices', ownerId: 'd1', kind: 'photo', name: 'front.jpg', file: new Blob([bytes], { type: 'image/jpeg' }), ...over };
}

describe('attachments on the tablet', () => {
  it('stores a photo once by its SHA-256 with a thumbnail, and queues the record for sync', async () => {
    const { db, ctx } = testDb();
    const bytes = rnd(5000);
    const a = await addFile(db, ctx, photo(bytes), { thumbnail: fakeThumb });
    expect(a).toMatchObject({ tenantId: 't1', siteId: 's1', ownerTable: 'devices', ownerId: 'd1', kind: 'photo', name: 'front.jpg', type: 'image/jpeg', size: 5000, sha256: sha(bytes) });
    expect(a.thumbSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await bytesOf(await getBlob(db, a.sha256))).toEqual(new Uint8Array(bytes));
    expect(await db.blobs.get(a.sha256)).toMatchObject({ state: 'pending', size: 5000, type: 'image/jpeg', done: 0 });
    expect((await getBlob(db, a.thumbSha256!))?.type).toBe('image/jpeg');
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'attachments', recordId: a.id, op: 'upsert', fields: { sha256: a.sha256, thumbSha256: a.thumbSha256, size: 5000 } });

    // The same picture attached again (the nameplate shot twice): a second record, one copy of the bytes.
    const b = await addFile(db, ctx, photo(bytes, { kind: 'nameplate', name: 'plate.jpg' }), { thumbnail: fakeThumb });
    expect(b.sha256).toBe(a.sha256);
    expect(await db.blobs.count()).toBe(2);
    expect((await listFor(db, 'devices', 'd1')).map((x) => x.kind)).toEqual(['photo', 'nameplate']);
    expect(await listFor(db, 'devices', 'd2')).toEqual([]);
  });

  it('hashes large files in slices to the same digest as node:crypto', async () => {
    const bytes = rnd(6 * 1024 * 1024 + 3);
    expect(await hashBlob(new Blob([bytes]))).toBe(sha(bytes));
    expect(await hashBlob(new Blob([bytes.subarray(0, 1000)]))).toBe(sha(bytes.subarray(0, 1000)));
  });

  it('refuses a file over the limit and an empty one, in words, writing nothing', async () => {
    const { db, ctx } = testDb();
    const big = new Blob([new Uint8Array(MAX_FILE_BYTES + 1)], { type: 'application/pdf' });
    const err = await addFile(db, ctx, photo(new Uint8Array(0), { kind: 'file', name: 'manual.pdf', file: big })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AttachmentError);
    expect((err as AttachmentError).code).toBe('too-large');
    expect((err as Error).message).toMatch(/manual\.pdf.*25\.0 MB.*at most 25 MB/);
    await expect(addFile(db, ctx, photo(new Uint8Array(0)))).rejects.toMatchObject({ code: 'empty' });
    expect(await db.blobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('reports a full disk in words and leaves neither bytes nor record behind', async () => {
    const { db, ctx } = testDb();
    const put = db.blobs.put.bind(db.blobs);
    let calls = 0;
    // The original's bytes fit; the thumbnail's do not: the whole add must roll back.
    vi.spyOn(db.blobs, 'put').mockImplementation((row, key) => (++calls === 2 ? Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) : put(row, key)) as ReturnType<typeof put>);
    const err = await addFile(db, ctx, photo(rnd(100)), { thumbnail: fakeThumb }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'quota' });
    expect((err as Error).message).toMatch(/storage is full/);
    expect(await db.blobs.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes a record with a synced tombstone and drops bytes only when no live record names them', async () => {
    const { db, ctx } = testDb();
    const bytes = rnd(300);
    const a = await addFile(db, ctx, photo(bytes), { thumbnail: fakeThumb });
    const b = await addFile(db, ctx, photo(bytes, { ownerId: 'd2' }), { thumbnail: fakeThumb });
    await remove(db, ctx, a.id);
    expect(await listFor(db, 'devices', 'd1')).toEqual([]);
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ table: 'attachments', recordId: a.id, op: 'delete' });
    expect(await getBlob(db, a.sha256)).not.toBeNull(); // still named by b
    await remove(db, ctx, b.id);
    expect(await getBlob(db, a.sha256)).toBeNull();
    expect(await db.blobs.count()).toBe(0);
    await expect(remove(db, ctx, b.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('gives a file that is no image no thumbnail', async () => {
    const { db, ctx } = testDb();
    const thumb = vi.fn(fakeThumb);
    const a = await addFile(db, ctx, photo(rnd(10), { kind: 'file', name: 'driver.zip', file: new Blob([rnd(10)], { type: 'application/zip' }) }), { thumbnail: thumb });
    expect(thumb).not.toHaveBeenCalled();
    expect(a.thumbSha256).toBeUndefined();
    expect(a.type).toBe('application/zip');
  });
});
