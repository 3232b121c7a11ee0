// Migration 005 (blobs.touched_at) on a database at version 4 holding blobs: each counts as
// touched when it was created, the sweep ages blobs from their last touch, and a touch no longer
// rewrites when the blob was created.
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../src/store/migrate.ts';
import { backends, NOW, storeFixture } from './helpers.ts';

const DAY = 24 * 3_600_000;
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe.each(backends)('migration 005 (blob touched_at) on $name', (b) => {
  const f = storeFixture(b, { migrateTo: 4 });

  it.skipIf(b.skip)('gives version-4 blobs their creation time as last touch, then ages them from touches', async () => {
    const t = f.acme.tenant.id;
    // Written by hand, as version-4 code would have: two complete blobs nobody names, created 30 days ago.
    for (const sha of [A, B]) {
      await f.o.raw('INSERT INTO blobs (tenant_id, sha256, size, type, received, complete, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [t, sha, 3, 'image/jpeg', 3, 1, NOW - 30 * DAY]);
      await f.o.raw('INSERT INTO blob_chunks (tenant_id, sha256, off, data) VALUES (?, ?, ?, ?)', [t, sha, 0, Buffer.from('abc')]);
    }
    expect(await f.store.migrate()).toBe(loadMigrations(f.store.kind).length);
    expect((await f.o.raw('SELECT sha256, created_at, touched_at FROM blobs ORDER BY sha256')).map((r) => [r.sha256, Number(r.created_at), Number(r.touched_at)])).toEqual([
      [A, NOW - 30 * DAY, NOW - 30 * DAY],
      [B, NOW - 30 * DAY, NOW - 30 * DAY]
    ]);
    // An uploader asks for A a day ago: A's last touch moves, its creation time stays.
    expect(await f.store.blobs.head(t, A, { touch: NOW - DAY })).toMatchObject({ complete: true });
    expect((await f.o.raw('SELECT created_at, touched_at FROM blobs WHERE sha256 = ?', [A])).map((r) => [Number(r.created_at), Number(r.touched_at)])).toEqual([[NOW - 30 * DAY, NOW - DAY]]);
    expect(await f.store.blobs.sweep({ now: NOW, graceMs: 7 * DAY, partialMaxAgeMs: DAY })).toMatchObject({ unreferenced: { count: 1, bytes: 3 } });
    expect((await f.o.raw('SELECT sha256 FROM blobs')).map((r) => r.sha256)).toEqual([A]);
  });
});
