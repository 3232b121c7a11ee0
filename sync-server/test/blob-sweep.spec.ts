// The blob sweep (store/blob-sweep.ts, run by ops/gc-run.ts): unfinished uploads and files no
// record names go after their ages, per tenant, never a file a record or a recent uploader names.
// SQLite and PostgreSQL alike; every time is passed in, nothing sleeps.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { runGc } from '../src/ops/gc-run.ts';
import { sweepBlobs } from '../src/store/blob-sweep.ts';
import type { Db } from '../src/store/db.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { openSqlite } from '../src/store/sqlite.ts';
import { CHUNK_BYTES } from '../../src/lib/domain/attachments/limits.ts';
import { backends, hlc, mut, NOW, PG_URL, seedTenant, storeFixture } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const OPTS = { graceMs: 7 * DAY, partialMaxAgeMs: 24 * HOUR };
const SETTINGS = { tombstoneTtlDays: 30, blobGraceDays: 7, partialUploadHours: 24, sessionRetentionDays: 30 };

describe.each(backends)('blob sweep on $name', (b) => {
  const f = storeFixture(b);

  /** A complete blob of `n` random bytes in the tenant, last touched at `at`; its hash. */
  async function complete(tenantId: string, n: number, at: number, data = randomBytes(n)) {
    for (let off = 0; off < data.length; off += CHUNK_BYTES) {
      const r = await f.store.blobs.putChunk(tenantId, sha(data), { offset: off, size: data.length, type: 'image/jpeg', data: data.subarray(off, off + CHUNK_BYTES) }, at);
      expect(r.kind).toBe('ok');
    }
    return sha(data);
  }
  /** The first `sent` bytes of a blob of `size`, sent at `at`. */
  async function partial(tenantId: string, size: number, sent: number, at: number) {
    const data = randomBytes(size);
    expect(await f.store.blobs.putChunk(tenantId, sha(data), { offset: 0, size, type: 'image/jpeg', data: data.subarray(0, sent) }, at)).toMatchObject({ kind: 'ok', complete: false });
    return { id: sha(data), data };
  }
  /** Pushes an attachments row (or another table's) at server time `at`, its clock the same. */
  const push = (scope: { tenantId: string; siteIds: '*' }, id: string, fields: Record<string, unknown>, at: number, table = 'attachments') =>
    f.store.applyMutations(scope, [mut({ table, recordId: id, hlc: hlc(at, 0, 'tabA'), fields: table === 'attachments' ? { siteId: null, ownerTable: 'devices', ownerId: 'd1', kind: 'photo', name: 'x.jpg', type: 'image/jpeg', size: 1, ...fields } : fields })], { now: at });
  const hashes = async (tenantId: string) => (await f.o.raw('SELECT sha256 FROM blobs WHERE tenant_id = ? ORDER BY sha256', [tenantId])).map((r) => r.sha256);
  const chunkCount = async (id: string) => Number((await f.o.raw('SELECT COUNT(*) AS n FROM blob_chunks WHERE sha256 = ?', [id]))[0]!.n);

  it.skipIf(b.skip)('drops unfinished uploads untouched for a day, with their chunks, and keeps those touched since', async () => {
    const t = f.acme.tenant.id;
    const stale = await partial(t, 3 * CHUNK_BYTES, CHUNK_BYTES, NOW - 30 * HOUR);
    const resumed = await partial(t, 2 * CHUNK_BYTES, 1000, NOW - 3 * DAY);
    // Begun three days ago, but a chunk arrived an hour ago: not abandoned.
    await f.store.blobs.putChunk(t, resumed.id, { offset: 1000, size: resumed.data.length, type: 'image/jpeg', data: resumed.data.subarray(1000, 2000) }, NOW - HOUR);
    const fresh = await partial(t, 2 * CHUNK_BYTES, 500, NOW - 2 * HOUR);
    expect(await chunkCount(stale.id)).toBe(1);

    expect(await f.store.blobs.sweep({ now: NOW, ...OPTS })).toEqual({ tenants: 1, partial: { count: 1, bytes: CHUNK_BYTES }, unreferenced: { count: 0, bytes: 0 } });
    expect(await hashes(t)).toEqual([resumed.id, fresh.id].sort());
    expect(await chunkCount(stale.id)).toBe(0);
    // The tablet that comes back is told to start over at 0, and can.
    expect(await f.store.blobs.putChunk(t, stale.id, { offset: CHUNK_BYTES, size: stale.data.length, type: 'image/jpeg', data: stale.data.subarray(CHUNK_BYTES, 2 * CHUNK_BYTES) }, NOW)).toEqual({ kind: 'offset', received: 0 });
    // The age is configurable.
    expect((await f.store.blobs.sweep({ now: NOW, graceMs: 7 * DAY, partialMaxAgeMs: 90 * 60_000 })).partial).toEqual({ count: 1, bytes: 500 });
    expect(await hashes(t)).toEqual([resumed.id, stale.id].sort());
  });

  it.skipIf(b.skip)('drops complete files no record of the tenant names once the grace period is over', async () => {
    const t = f.acme.tenant.id;
    const s = f.acme.scope;
    const live = await complete(t, 5000, NOW - 30 * DAY);
    const thumb = await complete(t, 700, NOW - 30 * DAY);
    const deleted = await complete(t, 600, NOW - 30 * DAY);
    const driver = await complete(t, 900, NOW - 30 * DAY);
    const orphan = await complete(t, CHUNK_BYTES + 10, NOW - 8 * DAY);
    const young = await complete(t, 300, NOW - 6 * DAY);
    await push(s, 'a-live', { sha256: live, thumbSha256: thumb }, NOW - 29 * DAY);
    await push(s, 'a-del', { sha256: deleted }, NOW - 29 * DAY);
    await f.store.applyMutations(s, [mut({ recordId: 'a-del', table: 'attachments', op: 'delete', hlc: hlc(NOW - 20 * DAY, 0, 'tabA') })], { now: NOW - 20 * DAY });
    // A driver names its file directly (the library opens it by this hash).
    await push(s, 'drv1', { name: 'NIC', sha256: driver, fileName: 'nic.zip', siteId: null }, NOW - 29 * DAY, 'drivers');

    const r = await f.store.blobs.sweep({ now: NOW, ...OPTS });
    expect(r).toEqual({ tenants: 1, partial: { count: 0, bytes: 0 }, unreferenced: { count: 1, bytes: CHUNK_BYTES + 10 } });
    expect(await hashes(t)).toEqual([live, thumb, deleted, driver, young].sort());
    expect(await chunkCount(orphan)).toBe(0);

    // Once the tombstone is collected nothing names `deleted`: it goes in the same gc run.
    const run = await runGc(f.store, SETTINGS, NOW + 11 * DAY);
    expect(run).toMatchObject({ tombstones: { collected: 1 }, blobs: { unreferenced: { count: 2, bytes: 600 + 300 } }, errors: [] });
    expect(await hashes(t)).toEqual([live, thumb, driver].sort());
  });

  it.skipIf(b.skip)('works per client company: another company’s record keeps nothing, and its copy is its own', async () => {
    const acme = f.acme.tenant.id;
    const globex = await seedTenant(f.store, 'Globex');
    const data = randomBytes(2000);
    const id = await complete(acme, 0, NOW - 30 * DAY, data);
    await complete(globex.tenant.id, 0, NOW - 30 * DAY, data);
    // Only Globex names the hash.
    await push(globex.scope, 'g1', { sha256: id }, NOW - 20 * DAY);
    expect(await f.store.blobs.sweep({ now: NOW, ...OPTS })).toMatchObject({ tenants: 1, unreferenced: { count: 1, bytes: 2000 } });
    expect(await hashes(acme)).toEqual([]);
    expect(await hashes(globex.tenant.id)).toEqual([id]);
  });

  it.skipIf(b.skip)('keeps an old file an uploader found by HEAD: its record may arrive within the grace period', async () => {
    const t = f.acme.tenant.id;
    const a = await complete(t, 400, NOW - 30 * DAY);
    const c = await complete(t, 500, NOW - 30 * DAY);
    const { token } = await f.store.createToken({ tenantId: t, siteIds: '*' });
    const viewer = await f.store.createAccount({ login: 'vera', name: 'Vera', role: 'viewer', password: 'correct horse battery' }, NOW);
    await f.store.putGrant(viewer.id, { tenantId: t, siteIds: '*' });
    const { accessToken } = await f.store.createSession({ accountId: viewer.id, clientId: 'tabV', deviceName: 'tablet' }, NOW + 6 * DAY);
    let now = NOW - DAY;
    const app = await createApp({ store: f.store, clock: { now: () => now } });
    const head = (headers: Record<string, string>) => app.inject({ method: 'HEAD', url: `/api/blobs/${a}`, headers });
    try {
      // The tablet finds the file complete, skips its upload and pushes the record later.
      expect((await head({ authorization: `Bearer ${token}` })).headers['x-blob-complete']).toBe('1');
      expect(await f.store.blobs.sweep({ now: NOW, ...OPTS })).toMatchObject({ unreferenced: { count: 1, bytes: 500 } });
      expect(await hashes(t)).toEqual([a]);
      expect(await hashes(t)).not.toContain(c);
      // A viewer's HEAD is no upload: it touches nothing.
      now = NOW + 6 * DAY;
      expect((await head({ authorization: `Bearer ${accessToken}`, 'x-assetwalk-tenant': t })).statusCode).toBe(200);
      expect((await f.store.blobs.sweep({ now: NOW + 7 * DAY, ...OPTS })).unreferenced).toEqual({ count: 1, bytes: 400 });
    } finally {
      await app.close();
    }
  });

  it.skipIf(b.skip)('keeps a file named by a record pushed between its scan and its delete', async () => {
    const t = f.acme.tenant.id;
    const id = await complete(t, 800, NOW - 30 * DAY);
    const other = await complete(t, 900, NOW - 30 * DAY);
    // A second connection for the sweep, whose first transaction lets a push commit just before it.
    const db = b.name === 'sqlite' ? openSqlite(String((await f.o.raw('PRAGMA database_list'))[0]!.file)) : openPostgres(PG_URL!, { schema: await schemaOf() });
    let pushed = false;
    const racing: Db = {
      ...db,
      dialect: db.dialect,
      transaction: async (fn) => {
        if (!pushed) {
          pushed = true;
          await push(f.acme.scope, 'late', { sha256: id }, NOW);
        }
        return db.transaction(fn);
      }
    };
    try {
      expect(await sweepBlobs(racing, { now: NOW, ...OPTS })).toMatchObject({ unreferenced: { count: 1, bytes: 900 } });
      expect(pushed).toBe(true);
      expect(await hashes(t)).toEqual([id]);
      expect(await hashes(t)).not.toContain(other);
    } finally {
      await db.close();
    }
  });

  it.skipIf(b.skip)('keeps a file only a recorded conflict names: the lost value can be put back', async () => {
    const t = f.acme.tenant.id;
    const kept = await complete(t, 300, NOW - 30 * DAY);
    const lost = await complete(t, 400, NOW - 30 * DAY);
    const gone = await complete(t, 500, NOW - 30 * DAY);
    await push(f.acme.scope, 'a1', { sha256: kept }, NOW - 29 * DAY);
    // Another tablet's older edit loses to the stored one: the server records its value as a conflict.
    const older = mut({ table: 'attachments', recordId: 'a1', clientId: 'tabB', hlc: hlc(NOW - 29 * DAY - HOUR, 0, 'tabB'), fields: { sha256: lost } });
    expect((await f.store.applyMutations(f.acme.scope, [older], { now: NOW - 29 * DAY }))[0]).toMatchObject({ status: 'applied' });
    expect((await f.store.conflicts(f.acme.scope, 'attachments', 'a1')).map((c) => c.value)).toEqual([lost]);

    expect((await f.store.blobs.sweep({ now: NOW, ...OPTS })).unreferenced).toEqual({ count: 1, bytes: 500 });
    expect(await hashes(t)).toEqual([kept, lost].sort());
    expect(await hashes(t)).not.toContain(gone);
  });

  /** The PostgreSQL test schema the store lives in. */
  async function schemaOf(): Promise<string> {
    return String((await f.o.raw('SELECT current_schema() AS s'))[0]!.s);
  }
});
