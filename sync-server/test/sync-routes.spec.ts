import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, seedTenant, T0, type Opened } from './helpers.ts';

describe.each(backends)('sync over HTTP on $name', (b) => {
  let o: Opened;
  let app: FastifyInstance;
  let token: string;
  let other: string;
  beforeEach(async () => {
    if (b.skip) return;
    o = await b.open();
    await o.store.migrate();
    const acme = await seedTenant(o.store, 'ACME');
    const globex = await seedTenant(o.store, 'Globex');
    token = (await o.store.createToken({ tenantId: acme.tenant.id, siteIds: '*', clientId: 'tabA' })).token;
    other = (await o.store.createToken({ tenantId: globex.tenant.id, siteIds: '*' })).token;
    app = await createApp({ store: o.store, clock: { now: () => NOW } });
  });
  afterEach(async () => {
    if (b.skip) return;
    await app.close();
    await o.cleanup();
  });
  const headers = (t: string | null, v = PROTOCOL_VERSION) => ({
    'x-assetwalk-protocol': String(v),
    ...(t ? { authorization: `Bearer ${t}` } : {})
  });
  const push = (t: string | null, body: unknown, v?: number) =>
    app.inject({ method: 'POST', url: '/api/sync/push', headers: headers(t, v), payload: body as object });
  const pull = (t: string, cursor = 0) => app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=100`, headers: headers(t) });

  it.skipIf(b.skip)('pushes idempotently and pulls back by cursor', async () => {
    const batch = { mutations: [mut({ recordId: 'd1', fields: { name: 'PC-01' } })] };
    const first = await push(token, batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ results: [{ status: 'applied', serverSeq: 1 }], serverTime: NOW });
    expect((await push(token, batch)).json().results[0].status).toBe('duplicate');
    const page = (await pull(token)).json();
    expect(page).toMatchObject({ cursor: 1, hasMore: false, rows: [{ table: 'devices', id: 'd1', data: { name: 'PC-01' } }] });
    expect((await pull(token, 1)).json().rows).toEqual([]);
  });

  it.skipIf(b.skip)('401 without a valid token, and nothing is applied', async () => {
    const batch = { mutations: [mut({ recordId: 'd1', fields: { name: 'x' } })] };
    for (const t of [null, 'aw_not-a-real-token', `${token}x`]) {
      const res = await push(t, batch);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await pull(token)).json().rows).toEqual([]);
  });

  it.skipIf(b.skip)('400 for malformed JSON or an invalid mutation, and nothing of the batch is applied', async () => {
    const bad = await app.inject({
      method: 'POST', url: '/api/sync/push', headers: { ...headers(token), 'content-type': 'application/json' }, payload: '{"mutations": ['
    });
    expect(bad.statusCode).toBe(400);
    const good = mut({ recordId: 'd1', fields: { name: 'x' } });
    const invalid = { ...mut({ recordId: 'd2', fields: { a: 1 } }), hlc: { b: hlc(T0, 0, 'tabA') } }; // field a has no clock
    const res = await push(token, { mutations: [good, invalid] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid');
    expect((await push(token, { mutations: [{ ...good, hlc: '2024-01-01' }] })).statusCode).toBe(400);
    expect((await pull(token)).json().rows).toEqual([]);
  });

  it.skipIf(b.skip)('another tenant’s record id is ours to use, unseen by either; 403 for a foreign clientId', async () => {
    await push(other, { mutations: [mut({ recordId: 'g1', clientId: 'tabG', fields: { name: 'theirs' } })] });
    const res = await push(token, { mutations: [mut({ recordId: 'a1', fields: { n: 1 } }), mut({ recordId: 'g1', fields: { name: 'mine' } })] });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect((await push(token, { mutations: [mut({ recordId: 'a2', clientId: 'tabZ' })] })).statusCode).toBe(403);
    expect((await pull(token)).json().rows).toMatchObject([{ id: 'a1' }, { id: 'g1', data: { name: 'mine' } }]);
    expect((await pull(other)).json().rows).toMatchObject([{ id: 'g1', data: { name: 'theirs' } }]);
  });

  it.skipIf(b.skip)('426 for a client older than the previous protocol version, 400 without the header', async () => {
    expect((await push(token, { mutations: [] }, MIN_PROTOCOL_VERSION - 1)).statusCode).toBe(426);
    expect((await push(token, { mutations: [] }, MIN_PROTOCOL_VERSION)).statusCode).toBe(200);
    expect((await push(token, { mutations: [] }, PROTOCOL_VERSION + 1)).statusCode).toBe(200); // newer: served, unknown fields kept
    const res = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { mutations: [] } });
    expect(res.statusCode).toBe(400);
  });
});
