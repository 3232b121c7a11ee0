// The first-sync fast path of pull.ts (freshRow + bulkAdd) must leave a tablet exactly as the
// per-row merge would: same rows, same clocks, tombstones, derived fields, HLC and cursor.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { AssetWalkDB, INSERT_ONLY_TABLES, SYNCED_TABLES } from '$lib/db/schema';
import { newDeviceFields } from '$lib/domain/device';
import { freshRow, mergeRow } from './merge';
import { applyPage, pullKeys } from './pull';
import { tablet, useTenantServer } from './testkit';
import type { PulledRecord, PullPage } from './transport';

const hlc = (wall: number, node = 'nodeA', counter = 0) => `${String(wall).padStart(15, '0')}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
const T = 1_764_720_000_000;

/** Rows a server may send, including the odd ones: fields without clocks, clocks without fields, bookkeeping names, bad clocks. */
const odd: PulledRecord[] = [
  { table: 'locations', id: 'l1', data: { tenantId: 't', siteId: 's', room: '101', floor: '1' }, clocks: { tenantId: hlc(T), siteId: hlc(T), room: hlc(T + 5, 'nodeB'), floor: hlc(T + 2) }, deletedHlc: null, serverSeq: 1 },
  { table: 'locations', id: 'l2', data: { tenantId: 't', room: '102', extra: { a: [1, 2] } }, clocks: { tenantId: hlc(T), room: hlc(T) }, deletedHlc: hlc(T + 9), restoredHlc: null, serverSeq: 2 },
  { table: 'locations', id: 'l3', data: { tenantId: 't', createdAt: '1999-01-01T00:00:00.000Z', _macs: ['x'], id: 'other' }, clocks: { tenantId: hlc(T), gone: hlc(T + 1), createdAt: hlc(T + 3), constructor: hlc(T + 4) }, deletedHlc: null, restoredHlc: hlc(T + 2), serverSeq: 3 },
  { table: 'locations', id: 'l4', data: { tenantId: 't', room: '104' }, clocks: { tenantId: 'not a clock', room: hlc(0) }, deletedHlc: null, serverSeq: 4 },
  { table: 'locations', id: 'l5', data: { tenantId: 't' }, clocks: {}, deletedHlc: null, serverSeq: 5 },
  { table: 'checks', id: 'c1', data: { panelId: 'p', result: 'ok', at: 'x' }, clocks: { panelId: hlc(T), result: hlc(T + 1, 'nodeC'), at: hlc(T) }, deletedHlc: null, serverSeq: 6 }
];

describe('freshRow', () => {
  it('is what mergeRow makes of a record the tablet does not hold, with nothing pending', () => {
    for (const r of odd) {
      const insertOnly = r.table === 'checks';
      const m = mergeRow({ local: undefined, remote: r, insertOnly, pending: undefined, node: 'nodeA', ackAt: () => undefined, recordedAt: new Date(T).toISOString() });
      expect(m.conflicts).toEqual([]);
      expect(freshRow(r, insertOnly)).toStrictEqual(m.next);
    }
  });
});

async function dump(db: AssetWalkDB) {
  const out: Record<string, unknown[]> = {};
  for (const t of [...SYNCED_TABLES, ...INSERT_ONLY_TABLES, 'conflicts', 'meta', 'outbox']) {
    const rows = (await db.table(t).toArray()) as { id?: unknown; key?: unknown }[];
    out[t] = rows.sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));
  }
  return out;
}

describe('a first sync by the fast path', () => {
  const env = useTenantServer();

  it('ends with exactly the rows, clocks, HLC and cursor of the per-row merge', async () => {
    // Another tablet makes a realistic history: per-field edits, a delete, a restore, MACs.
    const a = tablet('tabA', env.server, env.token);
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
    const siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
    const loc = await a.org.createLocation({ tenantId: env.tenantId, siteId, building: 'A', floor: '1', room: '101' });
    const ids: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const base = newDeviceFields(env.tenantId, siteId, loc.id);
      const d = await a.devices.create({ ...base, assetNumber: `AC-${String(i).padStart(6, '0')}`, name: `PC-${i}`, hardware: { ...base.hardware, nics: [{ name: 'eth0', mac: `3c:52:82:01:86:${String(i).padStart(2, '0')}`, ip: '' }] } });
      ids.push(d.id);
    }
    await a.sync();
    for (const id of ids.slice(0, 4)) await a.devices.update(id, { ...(await a.devices.get(id))!, name: 'renamed', serial: 'S-1' });
    await a.devices.remove(ids[5]!);
    await a.devices.remove(ids[6]!);
    await a.devices.restore(ids[6]!);
    await a.sync();

    // The pages a fresh tablet gets (small, so there are several), merged both ways.
    const pages: PullPage[] = [];
    for (let cursor = 0; ;) {
      const p = await env.server.store.pull({ tenantId: env.tenantId, siteIds: '*' }, cursor, 5);
      pages.push(p);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    expect(pages.length).toBeGreaterThan(2);
    const fast = new AssetWalkDB(`fast-${crypto.randomUUID()}`);
    const slow = new AssetWalkDB(`slow-${crypto.randomUUID()}`);
    for (const db of [fast, slow]) await db.meta.put({ key: 'nodeId', value: 'tabB' });
    // Dexie hands out transaction-bound tables, so the spy sits on the shared prototype.
    const added = vi.spyOn(Object.getPrototypeOf(fast.devices) as { bulkAdd: () => unknown }, 'bulkAdd');
    const addedTo = (db: AssetWalkDB) => added.mock.contexts.filter((c) => (c as { db: unknown }).db === db).map((c) => (c as { name: string }).name);
    const now = Date.now();
    for (const p of pages) {
      // structuredClone: each side gets its own copy of the page, as two pulls would.
      await applyPage(fast, structuredClone(p), now);
      await applyPage(slow, structuredClone(p), now, undefined, undefined, { fastPath: false });
    }
    expect(addedTo(fast)).toContain('devices'); // the fast path was taken…
    expect(addedTo(slow)).toEqual([]); // …and the other side merged row by row
    added.mockRestore();
    const [f, s] = [await dump(fast), await dump(slow)];
    expect(f).toStrictEqual(s);
    expect(f.devices).toHaveLength(12);
    expect(f.devices!.filter((d) => (d as { deleted?: string }).deleted)).toHaveLength(1);
    expect((f.meta as { key: string; value: unknown }[]).find((m) => m.key === pullKeys(null).cursor)?.value).toBe(pages.at(-1)!.cursor);

    // Through the engine: a fresh tablet (lookups skipped) and one whose second page brings a
    // record of the first again, as when it changes during the pull (bulkAdd fails, the page
    // is merged again row by row). Both end with the per-row merge's rows.
    const synced = async (db: AssetWalkDB) => {
      const d = await dump(db);
      return Object.fromEntries(Object.entries(d).filter(([t]) => !['meta', 'outbox'].includes(t)));
    };
    const b = tablet('tabB', env.server, env.token);
    expect(await b.sync({ pullPage: 5 })).toMatchObject({ status: 'ok' });
    expect(await synced(b.db)).toStrictEqual(await synced(slow));
    const c = tablet('tabC', env.server, env.token);
    let first: PulledRecord | undefined;
    c.wrap = (t) => ({
      push: (m, x) => t.push(m, x),
      async pull(cursor, limit, x, y) {
        const r = await t.pull(cursor, limit, x, y);
        if (r.kind === 'ok' && first === undefined) first = structuredClone(r.body.rows.find((row) => row.table === 'devices'));
        else if (r.kind === 'ok' && first && r.body.rows.length > 0) r.body.rows.unshift(structuredClone(first));
        return r;
      }
    });
    expect(await c.sync({ pullPage: 5 })).toMatchObject({ status: 'ok' });
    expect(first).toBeDefined();
    expect(await synced(c.db)).toStrictEqual(await synced(slow));

    // A page holding one record twice (merged onto itself) still takes the per-row path for it.
    const twice = structuredClone(odd);
    twice.push({ ...structuredClone(odd[0]!), data: { ...odd[0]!.data, room: '999' }, clocks: { ...odd[0]!.clocks, room: hlc(T + 50) }, serverSeq: 7 });
    const page: PullPage = { rows: twice, cursor: 99_999, hasMore: false };
    await applyPage(fast, structuredClone(page), now);
    await applyPage(slow, structuredClone(page), now, undefined, undefined, { fastPath: false });
    expect(await dump(fast)).toStrictEqual(await dump(slow));
    expect((await fast.locations.get('l1'))?.room).toBe('999');
  });
});
