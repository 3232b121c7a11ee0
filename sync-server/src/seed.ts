// npm run seed: puts the sample client into the sync server's store (the same DATA_DIR or
// DATABASE_URL as npm start), as mutations from a "seed" client, and prints a token for it.
import { randomUUID } from 'node:crypto';
import { readConfig } from './config.ts';
import { openStore } from './store/index.ts';
import { sampleClient } from '../../src/lib/domain/sample.ts';
import { formatHlc, tick, type HlcState } from '../../src/lib/sync/hlc.ts';

const cfg = readConfig(process.env, process.cwd());
const store = openStore(cfg.database);
await store.migrate();

const c = sampleClient(200, 7);
const tenant = await store.createTenant({ name: c.tenant.name });
const siteIds = new Map<string, string>();
for (const s of c.sites) siteIds.set(s.key, (await store.createSite({ tenantId: tenant.id, name: s.name })).id);

let clock: HlcState = { wall: 0, counter: 0, node: 'seed' };
let seq = 0;
const mutation = (table: string, recordId: string, fields: Record<string, unknown>) => {
  clock = tick(clock, Date.now());
  return { mutationId: randomUUID(), clientId: 'seed', clientSeq: ++seq, table, recordId, op: 'upsert' as const, fields, hlc: formatHlc(clock) };
};

const locIds = new Map<string, string>();
const now = new Date().toISOString();
const mutations = [
  mutation('tenants', tenant.id, { ...c.tenant }),
  ...c.sites.map((s) => mutation('sites', siteIds.get(s.key)!, { tenantId: tenant.id, name: s.name, address: s.address })),
  ...c.locations.map((l) => {
    const id = randomUUID();
    locIds.set(l.key, id);
    return mutation('locations', id, { tenantId: tenant.id, siteId: siteIds.get(l.siteKey)!, building: l.building, floor: l.floor, room: l.room });
  }),
  ...c.devices.map(({ siteKey, locationKey, ...d }) =>
    mutation('devices', randomUUID(), { ...d, tenantId: tenant.id, siteId: siteIds.get(siteKey)!, locationId: locIds.get(locationKey)!, createdAt: now })
  )
];
const scope = { tenantId: tenant.id, siteIds: '*' as const };
let applied = 0;
for (let i = 0; i < mutations.length; i += 500) {
  const results = await store.applyMutations(scope, mutations.slice(i, i + 500));
  applied += results.filter((r) => r.status === 'applied').length;
}
const { token } = await store.createToken({ tenantId: tenant.id, siteIds: '*', clientId: null });
await store.close();
console.log(`Seeded "${c.tenant.name}" (${c.devices.length} devices, ${applied} records) into the ${cfg.databaseKind} store.`);
console.log(`Sync token for this client (shown once, stored only as a hash): ${token}`);
