// node bench/sync/profile.mjs [devices] [pages]: where the tablet's initial-sync time goes, against
// the real sync server seeded with sample devices. Prints one JSON object:
// - `decomposition`: profile-entry.ts on the first `pages` pull pages (applyPage vs a bare bulkPut
//   vs one unique-number index query per row vs the same lookups as one batched query);
// - `sync`: the whole initial sync with the engine as it is, its CPU profile's top self times.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { mkTemp, sampleRecords, seedOurs, startOurServer, ts } from './lib.mjs';
import { bundle, launch, openTablet } from './browser.mjs';

const n = Number(process.argv[2] ?? 10_000);
const pages = Number(process.argv[3] ?? 10);

const c = await sampleRecords(n, 11);
const dataDir = mkTemp('aw-bench-profile-');
const { openStore } = await ts('sync-server/src/store/index.ts');
const store = openStore(join(dataDir, 'assetwalk.sqlite'));
await store.migrate();
const token = await seedOurs(store, c);
await store.close();
const server = await startOurServer({ dataDir });
const browser = await launch();
try {
  const out = { devices: n };
  let t = await openTablet(browser, server.origin, await bundle('bench/sync/profile-entry.ts'));
  const d = await t.run({ token, pages });
  out.decomposition = Object.fromEntries(Object.entries(d).filter(([k]) => !['wire', 'jsHeap', 'serverRss'].includes(k)));
  await t.close();
  t = await openTablet(browser, server.origin, await bundle('bench/sync/tablet-entry.ts'));
  const r = await t.run(token, { profile: true });
  out.sync = { ms: Math.round(r.ms), pullMs: Math.round(r.net.pullMs), mergeMs: Math.round(r.ms - r.net.pullMs - r.net.pushMs), devices: r.devices, status: r.outcome.status, topSelfTime: r.profile.slice(0, 15) };
  await t.close();
  console.log(JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
