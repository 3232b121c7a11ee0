// Push throughput: N Node clients, each with its own clientId and token, posting batches of new
// device records to /api/sync/push at the same time (ours on SQLite and on PostgreSQL), and the
// same batches as _bulk_docs to one pouchdb-server database (the peer). Bodies are serialized
// before the clock starts; every reply is checked (all applied / all ok).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkTemp, mutationMaker, sampleRecords, startOurServer, ts } from './lib.mjs';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]; };

/**
 * Runs one request loop per client over its prepared bodies, all at once; a loop starts no new
 * request after `capMs` (a slow store is measured on fewer mutations rather than for minutes).
 * Returns mutations acknowledged per second and request latencies.
 */
async function drive(bodies, send, batch, capMs) {
  const lat = [];
  let done = 0;
  const t0 = performance.now();
  await Promise.all(bodies.map(async (list, i) => {
    for (const b of list) {
      if (performance.now() - t0 > capMs) return;
      const t = performance.now();
      const k = await send(i, b);
      done += k; // not `done += await …`: that reads `done` before the await and loses updates
      lat.push(performance.now() - t);
    }
  }));
  const ms = performance.now() - t0;
  const planned = bodies.reduce((n, l) => n + l.length, 0) * batch;
  return { ms: Math.round(ms), mutations: done, capped: done < planned, perSecond: Math.round(done / (ms / 1000)), requests: lat.length, p50Ms: +pct(lat, 50).toFixed(1), p95Ms: +pct(lat, 95).toFixed(1) };
}

/** Splits `devices` (fresh ids) over `clients`, `batch` per request. */
function plan(devices, clients, batch) {
  const per = Math.ceil(devices.length / clients);
  return Array.from({ length: clients }, (_, i) => {
    const mine = devices.slice(i * per, (i + 1) * per).map((d) => ({ ...d, id: randomUUID() }));
    const out = [];
    for (let k = 0; k < mine.length; k += batch) out.push(mine.slice(k, k + batch));
    return out;
  });
}

async function oursOn(kind, client, devices, counts, batch, capMs, nodeArgs) {
  const dataDir = mkTemp('aw-bench-push-');
  const pgDb = `aw_bench_sync_${process.pid}`;
  const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const databaseUrl = kind === 'postgres' ? pgUrl.replace(/\/[^/]*$/, `/${pgDb}`) : undefined;
  if (databaseUrl) execFileSync('psql', [pgUrl, '-q', '-c', `DROP DATABASE IF EXISTS ${pgDb}`, '-c', `CREATE DATABASE ${pgDb}`]);
  try {
    const { openStore } = await ts('sync-server/src/store/index.ts');
    const store = openStore(databaseUrl ?? join(dataDir, 'assetwalk.sqlite'));
    await store.migrate();
    await store.createTenant({ id: client.tenantId, name: client.name });
    for (const [k, id] of client.sites.entries()) await store.createSite({ tenantId: client.tenantId, id, name: `site ${k}` });
    const max = Math.max(...counts);
    const tokens = [];
    for (let i = 0; i < max; i++) tokens.push((await store.createToken({ tenantId: client.tenantId, siteIds: '*', clientId: `bench_c${i}` })).token);
    await store.close();
    const makers = await Promise.all(tokens.map((_, i) => mutationMaker(`bench_c${i}`)));
    const server = await startOurServer({ dataDir, databaseUrl, nodeArgs });
    const send = async (i, body) => {
      const res = await fetch(`${server.origin}/api/sync/push`, {
        method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}`, 'x-assetwalk-protocol': '1' }
      });
      const j = await res.json();
      if (!res.ok || j.results.some((r) => r.status !== 'applied')) throw new Error(`push ${res.status}: ${JSON.stringify(j).slice(0, 300)}`);
      return j.results.length;
    };
    const out = {};
    try {
      await send(0, JSON.stringify({ mutations: devices.slice(0, batch).map((d) => makers[0]({ ...d, id: randomUUID() })) })); // warm-up
      for (const c of counts) {
        const bodies = plan(devices, c, batch).map((list, i) => list.map((b) => JSON.stringify({ mutations: b.map(makers[i]) })));
        out[c] = await drive(bodies, send, batch, capMs);
        console.log(`  ours/${kind} ${c} clients: ${out[c].perSecond} mutations/s (${out[c].mutations} in ${out[c].ms} ms)`);
      }
    } finally {
      await server.stop();
    }
    return out;
  } finally {
    if (databaseUrl) execFileSync('psql', [pgUrl, '-q', '-c', `DROP DATABASE IF EXISTS ${pgDb}`]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pouchOn(origin, devices, counts, batch, capMs) {
  const dbName = `push_${Date.now()}`;
  await fetch(`${origin}/${dbName}`, { method: 'PUT' });
  const send = async (_i, body) => {
    const res = await fetch(`${origin}/${dbName}/_bulk_docs`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const j = await res.json();
    if (!res.ok || j.some((r) => !r.ok)) throw new Error(`bulk_docs ${res.status}: ${JSON.stringify(j).slice(0, 300)}`);
    return j.length;
  };
  const toDoc = (r) => ({ _id: r.id, table: r.table, ...r.fields });
  await send(0, JSON.stringify({ docs: devices.slice(0, batch).map((d) => toDoc({ ...d, id: randomUUID() })) }));
  const out = {};
  for (const c of counts) {
    const bodies = plan(devices, c, batch).map((list) => list.map((b) => JSON.stringify({ docs: b.map(toDoc) })));
    out[c] = await drive(bodies, send, batch, capMs);
    console.log(`  pouchdb-server ${c} clients: ${out[c].perSecond} docs/s (${out[c].mutations} in ${out[c].ms} ms)`);
  }
  return out;
}

export async function pushThroughput({ pouchOrigin, total = 20_000, counts = [1, 10, 50], batch = 200, capMs = 20_000, only, nodeArgs = [] }) {
  const client = await sampleRecords(total, 13);
  const devices = client.records.filter((r) => r.table === 'devices');
  if (only) return { [only]: await oursOn(only, client, devices, counts, batch, capMs, nodeArgs) };
  return {
    batch, mutationsPerConfig: devices.length, capS: capMs / 1000,
    sqlite: await oursOn('sqlite', client, devices, counts, batch, capMs),
    postgres: await oursOn('postgres', client, devices, counts, batch, capMs),
    pouchdb: await pouchOn(pouchOrigin, devices, counts, batch, capMs)
  };
}
