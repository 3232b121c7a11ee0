// The sync benchmark's plumbing: the records both sides get, the two servers as child
// processes (so their memory is their own), seeding, and a sampler of a process's RSS.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');
const here = resolve(root, 'bench/sync');
export const ts = (p) => tsImport(resolve(root, p), import.meta.url);

/**
 * One client company of `n` sample devices (src/lib/domain/sample.ts) as plain records
 * `{ table, id, fields }`: the tenant, its sites and locations, then the devices. Both sides
 * store exactly these (ours as upserts of the sync protocol, PouchDB as documents).
 */
export async function sampleRecords(n, seed) {
  const { sampleClient } = await ts('src/lib/domain/sample.ts');
  const c = sampleClient(n, seed);
  const tenantId = randomUUID();
  const createdAt = new Date().toISOString();
  const siteIds = new Map(c.sites.map((s) => [s.key, randomUUID()]));
  const locIds = new Map(c.locations.map((l) => [l.key, randomUUID()]));
  const records = [
    { table: 'tenants', id: tenantId, fields: { ...c.tenant } },
    ...c.sites.map((s) => ({ table: 'sites', id: siteIds.get(s.key), fields: { tenantId, name: s.name, address: s.address } })),
    ...c.locations.map((l) => ({ table: 'locations', id: locIds.get(l.key), fields: { tenantId, siteId: siteIds.get(l.siteKey), building: l.building, floor: l.floor, room: l.room } })),
    ...c.devices.map(({ siteKey, locationKey, ...d }) => ({ table: 'devices', id: randomUUID(), fields: { ...d, tenantId, siteId: siteIds.get(siteKey), locationId: locIds.get(locationKey), createdAt } }))
  ];
  return { tenantId, name: c.tenant.name, sites: [...siteIds.values()], records };
}

/** A mutation maker for one client: upserts with one HLC for all fields, as seed.ts makes them. */
export async function mutationMaker(clientId) {
  const { formatHlc, tick } = await ts('src/lib/sync/hlc.ts');
  let clock = { wall: 0, counter: 0, node: clientId };
  let seq = 0;
  return (r) => {
    clock = tick(clock, Date.now());
    return { mutationId: randomUUID(), clientId, clientSeq: ++seq, table: r.table, recordId: r.id, op: 'upsert', fields: r.fields, hlc: formatHlc(clock) };
  };
}

/** Seeds a client company into our store through the store API (as `npm run seed` does); returns a token. */
export async function seedOurs(store, client) {
  await store.createTenant({ id: client.tenantId, name: client.name });
  for (const [k, id] of client.sites.entries()) await store.createSite({ tenantId: client.tenantId, id, name: `site ${k}` });
  const make = await mutationMaker('seed');
  const scope = { tenantId: client.tenantId, siteIds: '*' };
  for (let i = 0; i < client.records.length; i += 1000) {
    const res = await store.applyMutations(scope, client.records.slice(i, i + 1000).map(make));
    const bad = res.find((r) => r.status !== 'applied');
    if (bad) throw new Error(`seed: ${JSON.stringify(bad)}`);
  }
  return (await store.createToken({ tenantId: client.tenantId, siteIds: '*', clientId: null })).token;
}

export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function waitFor(url, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try { if ((await fetch(url)).status < 500) return; } catch { /* not up yet */ }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function child(cmd, args, opts) {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let log = '';
  p.stdout.on('data', (d) => { log += d; });
  p.stderr.on('data', (d) => { log += d; });
  return { proc: p, log: () => log };
}

async function stop(p) {
  if (p.exitCode !== null) return;
  const done = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(t);
}

/** The real sync server (sync-server/src/main.ts) in its own Node process. */
export async function startOurServer({ dataDir, databaseUrl, nodeArgs = [] }) {
  const port = await freePort();
  const env = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    // Every client of the benchmark comes from 127.0.0.1: lift the per-address rate limit.
    RATE_LIMIT_PER_MINUTE: '100000000'
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl; else delete env.DATABASE_URL;
  const c = child(process.execPath, [...nodeArgs, '--import', 'tsx', 'sync-server/src/main.ts'], { cwd: root, env });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${origin}/api/health`).catch((e) => { throw new Error(`${e.message}\n${c.log()}`); });
  return { origin, pid: c.proc.pid, stop: () => stop(c.proc), log: c.log };
}

/** pouchdb-server --in-memory in its own Node process (it writes config.json and log.txt to its cwd). */
export async function startPouchServer() {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'aw-bench-pouch-'));
  const c = child(process.execPath, [join(here, 'node_modules/pouchdb-server/bin/pouchdb-server'), '--in-memory', '-p', String(port), '-o', '127.0.0.1', '-n'], { cwd });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${origin}/`).catch((e) => { throw new Error(`${e.message}\n${c.log()}`); });
  return { origin, pid: c.proc.pid, stop: () => stop(c.proc).then(() => rmSync(cwd, { recursive: true, force: true })), log: c.log };
}

async function json(res) {
  const body = await res.json();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

export const toDoc = (r) => ({ _id: r.id, table: r.table, ...r.fields });

/** Seeds a PouchDB database on pouchdb-server through _bulk_docs. */
export async function seedPouch(origin, dbName, records) {
  await json(await fetch(`${origin}/${dbName}`, { method: 'PUT' }));
  for (let i = 0; i < records.length; i += 1000) {
    const res = await json(await fetch(`${origin}/${dbName}/_bulk_docs`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: records.slice(i, i + 1000).map(toDoc) })
    }));
    const bad = res.find((r) => !r.ok);
    if (bad) throw new Error(`pouch seed: ${JSON.stringify(bad)}`);
  }
}

/** Changes one field of `ids` on our server, as another tablet would (one push). */
export async function changeOurs(origin, token, records) {
  const make = await mutationMaker('desk');
  const mutations = records.map((r) => ({ ...make({ table: r.table, id: r.id, fields: { notes: `changed ${Date.now()}` } }) }));
  const body = await json(await fetch(`${origin}/api/sync/push`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-assetwalk-protocol': '1' }, body: JSON.stringify({ mutations })
  }));
  if (body.results.some((r) => r.status !== 'applied')) throw new Error(`change: ${JSON.stringify(body.results)}`);
}

/** The same change on pouchdb-server: read the docs, write them back with the new field. */
export async function changePouch(origin, dbName, records) {
  const docs = [];
  for (const r of records) docs.push({ ...(await json(await fetch(`${origin}/${dbName}/${r.id}`))), notes: `changed ${Date.now()}` });
  const res = await json(await fetch(`${origin}/${dbName}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) }));
  if (res.some((r) => !r.ok)) throw new Error(`pouch change: ${JSON.stringify(res)}`);
}

/** Samples a process's resident memory every 100 ms; `stop()` gives the peak in MiB. */
export function rssSampler(pid) {
  const read = () => {
    try { return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0); } catch { return 0; }
  };
  const start = read();
  let peak = start;
  const t = setInterval(() => { peak = Math.max(peak, read()); }, 100);
  return { stop: () => { clearInterval(t); peak = Math.max(peak, read()); return { startMiB: +(start / 1024).toFixed(1), peakMiB: +(peak / 1024).toFixed(1) }; } };
}

export const mkTemp = (p) => mkdtempSync(join(tmpdir(), p));
