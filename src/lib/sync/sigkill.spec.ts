// Must-pass case 1 (sync-protocol.md): the server is killed with SIGKILL in the middle of a burst
// of pushes, again and again. Whatever was committed before a kill is answered `duplicate` on the
// re-push, whatever was not is applied on the retry: at the end every edit is on the server once
// and the tablet's outbox is empty. A real server process on a real SQLite file; the tablet is the
// app's own sync engine.
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { tablet, type ServerStore, type TestServer } from './testkit';

const serverSrc = new URL('../../../sync-server/src/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'aw-sigkill-'));
const file = join(dir, 'assetwalk.sqlite');
const live = new Set<ChildProcess>();
afterAll(() => {
  for (const c of live) process.kill(-c.pid!, 'SIGKILL'); // a failed run leaves no server behind
  rmSync(dir, { recursive: true, force: true });
});

async function openFileStore(): Promise<ServerStore> {
  const { openStore } = (await import(/* @vite-ignore */ new URL('store/index.ts', serverSrc).href)) as { openStore(f: string): ServerStore };
  const store = openStore(file);
  await store.migrate();
  return store;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', new URL('main.ts', serverSrc).pathname], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, STATIC_DIR: join(dir, 'none'), LOG_LEVEL: 'error' },
    stdio: 'ignore',
    detached: true // its own process group: SIGKILL reaches the server, not only npx
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const kill = (c: ChildProcess) => new Promise<void>((resolve) => {
  c.once('exit', () => resolve());
  process.kill(-c.pid!, 'SIGKILL');
});

describe('server SIGKILLed during a burst of pushes', () => {
  it('ends with every edit applied once and the outbox empty', async () => {
    const store = await openFileStore();
    const tenantId = crypto.randomUUID();
    await store.createTenant({ id: tenantId, name: 'ACME' });
    const { token } = await store.createToken({ tenantId, siteIds: '*' });
    await store.close();

    const port = await freePort();
    const server = { url: `http://127.0.0.1:${port}` } as TestServer;
    const a = tablet('tabA', server, token);
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, tenantId);
    const siteId = (await a.org.createSite({ tenantId, name: 'HQ', address: '' })).id;
    const n = 400;
    await a.devices.bulkCreate(Array.from({ length: n }, (_, i) => ({ ...newDeviceFields(tenantId, siteId, null), assetNumber: `AC-${String(i + 1).padStart(6, '0')}`, name: `PC-${i + 1}` })));
    const queued = await a.db.outbox.count();

    // Each round kills the server while a push is in flight: at once, or a few ms in, so that
    // some kills land before the commit and some between the commit and the reply.
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const child = await startProcess(port);
      let pushes = 0;
      a.wrap = (t) => ({
        pull: (c, l) => t.pull(c, l),
        async push(m) {
          const reply = t.push(m);
          if (++pushes === 3 + round) {
            await new Promise((r) => setTimeout(r, round * 4));
            await kill(child);
          }
          return reply;
        }
      });
      outcomes.push((await a.sync({ pushBatch: 10 })).status);
      a.wrap = (t) => t;
    }
    expect(outcomes).toEqual(['offline', 'offline', 'offline', 'offline', 'offline']);

    const child = await startProcess(port);
    let last = await a.sync({ pushBatch: 10 });
    for (let i = 0; i < 3 && last.pending > 0; i++) last = await a.sync({ pushBatch: 10 });
    await kill(child);
    expect(last).toMatchObject({ status: 'ok', pending: 0, rejected: 0 });

    const after = await openFileStore();
    const rows: { table: string; serverSeq: number }[] = [];
    for (let cursor = 0; ;) {
      const p = await after.pull({ tenantId, siteIds: '*' }, cursor, 1000);
      rows.push(...p.rows);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    await after.close();
    expect(rows.length).toBe(queued); // tenant, site and every device, none missing
    expect(rows.filter((r) => r.table === 'devices')).toHaveLength(n);
    // Each applied exactly once: one server_seq per record, no gaps from double application.
    expect(Math.max(...rows.map((r) => r.serverSeq))).toBe(queued);
  }, 120_000);
});
