// Pull pages are built as text with the stored data spliced in (store/pull-page.ts). What a
// tablet parses from the reply must be exactly what Store.pull returns as objects, on both
// stores and for awkward field names and strings; rows that cannot be served are skipped.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import { objectTextFits, pageJson, pageObject, servable, SERVE_DEPTH, type RecordRow } from '../src/store/pull-page.ts';
import { expandClocks } from '../../src/lib/sync/protocol/compact-clocks.ts';
import { appFixture, backends, hlc, mut, NOW, T0 } from './helpers.ts';

const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

describe('objectTextFits', () => {
  it('counts nesting of arrays and objects, not brackets inside strings', () => {
    expect(objectTextFits('{"a":1}', 1)).toBe(true);
    expect(objectTextFits('{"a":{"b":[1]}}', 2)).toBe(false);
    expect(objectTextFits('{"a":{"b":[1]}}', 3)).toBe(true);
    expect(objectTextFits(`{"a":${nest(63)}}`, 64)).toBe(true);
    expect(objectTextFits(`{"a":${nest(64)}}`, 64)).toBe(false);
    expect(objectTextFits(JSON.stringify({ s: '[[[[{{{{', t: 'a\\"[[[', u: '\\' }), 1)).toBe(true);
    expect(objectTextFits(JSON.stringify({ s: '"}', a: [[1]] }), 2)).toBe(false);
  });

  it('reads the top-level field names, escaped ones too, and only those', () => {
    const keys: string[] = [];
    const text = `{"__proto__":1,${JSON.stringify({ 'a"b': { inner: 1 }, 'c\\d': ['x:', { deep: 2 }], 中文: 'v:' }).slice(1)}`;
    expect(objectTextFits(text, 64, keys)).toBe(true);
    expect(keys).toEqual(['__proto__', 'a"b', 'c\\d', '中文']);
  });

  it('refuses text that is not one whole object', () => {
    for (const bad of ['[1]', 'null', '"s"', '{"a":', '{"a":"}', '{"a":[1}', '{"a":1}}', '{}{', '{"a":"x\\"}']) expect(objectTextFits(bad, 64), bad).toBe(false);
    expect(objectTextFits('{}', 64)).toBe(true);
  });
});

const row = (data: string, clocks = '{"a":"c1"}'): RecordRow => ({ tbl: 'devices', id: 'd1', data, clocks, deleted_hlc: null, restored_hlc: null, server_seq: 7 });

describe('servable', () => {
  it('refuses what cannot be served and keeps what can', () => {
    expect(servable(row('{"a":1}'))).not.toBeNull();
    expect(servable(row('{"a":'))).toBeNull(); // cut short at rest
    expect(servable(row('{"a":tru}'), true)).toBeNull(); // the object page parses it too
    expect(servable(row('[1]'))).toBeNull();
    expect(servable(row('null'))).toBeNull();
    expect(servable(row(`{"a":${nest(SERVE_DEPTH)}}`))).toBeNull();
    expect(servable(row(`{"a":${nest(SERVE_DEPTH - 1)}}`))).not.toBeNull();
    expect(servable(row('{"a":1}', '{"a":{"x":"c"}}'))).toBeNull();
    expect(servable(row('{"a":1}', '[]'))).toBeNull();
  });

  it('serves the stored text so the client parses the same value, awkward names included', () => {
    const data = { __proto__x: 1, constructor: 'c', ['__proto__']: 'p', quote: 'say "hi" \\ \u2028 中文 😀', n: -0.5e-7, nested: { a: [1, { b: null }] } };
    const text = JSON.stringify(JSON.parse(`{"__proto__":"p",${JSON.stringify(data).slice(1)}`));
    const clocks = `{"__proto__":"c1",${JSON.stringify({ __proto__x: 'c1', constructor: 'c1', quote: 'c2', n: 'c1', nested: 'c1', gone: 'c1' }).slice(1)}`;
    const s = servable(row(text, clocks), true)!;
    const head = { cursor: 7, hasMore: false, skipped: [] };
    const plain = JSON.parse(pageJson([s], head, { compact: false, serverTime: 5 }));
    expect(plain).toEqual({ ...pageObject([s], head), serverTime: 5 });
    expect(Object.hasOwn(plain.rows[0].data, '__proto__')).toBe(true);
    expect(plain.rows[0].data.__proto__).toBe('p');
    const compact = JSON.parse(pageJson([s], head, { compact: true, serverTime: 5 }));
    expect(compact.rows[0].clock).toBe('c1');
    expect(compact.rows[0].clocks).toEqual({ quote: 'c2', gone: 'c1' }); // a clock without data stays named
    expect(expandClocks(compact.rows[0]).clocks).toEqual(JSON.parse(clocks));
    expect(Object.hasOwn(expandClocks(compact.rows[0]).clocks, '__proto__')).toBe(true);
  });
});

describe.each(backends)('pull replies on $name', (b) => {
  const f = appFixture(b);
  const pull = (q: string) =>
    f.app.inject({ url: `/api/sync/pull?${q}`, headers: { 'x-assetwalk-protocol': String(PROTOCOL_VERSION), authorization: `Bearer ${f.token}`, 'accept-encoding': 'identity' } });

  it.skipIf(b.skip)('parse to exactly what the store holds, with and without compact clocks', async () => {
    const fields = { name: 'PC "A" \\ 中文', constructor: 'x', spec: { cpu: ['i5', { ghz: 2.5 }] }, empty: null };
    await f.o.store.applyMutations({ tenantId: f.tenantId, siteIds: '*' }, [
      mut({ recordId: 'a', fields }),
      mut({ recordId: 'b"\\id', fields: { name: 'b' }, hlc: hlc(T0, 1, 'tabA') }),
      mut({ recordId: 'broken', fields: { name: 'c' } }),
      mut({ recordId: 'a', fields: { name: 'later' }, hlc: hlc(T0 + 5, 0, 'tabA') })
    ]);
    await f.o.raw('UPDATE records SET data = ? WHERE id = ?', ['{"name":', 'broken']); // damaged at rest
    const expected = await f.o.store.pull({ tenantId: f.tenantId, siteIds: '*' }, 0, 100);
    expect(expected.skipped.map((s) => s.id)).toEqual(['broken']);
    expect(expected.rows.map((r) => r.id)).toEqual(['b"\\id', 'a']);
    const plain = await pull('cursor=0&limit=100');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.json()).toEqual({ ...expected, serverTime: NOW });
    const compact = (await pull('cursor=0&limit=100&clocks=compact')).json();
    expect(compact.rows.map(expandClocks)).toEqual(expected.rows);
    const a = compact.rows.find((r: { id: string }) => r.id === 'a');
    expect(a.data).toEqual({ ...fields, name: 'later' });
    expect(Object.keys(a.clocks)).toEqual(['name']); // the rest share `clock`
  });
});
