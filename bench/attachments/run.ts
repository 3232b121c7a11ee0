// Attachments: hashing on the tablet and chunked transfer through the real server.
//   npx tsx bench/attachments/run.ts      (PG_URL set: PostgreSQL too)
// 1. SHA-256 of a 25 MiB file: the tablet's incremental hasher (1 MiB slices, one copy in memory)
//    against node:crypto (native, what WebCrypto's one-shot digest runs on in Chromium).
// 2. A 20 MiB file uploaded in 1 MiB chunks (HEAD, then PUTs) and downloaded in 1 MiB ranges over
//    HTTP on loopback, on SQLite and PostgreSQL: MB/s and the server's peak RSS growth.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '../../src/lib/domain/attachments/sha256';
import { CHUNK_BYTES } from '../../src/lib/domain/attachments/limits';

// The server by computed URL (its `.ts` specifiers are not the app's tsconfig's), typed minimally.
interface BenchStore {
  migrate(): Promise<number>;
  createTenant(t: { name: string }): Promise<{ id: string }>;
  createToken(t: { tenantId: string; siteIds: '*' }): Promise<{ token: string }>;
  close(): Promise<void>;
}
const server = new URL('../../sync-server/src/', import.meta.url);
const { openStore } = (await import(/* @vite-ignore */ new URL('store/index.ts', server).href)) as { openStore(target: string, o?: { pgSchema?: string }): BenchStore };
const { createApp } = (await import(/* @vite-ignore */ new URL('app.ts', server).href)) as {
  createApp(o: { store: BenchStore; clock: { now(): number } }): Promise<{ listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> }>;
};

const MiB = 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (fn: () => unknown | Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };

async function hashing() {
  const data = randomBytes(25 * MiB);
  const ours: number[] = [];
  const native: number[] = [];
  for (let i = 0; i < 5; i++) {
    ours.push(await time(() => { const h = new Sha256(); for (let o = 0; o < data.length; o += MiB) h.update(data.subarray(o, o + MiB)); return h.hex(); }));
    native.push(await time(() => createHash('sha256').update(data).digest('hex')));
  }
  console.log(`sha256 25 MiB: incremental JS ${median(ours).toFixed(0)} ms (${(25 / median(ours) * 1000).toFixed(0)} MB/s), node:crypto ${median(native).toFixed(0)} ms (${(25 / median(native) * 1000).toFixed(0)} MB/s), median of 5`);
}

async function transfer(name: string, target: string, opts: { pgSchema?: string } = {}) {
  const store = openStore(target, opts);
  await store.migrate();
  const tenant = await store.createTenant({ name: 'bench' });
  const { token } = await store.createToken({ tenantId: tenant.id, siteIds: '*' });
  const app = await createApp({ store, clock: { now: () => Date.now() } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const auth = { authorization: `Bearer ${token}` };
  const up: number[] = [];
  const down: number[] = [];
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const watch = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  for (let run = 0; run < 3; run++) {
    const data = randomBytes(20 * MiB);
    const sha = createHash('sha256').update(data).digest('hex');
    up.push(await time(async () => {
      await fetch(`${url}/api/blobs/${sha}`, { method: 'HEAD', headers: auth });
      for (let off = 0; off < data.length; off += CHUNK_BYTES) {
        const r = await fetch(`${url}/api/blobs/${sha}?offset=${off}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream', 'x-blob-size': String(data.length) }, body: data.subarray(off, off + CHUNK_BYTES) });
        if (!r.ok) throw new Error(`PUT ${r.status}`);
        await r.arrayBuffer();
      }
    }));
    down.push(await time(async () => {
      const parts: Buffer[] = [];
      for (let off = 0; off < data.length; off += CHUNK_BYTES) {
        const r = await fetch(`${url}/api/blobs/${sha}`, { headers: { ...auth, range: `bytes=${off}-${off + CHUNK_BYTES - 1}` } });
        parts.push(Buffer.from(await r.arrayBuffer()));
      }
      if (!Buffer.concat(parts).equals(data)) throw new Error('download differs');
    }));
  }
  clearInterval(watch);
  console.log(`${name}: 20 MiB upload ${median(up).toFixed(0)} ms (${(20 / median(up) * 1000).toFixed(0)} MB/s), download ${median(down).toFixed(0)} ms (${(20 / median(down) * 1000).toFixed(0)} MB/s), median of 3; process RSS +${((peak - rss0) / MiB).toFixed(0)} MiB peak`);
  await app.close();
  await store.close();
}

await hashing();
const dir = mkdtempSync(join(tmpdir(), 'aw-bench-att-'));
await transfer('SQLite', join(dir, 'assetwalk.sqlite'));
rmSync(dir, { recursive: true, force: true });
if (process.env.PG_URL) {
  const schema = `aw_bench_${randomBytes(4).toString('hex')}`;
  await transfer('PostgreSQL', process.env.PG_URL, { pgSchema: schema });
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: process.env.PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
  await c.end();
} else console.log('PostgreSQL skipped (PG_URL not set)');
