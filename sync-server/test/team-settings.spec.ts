// The tablet's `teamSettings` table (src/lib/db/teamSettings.ts) goes through the generic record
// store: no migration, pushed and pulled like any editable table, scoped to the token's tenant.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, seedTenant, T0, type Opened } from './helpers.ts';

describe.each(backends)('team settings sync on $name', (b) => {
  let o: Opened;
  let app: FastifyInstance;
  let acme: { token: string; tenantId: string };
  let globex: { token: string; tenantId: string };
  beforeEach(async () => {
    if (b.skip) return;
    o = await b.open();
    await o.store.migrate();
    const a = await seedTenant(o.store, 'ACME');
    const g = await seedTenant(o.store, 'Globex');
    acme = { token: (await o.store.createToken({ tenantId: a.tenant.id, siteIds: '*', clientId: 'tabA' })).token, tenantId: a.tenant.id };
    globex = { token: (await o.store.createToken({ tenantId: g.tenant.id, siteIds: '*', clientId: 'tabG' })).token, tenantId: g.tenant.id };
    app = await createApp({ store: o.store, clock: { now: () => NOW } });
  });
  afterEach(async () => {
    if (b.skip) return;
    await app.close();
    await o.cleanup();
  });
  const headers = (t: string) => ({ 'x-assetwalk-protocol': String(PROTOCOL_VERSION), authorization: `Bearer ${t}` });
  const push = (t: string, mutations: unknown[]) => app.inject({ method: 'POST', url: '/api/sync/push', headers: headers(t), payload: { mutations } });
  const pull = async (t: string) => (await app.inject({ url: '/api/sync/pull?cursor=0&limit=100', headers: headers(t) })).json();
  const origin = (tenantId: string, clientId: string, value: string, wall = T0) => mut({
    table: 'teamSettings', recordId: `labelOrigin:${tenantId}`, clientId, hlc: hlc(wall, 0, clientId),
    fields: { tenantId, name: 'labelOrigin', value }
  });

  it.skipIf(b.skip)('stores the label address a tablet pushed and hands it to the team’s tablets, newest edit winning', async () => {
    const first = await push(acme.token, [origin(acme.tenantId, 'tabA', 'https://assets.example.cn')]);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toMatchObject([{ status: 'applied' }]);
    expect((await pull(acme.token)).rows).toMatchObject([
      { table: 'teamSettings', id: `labelOrigin:${acme.tenantId}`, data: { tenantId: acme.tenantId, name: 'labelOrigin', value: 'https://assets.example.cn' }, deletedHlc: null }
    ]);
    await push(acme.token, [origin(acme.tenantId, 'tabA', 'https://labels.example.cn', T0 + 1000)]);
    const rows = (await pull(acme.token)).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].data.value).toBe('https://labels.example.cn');
  });

  it.skipIf(b.skip)('keeps each client company’s address apart', async () => {
    expect((await push(acme.token, [origin(acme.tenantId, 'tabA', 'https://a.example.cn')])).statusCode).toBe(200);
    expect((await push(globex.token, [origin(globex.tenantId, 'tabG', 'https://g.example.cn')])).statusCode).toBe(200);
    expect((await pull(acme.token)).rows.map((r: { data: { value: string } }) => r.data.value)).toEqual(['https://a.example.cn']);
    expect((await pull(globex.token)).rows.map((r: { data: { value: string } }) => r.data.value)).toEqual(['https://g.example.cn']);
    // A push naming another company in its fields changes nothing anywhere.
    const foreign = await push(globex.token, [origin(acme.tenantId, 'tabG', 'https://evil.example', T0 + 5000)]);
    if (foreign.statusCode === 200) expect(foreign.json().results).toMatchObject([{ status: 'rejected', reason: 'tenant-mismatch' }]);
    else expect(foreign.statusCode).toBe(403);
    expect((await pull(acme.token)).rows.map((r: { data: { value: string } }) => r.data.value)).toEqual(['https://a.example.cn']);
    expect((await pull(globex.token)).rows.map((r: { data: { value: string } }) => r.data.value)).toEqual(['https://g.example.cn']);
  });
});
