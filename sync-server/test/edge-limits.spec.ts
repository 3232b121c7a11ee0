// Issue 9 bugs 4, 5 and 6 over HTTP on both stores: what the edge refuses (400 naming the
// mutation and the field), what it serves (pages bounded in bytes, compressed), and that a row
// the server cannot serve never blocks the others.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import { appFixture, backends, hlc, mut, T0 } from './helpers.ts';

const MiB = 1024 * 1024;

/** A mutation as a tablet might send it, unvalidated: the edge must judge it. */
function wire(p: { recordId: string; fields: Record<string, unknown> }) {
  return { mutationId: crypto.randomUUID(), clientId: 'tabA', clientSeq: 1, table: 'devices', op: 'upsert', hlc: hlc(T0, 0, 'tabA'), ...p };
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe.each(backends)('the edge on $name', (b) => {
  const f = appFixture(b, { bodyLimit: 8 * MiB });
  const headers = { 'x-assetwalk-protocol': String(PROTOCOL_VERSION), authorization: '' };
  const auth = () => ({ ...headers, authorization: `Bearer ${f.token}` });
  const push = (mutations: unknown[]) => f.app.inject({ method: 'POST', url: '/api/sync/push', headers: auth(), payload: { mutations } });
  const pull = (cursor = 0, extra: Record<string, string> = {}) =>
    f.app.inject({ url: `/api/sync/pull?cursor=${cursor}&limit=1000`, headers: { ...auth(), ...extra } });

  it.skipIf(b.skip)('refuses deep, wide and large records with 400 naming the mutation and the field', async () => {
    const ok = mut({ recordId: 'ok', fields: { name: 'fine' } });
    const cases = [
      wire({ recordId: 'deep', fields: { spec: nested(4_100) } }),
      wire({ recordId: 'wide', fields: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, i])) }),
      wire({ recordId: 'big', fields: { notes: 'x'.repeat(300 * 1024) } })
    ];
    const paths: unknown[] = [];
    for (const bad of cases) {
      const res = await push([ok, bad]);
      expect(res.statusCode).toBe(400);
      const issue = res.json().issues[0];
      expect(issue.mutationId).toBe(bad.mutationId);
      paths.push(issue.path.slice(0, 4));
    }
    expect(paths).toEqual([['mutations', 1, 'fields', 'spec'], ['mutations', 1, 'fields'], ['mutations', 1, 'fields']]);
    expect((await push([mut({ recordId: 'nest', fields: { spec: nested(20) } })])).statusCode).toBe(200);
    expect((await pull()).json().rows.map((r: { id: string }) => r.id)).toEqual(['nest']);
  });

  it.skipIf(b.skip)('serves the rows around one it cannot read', async () => {
    await push([mut({ recordId: 'd1', fields: { n: 1 } }), mut({ recordId: 'd2', fields: { n: 2 } }), mut({ recordId: 'd3', fields: { n: 3 } })]);
    // A row written before the limits existed (or damaged at rest).
    await f.o.raw('UPDATE records SET data = ? WHERE id = ?', [`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, 'd2']);
    const res = await pull();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ cursor: 3, hasMore: false, skipped: [{ table: 'devices', id: 'd2', serverSeq: 2 }] });
    expect(res.json().rows.map((r: { id: string }) => r.id)).toEqual(['d1', 'd3']);
  });

  it.skipIf(b.skip)('bounds a pull page in bytes and compresses it', async () => {
    const blob = 'y'.repeat(200 * 1024);
    for (let i = 0; i < 300; i += 30) {
      const batch = Array.from({ length: 30 }, (_, j) => mut({ recordId: `big-${i + j}`, fields: { blob: `${i + j}${blob}` } }));
      expect((await push(batch)).statusCode).toBe(200);
    }
    const seen: string[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const res = await pull(cursor, { 'accept-encoding': 'gzip' });
      expect(res.headers['content-encoding']).toBe('gzip');
      const page = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(4 * MiB + 210 * 1024);
      seen.push(...page.rows.map((r: { id: string }) => r.id));
      pages++;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBeGreaterThan(10);
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => `big-${i}`));
  });

  it.skipIf(b.skip)('refuses NUL, lone surrogates and overflowing numbers with 400, and keeps Object.prototype names', async () => {
    const bad = [
      wire({ recordId: 'a\u0000b', fields: { name: 'x' } }),
      wire({ recordId: 'd1', fields: { name: 'x\u0000y' } }),
      wire({ recordId: 'd1', fields: { spec: { 'k\u0000': 1 } } }),
      wire({ recordId: 'd1', fields: { list: ['ok', '\u0000'] } }),
      wire({ recordId: '\ud800', fields: { name: 'x' } })
    ];
    for (const m of bad) expect((await push([m])).statusCode).toBe(400);
    const overflow = await f.app.inject({
      method: 'POST', url: '/api/sync/push', headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ mutations: [wire({ recordId: 'd1', fields: { n: 0 } })] }).replace('"n":0', '"n":1e400')
    });
    expect(overflow.statusCode).toBe(400);
    const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    const one = mut({ recordId: 'proto', fields: Object.fromEntries(names.map((n) => [n, `v-${n}`])) });
    const perField = mut({ recordId: 'proto2', fields: { constructor: 1, toString: { nested: 'x', constructor: 2 } }, hlc: { constructor: hlc(T0, 0, 'tabA'), toString: hlc(T0, 1, 'tabA') } });
    const res = await push([one, perField]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    // A per-field clock map missing a prototype name's clock is invalid, not "inherited".
    expect((await push([{ ...wire({ recordId: 'p3', fields: { constructor: 1 } }), hlc: { name: hlc(T0, 0, 'tabA') } }])).statusCode).toBe(400);
    const rows = (await pull()).json().rows;
    expect(rows.map((r: { id: string; data: unknown }) => [r.id, r.data])).toEqual([
      ['proto', Object.fromEntries(names.map((n) => [n, `v-${n}`]))],
      ['proto2', { constructor: 1, toString: { nested: 'x', constructor: 2 } }]
    ]);
    expect(rows[1].clocks).toEqual({ constructor: hlc(T0, 0, 'tabA'), toString: hlc(T0, 1, 'tabA') });
  });
});
