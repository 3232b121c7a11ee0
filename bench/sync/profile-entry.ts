// Runs in Chromium (`node bench/sync/profile.mjs`): where one pull page's time goes on the tablet.
// Fetches pages with the real transport, then times, each into its own fresh IndexedDB:
// the engine's own applyPage; a bare bulkPut of the same rows (the floor for writing them);
// the per-row unique-number lookup applyPage makes for devices (one index query per row, in
// sequence); and the same lookups as one batched `anyOf` query.
import { AssetWalkDB } from '$lib/db/schema';
import { deriveDevice } from '$lib/db/devices';
import { applyPage } from '$lib/sync/pull';
import { httpTransport, type PullPage } from '$lib/sync/transport';

async function profile({ token, pages }: { token: string; pages: number }) {
  const transport = httpTransport({ baseUrl: '', token: () => token });
  const got: PullPage[] = [];
  let fetchMs = 0;
  for (let cursor = 0, i = 0; i < pages; i++) {
    const t = performance.now();
    const r = await transport.pull(cursor, 500);
    fetchMs += performance.now() - t;
    if (r.kind !== 'ok') throw new Error(r.kind);
    got.push(r.body);
    cursor = r.body.cursor;
    if (!r.body.hasMore) break;
  }
  const rows = got.reduce((n, p) => n + p.rows.length, 0);
  const time = async (name: string, f: (db: AssetWalkDB, p: PullPage) => Promise<unknown>) => {
    const db = new AssetWalkDB(name);
    await db.meta.put({ key: 'nodeId', value: 'bench' });
    const t = performance.now();
    for (const p of got) await f(db, p);
    const ms = performance.now() - t;
    db.close();
    return Math.round(ms);
  };
  const rowsOf = (p: PullPage) => p.rows.filter((r) => r.table === 'devices').map((r) => {
    const row = { ...r.data, id: r.id, clocks: r.clocks } as never;
    return { ...(row as object), ...deriveDevice(row) };
  });
  const applyPageMs = await time('p1', (db, p) => applyPage(db, p, Date.now()));
  const bulkPutMs = await time('p2', (db, p) => db.devices.bulkPut(rowsOf(p) as never));
  const lookupsMs = await time('p3', (db, p) => db.transaction('rw', db.devices, async () => {
    for (const r of rowsOf(p) as { tenantId: string; assetNumber: string }[]) await db.devices.where('[tenantId+assetNumber]').equals([r.tenantId, r.assetNumber]).first();
  }));
  const batchedMs = await time('p4', (db, p) => db.transaction('rw', db.devices, async () => {
    const keys = (rowsOf(p) as { tenantId: string; assetNumber: string }[]).map((r) => [r.tenantId, r.assetNumber]);
    await db.devices.where('[tenantId+assetNumber]').anyOf(keys).toArray();
  }));
  return { pages: got.length, rows, fetchMs: Math.round(fetchMs), applyPageMs, bulkPutMs, lookupsMs, batchedLookupsMs: batchedMs };
}

(window as unknown as { benchSync: typeof profile }).benchSync = profile;
