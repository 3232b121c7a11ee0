// Originals downloaded in the background through the REAL sync server (testkit.ts): newest first,
// stopped when the tablet may no longer download or storage runs low, resumed where it stopped.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '$lib/domain/attachments/limits';
import type { PrefetchBlock } from '$lib/domain/attachments/prefetch';
import { tablet, useTenantServer, type Tablet } from '$lib/sync/testkit';
import { httpBlobTransport, type BlobTransport } from './blobTransport';
import { prefetchOriginals, originalsHere, type PrefetchDeps } from './prefetch';
import { addFile, getBlob } from './store';

const GB = 1024 ** 3;
const rnd = (n: number) => new Uint8Array(randomBytes(n));
const fakeThumb = async (b: Blob) => new Blob([new Uint8Array([0xff, 0xd8, b.size & 0xff, 0xff, 0xd9])], { type: 'image/jpeg' });
const roomy = async () => ({ usage: 0, quota: 10 * GB });

describe('background download of originals', () => {
  const s = useTenantServer();
  const blobsOf = (t: Tablet) => httpBlobTransport({ baseUrl: s.server.url, token: () => t.token });
  const photoOn = (t: Tablet, name: string, bytes: Uint8Array<ArrayBuffer>, tenantId = s.tenantId) =>
    addFile(t.db, t.ctx, { tenantId, siteId: null, ownerTable: 'devices', ownerId: 'dev-1', kind: 'photo', name, file: new Blob([bytes], { type: 'image/jpeg' }) }, { thumbnail: fakeThumb });

  /** Tablet A takes photos and syncs them; tablet B syncs and holds their thumbnails only. */
  async function twoTablets(sizes: number[]) {
    const a = tablet('A', s.server, s.token);
    const b = tablet('B', s.server, s.token);
    const made = [];
    for (const [i, n] of sizes.entries()) {
      a.skewMs = i * 1000; // later photos get later creation clocks
      made.push(await photoOn(a, `p${i}.jpg`, rnd(n)));
    }
    expect((await a.sync({ blobs: blobsOf(a) })).status).toBe('ok');
    expect((await b.sync({ blobs: blobsOf(b) })).status).toBe('ok');
    return { a, b, made };
  }
  const deps = (b: Tablet, over: Partial<PrefetchDeps> = {}): PrefetchDeps => ({ db: b.db, transport: blobsOf(b), tenantId: s.tenantId, blocked: () => null, estimate: roomy, ...over });

  it('downloads every missing original of the client company, newest first', async () => {
    const { b, made } = await twoTablets([3000, 4000, 5000]);
    expect(await originalsHere(b.db, s.tenantId)).toEqual({ here: 0, total: 3 });
    const order: string[] = [];
    const real = blobsOf(b);
    const logged: BlobTransport = { ...real, get: (t, sha, start, end) => { order.push(sha); return real.get(t, sha, start, end); } };
    expect(await prefetchOriginals(deps(b, { transport: logged }))).toEqual({ kind: 'done', downloaded: 3 });
    expect(order).toEqual([made[2]!.sha256, made[1]!.sha256, made[0]!.sha256]);
    expect(await originalsHere(b.db, s.tenantId)).toEqual({ here: 3, total: 3 });
    expect(await getBlob(b.db, made[0]!.sha256)).not.toBeNull();
    // Nothing left: a second pass sends no request.
    order.length = 0;
    expect(await prefetchOriginals(deps(b, { transport: logged }))).toEqual({ kind: 'done', downloaded: 0 });
    expect(order).toEqual([]);
  });

  it('stops between ranges when the tablet may no longer download, and resumes there later', async () => {
    const { b, made } = await twoTablets([CHUNK_BYTES * 2 + 7]);
    let block: PrefetchBlock | null = null;
    const starts: number[] = [];
    const real = blobsOf(b);
    const watched: BlobTransport = {
      ...real,
      get: async (t, sha, start, end) => {
        starts.push(start);
        const r = await real.get(t, sha, start, end);
        block = 'metered'; // the tablet moved to a mobile hotspot after the first range
        return r;
      }
    };
    expect(await prefetchOriginals(deps(b, { transport: watched, blocked: () => block }))).toEqual({ kind: 'blocked', reason: 'metered', downloaded: 0, left: 1 });
    expect(starts).toEqual([0]);
    expect(await getBlob(b.db, made[0]!.sha256)).toBeNull();

    block = null;
    starts.length = 0;
    const resumed = await prefetchOriginals(deps(b, { transport: { ...real, get: (t, sha, start, end) => { starts.push(start); return real.get(t, sha, start, end); } } }));
    expect(resumed).toEqual({ kind: 'done', downloaded: 1 });
    expect(starts).toEqual([CHUNK_BYTES, 2 * CHUNK_BYTES]);
    expect((await getBlob(b.db, made[0]!.sha256))?.size).toBe(CHUNK_BYTES * 2 + 7);
  });

  it('stops before an original that would leave less than 10 % of the quota free', async () => {
    const { b } = await twoTablets([4000]);
    const quota = 10 * GB;
    const full = async () => ({ usage: quota * 0.9 - 3000, quota }); // 4000 more bytes cross the 10 % line
    expect(await prefetchOriginals(deps(b, { estimate: full }))).toEqual({ kind: 'storage-low', downloaded: 0, left: 1, free: quota * 0.1 + 3000, quota });
    expect(await originalsHere(b.db, s.tenantId)).toEqual({ here: 0, total: 1 });
  });

  it("waits for a sync run to end before each range, and takes only the chosen company's originals", async () => {
    const { b, made } = await twoTablets([3000]);
    let release: () => void = () => {};
    const syncing = new Promise<void>((r) => (release = r));
    let ranges = 0;
    const real = blobsOf(b);
    const counted: BlobTransport = { ...real, get: (t, sha, start, end) => { ranges++; return real.get(t, sha, start, end); } };
    const run = prefetchOriginals(deps(b, { transport: counted, idle: () => syncing }));
    await new Promise((r) => setTimeout(r, 50));
    expect(ranges).toBe(0);
    release();
    expect(await run).toEqual({ kind: 'done', downloaded: 1 });
    expect(await getBlob(b.db, made[0]!.sha256)).not.toBeNull();

    expect(await prefetchOriginals(deps(b, { tenantId: 'another-company' }))).toEqual({ kind: 'done', downloaded: 0 });
  });
});
