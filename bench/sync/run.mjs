// node bench/sync/run.mjs (or `npm run bench -- sync`): the sync benchmark of issue 9, ours
// against PouchDB replicating from pouchdb-server --in-memory, same records, one run:
//   1. initial sync of 10,000 and 100,000 devices into a fresh tablet (headless Chromium,
//      IndexedDB): wall time, bytes on the wire, peak JS heap, server peak RSS;
//   2. incremental sync of 10 changed records on the 100,000;
//   3. push throughput with 1, 10 and 50 clients, ours on SQLite and PostgreSQL, the peer's _bulk_docs.
// Env: BENCH_SYNC_SIZES=10000,100000  BENCH_SYNC_PEER_CAP_S=300  BENCH_SYNC_PUSH_TOTAL=20000  BENCH_SYNC_PUSH_CAP_S=20
//      BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test  BENCH_SYNC_SKIP_PUSH=1
// The peer's packages live in bench/sync/package.json, installed here on demand (never by CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = new URL('.', import.meta.url).pathname;
if (!existsSync(join(here, 'node_modules/pouchdb-server'))) {
  console.log('installing the peer (npm ci --prefix bench/sync) ...');
  const r = spawnSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const { changeOurs, changePouch, mkTemp, rssSampler, root, sampleRecords, seedOurs, seedPouch, startOurServer, startPouchServer, ts } = await import('./lib.mjs');
const { bundle, launch, openTablet } = await import('./browser.mjs');
const { pushThroughput } = await import('./push.mjs');
const { writeReport } = await import('./report.mjs');

const sizes = (process.env.BENCH_SYNC_SIZES ?? '10000,100000').split(',').map(Number);
const peerCapMs = Number(process.env.BENCH_SYNC_PEER_CAP_S ?? 300) * 1000;
const started = Date.now();
const log = (s) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}`);

const result = {
  at: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), loadavgAtStart: loadavg().map((x) => +x.toFixed(2)), node: process.version, chromium: '',
    pouchdb: JSON.parse(readFileSync(join(here, 'node_modules/pouchdb-browser/package.json'), 'utf8')).version,
    pouchdbServer: JSON.parse(readFileSync(join(here, 'node_modules/pouchdb-server/package.json'), 'utf8')).version },
  initial: {}, incremental: null, serverPull: null, push: null, peerCapS: peerCapMs / 1000
};

// --- Seed both servers with the same records -------------------------------------------------
const clients = [];
for (const [k, n] of sizes.entries()) clients.push({ n, ...(await sampleRecords(n, 11 + k)) });
log(`records made: ${clients.map((c) => `${c.n} devices = ${c.records.length} records`).join(', ')}`);

const dataDir = mkTemp('aw-bench-sync-');
const { openStore } = await ts('sync-server/src/store/index.ts');
const sqlitePath = join(dataDir, 'assetwalk.sqlite');
let store = openStore(sqlitePath);
await store.migrate();
for (const c of clients) {
  const t = performance.now();
  c.token = await seedOurs(store, c);
  c.seedOursMs = Math.round(performance.now() - t);
  log(`ours seeded ${c.records.length} records through the store API in ${c.seedOursMs} ms`);
}
await store.close();

const ours = await startOurServer({ dataDir });
const pouch = await startPouchServer();
for (const c of clients) {
  c.pouchDb = `devices_${c.n}`;
  const t = performance.now();
  await seedPouch(pouch.origin, c.pouchDb, c.records);
  c.seedPouchMs = Math.round(performance.now() - t);
  log(`pouchdb-server seeded ${c.records.length} docs through _bulk_docs in ${c.seedPouchMs} ms`);
}

// --- Initial and incremental sync in Chromium -----------------------------------------------
const oursJs = await bundle('bench/sync/tablet-entry.ts');
const pouchJs = await bundle('bench/sync/pouch-entry.mjs');
const browser = await launch();
result.machine.chromium = `Chromium ${browser.version()}`;
const last = clients[clients.length - 1];
// Incremental rounds: each changes 10 other devices spread over the list, then syncs; the median counts.
const rounds = Number(process.env.BENCH_SYNC_INC_ROUNDS ?? 5);
const lastDevices = last.records.filter((r) => r.table === 'devices');
const changedIn = (k) => Array.from({ length: 10 }, (_, j) => lastDevices[(j * Math.floor(lastDevices.length / 10) + k * 7) % lastDevices.length]);
async function incremental(change, sync) {
  const all = [];
  for (let k = 0; k < rounds; k++) {
    await change(changedIn(k));
    all.push(await sync());
  }
  const sorted = [...all].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)], roundsMs: all.map((x) => +x.ms.toFixed(1)) };
}

async function measure(server, tablet, arg, opts) {
  const rss = rssSampler(server.pid);
  const r = await tablet.run(arg, opts);
  return { ...r, serverRss: rss.stop() };
}

try {
  for (const c of clients) {
    const row = (result.initial[c.n] = { records: c.records.length, seedOursMs: c.seedOursMs, seedPouchMs: c.seedPouchMs });
    let t = await openTablet(browser, ours.origin, oursJs);
    row.ours = await measure(ours, t, c.token);
    log(`ours ${c.n}: ${Math.round(row.ours.ms)} ms, ${row.ours.devices} devices, status ${row.ours.outcome?.status}`);
    // The storage floor: the same device rows, as stored, written into an empty devices table.
    row.idbFloor = await t.page.evaluate(() => window.benchFloor());
    log(`IndexedDB floor ${c.n}: ${Math.round(row.idbFloor.writeMs)} ms to bulkAdd ${row.idbFloor.rows} devices`);
    if (c === last) {
      result.incremental = { changed: 10, rounds, on: c.n, ours: await incremental((ch) => changeOurs(ours.origin, c.token, ch), () => measure(ours, t, c.token)) };
      log(`ours incremental: ${result.incremental.ours.roundsMs.join(', ')} ms, pulled ${result.incremental.ours.outcome?.pulled}`);
    }
    await t.close();

    t = await openTablet(browser, pouch.origin, pouchJs);
    row.pouchdb = await measure(pouch, t, c.pouchDb, { timeoutMs: peerCapMs });
    log(`pouchdb ${c.n}: ${row.pouchdb.capped ? `capped at ${peerCapMs / 1000} s` : `${Math.round(row.pouchdb.ms)} ms, ${row.pouchdb.docs} docs`}`);
    if (c === last && !row.pouchdb.capped) {
      result.incremental.pouchdb = await incremental((ch) => changePouch(pouch.origin, c.pouchDb, ch), () => measure(pouch, t, c.pouchDb));
      log(`pouchdb incremental: ${result.incremental.pouchdb.roundsMs.join(', ')} ms, ${result.incremental.pouchdb.docsWritten} docs written`);
    }
    await t.close();
  }
} finally {
  await browser.close();
  await ours.stop();
}

// --- Where our server's share of the pull goes: reading and building the reply, compressing --
// As the server does (routes/sync.ts): store.pullJson with compact clocks, pages of 1,000,
// brotli quality 1 / gzip level 1; brotli quality 4 (the plugin's default) for comparison.
store = openStore(sqlitePath);
{
  const scope = { tenantId: last.tenantId, siteIds: '*' };
  const s = { pages: 0, pageRows: 1000, replyMs: 0, gzipMs: 0, brMs: 0, br4Ms: 0, jsonBytes: 0, gzipBytes: 0, brBytes: 0, br4Bytes: 0 };
  const br = (body, q) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: q } });
  for (let cursor = 0; ;) {
    let t = performance.now();
    const { json } = await store.pullJson(scope, cursor, s.pageRows, { compact: true, serverTime: Date.now() });
    s.replyMs += performance.now() - t;
    const body = Buffer.from(json);
    t = performance.now();
    const gz = gzipSync(body, { level: 1 });
    s.gzipMs += performance.now() - t;
    t = performance.now();
    const b1 = br(body, 1);
    s.brMs += performance.now() - t;
    t = performance.now();
    const b4 = br(body, 4);
    s.br4Ms += performance.now() - t;
    s.pages++; s.jsonBytes += body.length; s.gzipBytes += gz.length; s.brBytes += b1.length; s.br4Bytes += b4.length;
    const page = JSON.parse(json);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  for (const k of ['replyMs', 'gzipMs', 'brMs', 'br4Ms']) s[k] = Math.round(s[k]);
  result.serverPull = s;
  log(`server pull: reply ${s.replyMs} ms, gzip-1 ${s.gzipMs} ms, br-1 ${s.brMs} ms, br-4 ${s.br4Ms} ms (${s.pages} pages)`);
}
await store.close();
rmSync(dataDir, { recursive: true, force: true });

// --- Push throughput -----------------------------------------------------------------------
try {
  if (!process.env.BENCH_SYNC_SKIP_PUSH) {
    log('push throughput ...');
    result.push = await pushThroughput({ pouchOrigin: pouch.origin, total: Number(process.env.BENCH_SYNC_PUSH_TOTAL ?? 20_000), capMs: Number(process.env.BENCH_SYNC_PUSH_CAP_S ?? 20) * 1000 });
  }
} finally {
  await pouch.stop();
}
result.totalS = Math.round((Date.now() - started) / 1000);
log('done');

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/sync.json'), JSON.stringify(result, null, 2));
writeReport(result, join(here, 'RESULTS.md'));
console.log(readFileSync(join(here, 'RESULTS.md'), 'utf8'));
