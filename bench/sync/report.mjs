// Writes bench/sync/RESULTS.md from one run's figures (bench/results/sync.json).
import { writeFileSync } from 'node:fs';

const n = (x) => x.toLocaleString('en-US');
const s = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const mb = (b) => `${(b / 1048576).toFixed(1)} MiB`;

function side(r) {
  if (!r) return ['—', '—', '—', '—', '—'];
  if (r.capped) return ['capped', '—', '—', `${r.jsHeap.peakMiB} MiB`, `${r.serverRss.peakMiB} MiB`];
  return [s(r.ms), `${n(r.wire.requests)}`, `${mb(r.wire.responseBytes)} (${mb(r.wire.decodedBodyBytes)} decoded)`, `${r.jsHeap.peakMiB} MiB`, `${r.serverRss.peakMiB} MiB (from ${r.serverRss.startMiB})`];
}

export function writeReport(r, file) {
  const L = [];
  L.push('# Sync benchmark: raw figures', '');
  L.push(`Run ${r.at}, ${r.totalS} s in all. Machine: ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memGiB} GiB, load average at start ${r.machine.loadavgAtStart.join(' / ')} (shared with other work).`);
  L.push(`Node ${r.machine.node}; ${r.machine.chromium} headless; peer: pouchdb-browser ${r.machine.pouchdb} (IndexedDB adapter \`idb\`) replicating from pouchdb-server ${r.machine.pouchdbServer} --in-memory.`);
  L.push('Method and reading: BENCHMARKS.md, section "Sync". Produced by `node bench/sync/run.mjs`; the JSON is bench/results/sync.json.', '');
  L.push('## Initial sync into a fresh tablet', '');
  L.push('| devices (records) | side | wall time | requests | response bytes on the wire | peak JS heap | server peak RSS |', '|---|---|---|---|---|---|---|');
  for (const [k, row] of Object.entries(r.initial)) {
    L.push(`| ${n(Number(k))} (${n(row.records)}) | AssetWalk | ${side(row.ours).join(' | ')} |`);
    L.push(`| ${n(Number(k))} (${n(row.records)}) | PouchDB | ${side(row.pouchdb).join(' | ')} |`);
  }
  L.push('');
  for (const [k, row] of Object.entries(r.initial)) {
    const o = row.ours, p = row.pouchdb;
    const ratio = o && p && !p.capped ? `${(p.ms / o.ms).toFixed(2)}× (PouchDB ÷ ours)` : p?.capped ? `PouchDB capped at ${r.peerCapS} s: ≥ ${(r.peerCapS * 1000 / o.ms).toFixed(2)}×` : '—';
    L.push(`- ${n(Number(k))}: speed ${ratio}; ours pulled ${n(o.outcome.pulled)} rows in ${o.net.pulls} requests, each request taking ${s(o.net.pullMs / Math.max(1, o.net.pulls))} on average (request, server, transfer, JSON; they overlap the merge, read ahead); content-encoding ours ${o.wire.contentEncodings.join(', ')}, PouchDB ${p?.wire?.contentEncodings?.join(', ') ?? '—'}.`);
    if (row.idbFloor) L.push(`  IndexedDB floor: writing the same ${n(row.idbFloor.rows)} device rows, as stored, into an empty devices table with bulkAdd (1,000 a transaction) takes ${s(row.idbFloor.writeMs)}: ours is ${(o.ms / row.idbFloor.writeMs).toFixed(2)}× the floor${p && !p.capped ? `, PouchDB ${(p.ms / row.idbFloor.writeMs).toFixed(1)}×` : ''}.`);
    L.push(`  Seeding (not timed in the comparison): ours ${s(row.seedOursMs)} through the store API, pouchdb-server ${s(row.seedPouchMs)} through _bulk_docs.`);
  }
  L.push('');
  if (r.incremental) {
    const i = r.incremental;
    L.push(`## Incremental sync: ${i.changed} records changed on the server, tablet holding ${n(i.on)} devices (${i.rounds ?? 1} rounds, median)`, '');
    L.push('| side | wall time, median | every round | requests | response bytes | peak JS heap |', '|---|---|---|---|---|---|');
    for (const [name, x] of [['AssetWalk', i.ours], ['PouchDB', i.pouchdb]]) {
      L.push(x ? `| ${name} | ${s(x.ms)} | ${(x.roundsMs ?? [x.ms]).map((v) => v.toFixed(0)).join(', ')} ms | ${x.wire.requests} | ${n(x.wire.responseBytes)} B | ${x.jsHeap.peakMiB} MiB |` : `| ${name} | not run (initial sync capped) | | | | |`);
    }
    L.push('');
  }
  if (r.serverPull) {
    const p = r.serverPull;
    L.push(`## Our server's share of the pull (in-process: store.pullJson with compact clocks, ${p.pages} pages of ${n(p.pageRows)})`, '');
    L.push(`Reading the rows and building the replies ${s(p.replyMs)}; compressing them as the server does, brotli quality 1 ${s(p.brMs)} (${mb(p.brBytes)}) or gzip level 1 ${s(p.gzipMs)} (${mb(p.gzipBytes)}); brotli quality 4, the plugin's default, would take ${s(p.br4Ms)} (${mb(p.br4Bytes)}). ${mb(p.jsonBytes)} of JSON.`, '');
  }
  if (r.push) {
    L.push(`## Push throughput (up to ${n(r.push.mutationsPerConfig)} new device records per configuration, ${r.push.batch} a request, no new request started after ${r.push.capS} s)`, '');
    L.push('| clients | ours, SQLite | ours, PostgreSQL | PouchDB _bulk_docs |', '|---|---|---|---|');
    for (const c of Object.keys(r.push.sqlite)) {
      const cell = (x) => (x ? `${n(x.perSecond)}/s (${n(x.mutations)} in ${s(x.ms)}; p50 ${x.p50Ms} ms, p95 ${x.p95Ms} ms a request)` : '—');
      L.push(`| ${c} | ${cell(r.push.sqlite[c])} | ${cell(r.push.postgres[c])} | ${cell(r.push.pouchdb[c])} |`);
    }
    L.push('');
  }
  writeFileSync(file, L.join('\n'));
}
