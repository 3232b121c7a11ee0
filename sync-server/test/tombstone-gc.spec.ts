// Tombstone collection (rule 6): only old tombstones go, the horizon turns older cursors into
// 410 resync-required, and a pull from 0 is always served. SQLite and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { GoneError } from '../src/store/index.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, storeFixture, T0 } from './helpers.ts';

const DAY = 24 * 3_600_000;

describe.each(backends)('tombstone collection on $name', (b) => {
  const f = storeFixture(b);

  /** d-old deleted 40 days ago, d-young deleted 5 days ago, d-live edited 40 days ago, d-back deleted then restored 40 days ago. */
  async function seed() {
    const at = (days: number) => ({ now: NOW - days * DAY });
    const s = f.acme.scope;
    for (const id of ['d-old', 'd-young', 'd-live', 'd-back']) {
      await f.store.applyMutations(s, [mut({ recordId: id, fields: { name: id }, hlc: hlc(T0 - 50 * DAY, 0, 'tabA') })], at(50));
    }
    await f.store.applyMutations(s, [mut({ recordId: 'd-old', op: 'delete', hlc: hlc(T0 - 40 * DAY, 0, 'tabA') })], at(40));
    await f.store.applyMutations(s, [mut({ recordId: 'd-live', fields: { name: 'edited' }, hlc: hlc(T0 - 40 * DAY, 1, 'tabA') })], at(40));
    await f.store.applyMutations(s, [mut({ recordId: 'd-back', op: 'delete', hlc: hlc(T0 - 41 * DAY, 0, 'tabA') })], at(41));
    await f.store.applyMutations(s, [mut({ recordId: 'd-back', op: 'restore', hlc: hlc(T0 - 40 * DAY, 2, 'tabA') })], at(40));
    await f.store.applyMutations(s, [mut({ recordId: 'd-young', op: 'delete', hlc: hlc(T0 - 5 * DAY, 0, 'tabA') })], at(5));
  }
  const ids = async (cursor = 0) => (await f.store.pull(f.acme.scope, cursor, 1000)).rows.map((r) => r.id).sort();

  it.skipIf(b.skip)('collects only tombstones older than the TTL, in this tenant and others', async () => {
    await seed();
    const other = await f.store.createTenant({ name: 'Other' });
    const os = { tenantId: other.id, siteIds: '*' as const };
    await f.store.applyMutations(os, [mut({ recordId: 'd-old', op: 'delete', hlc: hlc(T0 - 45 * DAY, 0, 'tabB'), clientId: 'tabB' })], { now: NOW - 45 * DAY });
    await f.store.applyMutations(os, [mut({ recordId: 'x-young', op: 'delete', hlc: hlc(T0 - 2 * DAY, 0, 'tabB'), clientId: 'tabB' })], { now: NOW - 2 * DAY });

    expect(await f.store.collectTombstones({ now: NOW, ttlDays: 30 })).toEqual({ tenants: 2, collected: 2 });
    expect(await ids()).toEqual(['d-back', 'd-live', 'd-young']);
    expect((await f.store.pull(os, 0, 1000)).rows.map((r) => r.id)).toEqual(['x-young']);
    // Nothing more to collect: a second run changes nothing.
    expect(await f.store.collectTombstones({ now: NOW, ttlDays: 30 })).toEqual({ tenants: 0, collected: 0 });
    // A longer TTL keeps what a shorter one would take.
    expect(await f.store.collectTombstones({ now: NOW, ttlDays: 6 })).toEqual({ tenants: 0, collected: 0 });
    expect(await f.store.collectTombstones({ now: NOW, ttlDays: 4 })).toEqual({ tenants: 1, collected: 1 });
    expect(await ids()).toEqual(['d-back', 'd-live']);
  });

  it.skipIf(b.skip)('a cursor below the horizon is refused; the horizon itself, newer cursors and 0 are served', async () => {
    await seed();
    const before = await f.store.pull(f.acme.scope, 0, 1000);
    const oldSeq = before.rows.find((r) => r.id === 'd-old')!.serverSeq;
    await f.store.collectTombstones({ now: NOW });
    await expect(f.store.pull(f.acme.scope, oldSeq - 1, 1000)).rejects.toBeInstanceOf(GoneError);
    await expect(f.store.pull(f.acme.scope, 1, 1000)).rejects.toBeInstanceOf(GoneError);
    expect((await f.store.pull(f.acme.scope, oldSeq, 1000)).rows.length).toBeGreaterThan(0);
    expect((await f.store.pull(f.acme.scope, before.cursor, 1000)).rows).toEqual([]);
    expect(await ids(0)).toEqual(['d-back', 'd-live', 'd-young']);
  });

  it.skipIf(b.skip)('GET /api/sync/pull below the horizon answers 410 resync-required', async () => {
    await seed();
    await f.store.collectTombstones({ now: NOW });
    const { token } = await f.store.createToken({ tenantId: f.acme.tenant.id, siteIds: '*' });
    const app = await createApp({ store: f.store, clock: { now: () => NOW } });
    try {
      const get = (cursor: number, resync = '') =>
        app.inject({ method: 'GET', url: `/api/sync/pull?cursor=${cursor}${resync}`, headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
      const gone = await get(1);
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ error: 'resync-required' });
      expect((await get(0)).statusCode).toBe(200);
      // The later pages of a clean pull from 0 are served below the horizon.
      expect((await get(1, '&resync=1')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
