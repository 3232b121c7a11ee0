// Runs in Chromium, served from the sync server's own origin (as the app is): the app's real
// tablet sync engine (SyncEngine + httpTransport, same options as src/lib/state/sync.svelte.ts)
// pulling into a fresh IndexedDB. The transport is wrapped only to time each pull request
// (request, server, download and JSON parse) apart from merging pages into Dexie.
import Dexie from 'dexie';
import { AssetWalkDB, type DeviceRow } from '$lib/db/schema';
import { SyncEngine } from '$lib/sync/engine';
import { httpTransport, type Transport } from '$lib/sync/transport';

let db: AssetWalkDB | null = null;
let offset = 0;

async function sync(token: string) {
  db ??= new AssetWalkDB();
  const inner = httpTransport({ baseUrl: '', token: () => token });
  const net = { pullMs: 0, pulls: 0, pushMs: 0, pushes: 0 };
  const transport: Transport = {
    async pull(cursor, limit) {
      const t = performance.now();
      const r = await inner.pull(cursor, limit);
      net.pullMs += performance.now() - t;
      net.pulls++;
      return r;
    },
    async push(m) {
      const t = performance.now();
      const r = await inner.push(m);
      net.pushMs += performance.now() - t;
      net.pushes++;
      return r;
    }
  };
  const engine = new SyncEngine({ db, transport, physicalNow: () => Date.now() + offset, setClockOffset: (ms) => { offset = ms; } });
  const t0 = performance.now();
  const out = await engine.sync();
  const ms = performance.now() - t0;
  return { ms, outcome: out, net, devices: await db.devices.count() };
}

/**
 * IndexedDB's own cost for what the sync stored: the tablet's device rows, read back 1,000 at a
 * time (not timed) and written with bulkAdd into an empty devices table of the app's schema,
 * one transaction per 1,000 (timed). No sync can write these rows faster in this browser.
 */
async function floor() {
  const name = `floor-${Date.now()}`;
  const dst = new AssetWalkDB(name);
  let writeMs = 0;
  let rows = 0;
  let last: string | null = null;
  for (;;) {
    const got: DeviceRow[] = await (last === null ? db!.devices.orderBy(':id').limit(1000).toArray() : db!.devices.where(':id').above(last).limit(1000).toArray());
    if (got.length === 0) break;
    const t = performance.now();
    await dst.transaction('rw', dst.devices, () => dst.devices.bulkAdd(got));
    writeMs += performance.now() - t;
    rows += got.length;
    last = got[got.length - 1]!.id;
  }
  dst.close();
  await Dexie.delete(name);
  return { writeMs, rows };
}

Object.assign(window as unknown as object, { benchSync: sync, benchFloor: floor });
