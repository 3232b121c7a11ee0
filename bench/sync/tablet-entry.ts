// Runs in Chromium, served from the sync server's own origin (as the app is): the app's real
// tablet sync engine (SyncEngine + httpTransport, same options as src/lib/state/sync.svelte.ts)
// pulling into a fresh IndexedDB. The transport is wrapped only to time each pull request
// (request, server, download and JSON parse) apart from merging pages into Dexie.
import { AssetWalkDB } from '$lib/db/schema';
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

(window as unknown as { benchSync: typeof sync }).benchSync = sync;
