// Runs in Chromium: 50,000 sample devices into IndexedDB through the app's own repository, then
// search-as-you-type and open-by-asset-number as the device list and the scanner do them.
import Dexie from 'dexie';
import { AssetWalkDB } from '$lib/db/schema';
import { DeviceRepository } from '$lib/db/devices';
import { sampleClient } from '$lib/domain/sample';
import { DeviceSearchIndex } from '$lib/domain/search';

const N = 50_000;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!; };
const stats = (xs: number[]) => ({ p50: +pct(xs, 50).toFixed(2), p95: +pct(xs, 95).toFixed(2), n: xs.length });

/** Types a query one character at a time, as a technician does, timing each keystroke's search. */
async function typeAhead(queries: string[], run: (q: string) => unknown | Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      await run(q.slice(0, i));
      times.push(performance.now() - t0);
    }
  }
  return times;
}

(window as unknown as { runBench: () => Promise<unknown> }).runBench = async () => {
  await Dexie.delete('bench');
  const db = new AssetWalkDB('bench');
  const repo = new DeviceRepository(db, { actor: 'bench', now: () => Date.now() });
  const c = sampleClient(N, 11);
  const fields = c.devices.map(({ siteKey: _s, locationKey, ...d }) => ({ ...d, tenantId: 't1', siteId: 's1', locationId: locationKey }));

  const t0 = performance.now();
  await repo.bulkCreate(fields);
  const bulkLoadMs = performance.now() - t0;

  const t1 = performance.now();
  const list = await repo.listBySite('s1');
  const locs = new Map(c.locations.map((l) => [l.key, `${l.building} / ${l.floor} / ${l.room}`]));
  const index = new DeviceSearchIndex(list, (id) => (id ? locs.get(id) ?? '' : ''));
  const indexBuildMs = performance.now() - t1;

  const pickN = (k: number, f: (i: number) => string) => Array.from({ length: k }, (_, i) => f(i));
  const assetQueries = pickN(20, (i) => fields[(i * 2477) % N]!.assetNumber.slice(0, 11));
  const users = fields.filter((d) => d.assignedUser);
  // A user's name typed in full (two or three characters), and a given name alone: a substring.
  const userQueries = pickN(20, (i) => { const u = users[(i * 997) % users.length]!.assignedUser; return i % 2 ? u : u.slice(1); });
  const modelQueries = pickN(20, (i) => fields[(i * 1543) % N]!.model.split(' ').slice(-1)[0]!.toLowerCase());
  const today = '2026-12-01';
  const ours = (q: string) => index.search(q, {}, today, 100);

  // The peer: what a Dexie app does without an in-memory index, a filtered table scan per keystroke.
  const peer = (q: string) => {
    const lq = q.toLowerCase();
    return db.devices.where('siteId').equals('s1')
      .filter((d) => d.assetNumber.toLowerCase().startsWith(lq) || d.assignedUser.toLowerCase().includes(lq) || d.model.toLowerCase().includes(lq) || d.serial.toLowerCase().includes(lq))
      .limit(100).toArray();
  };

  const result: Record<string, unknown> = { devices: N, bulkLoadMs: Math.round(bulkLoadMs), indexBuildMs: Math.round(indexBuildMs) };
  result.search = {
    assetPrefix: stats(await typeAhead(assetQueries, ours)),
    userSubstring: stats(await typeAhead(userQueries, ours)),
    modelSubstring: stats(await typeAhead(modelQueries, ours))
  };
  result.peerDexieScan = {
    assetPrefix: stats(await typeAhead(assetQueries.slice(0, 4), peer)),
    userSubstring: stats(await typeAhead(userQueries.slice(0, 4), peer)),
    modelSubstring: stats(await typeAhead(modelQueries.slice(0, 4), peer))
  };
  const opens: number[] = [];
  for (let i = 0; i < 300; i++) {
    const n = fields[(i * 7919) % N]!.assetNumber;
    const ts = performance.now();
    const d = await repo.getByAssetNumber('t1', n);
    opens.push(performance.now() - ts);
    if (!d) throw new Error('not found ' + n);
  }
  result.openByAssetNumber = stats(opens);
  db.close();
  return result;
};
