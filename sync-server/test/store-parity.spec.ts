// Issue 9 bug 6: every input the edge accepts round-trips exactly on each store, so SQLite and
// PostgreSQL answer alike. Property test: random accepted batches, field names drawn partly from
// Object.prototype, values from any JSON; each field must end as the write with the highest clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushRequestSchema } from '../src/protocol.ts';
import { backends, hlc, NOW, storeFixture, T0 } from './helpers.ts';

const fieldName = fc.oneof(
  fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/)
);
const opArb = fc.record({
  recordId: fc.constantFrom('r1', 'constructor', 'toString', 'id with spaces', '设备-1', 'x'.repeat(128)),
  node: fc.constantFrom('tabA', 'tabB'),
  fields: fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 4 }), { minKeys: 1, maxKeys: 5 })
});

describe.each(backends)('round trip on $name', (b) => {
  const f = storeFixture(b);

  it.skipIf(b.skip)('stores every accepted mutation exactly', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const prefix = `run${++run}-`;
        const wire = ops.map((o, i) => ({
          mutationId: crypto.randomUUID(), clientId: o.node, clientSeq: i, table: 'devices', recordId: prefix + o.recordId,
          op: 'upsert', fields: o.fields, hlc: hlc(T0 + run * 100 + i, 0, o.node)
        }));
        // Through JSON, as the edge receives it; inputs the edge refuses are no part of the claim.
        const parsed = pushRequestSchema.safeParse(JSON.parse(JSON.stringify({ mutations: wire })));
        fc.pre(parsed.success);
        const res = await f.store.applyMutations(f.acme.scope, parsed.data!.mutations, { now: NOW });
        expect(res.every((r) => r.status === 'applied')).toBe(true);
        // The model: clocks rise with the index, so the last write of each field wins.
        const want = new Map<string, { data: Record<string, unknown>; clocks: Record<string, string> }>();
        for (const m of wire) {
          const cur = want.get(m.recordId) ?? { data: {}, clocks: {} };
          for (const [k, v] of Object.entries(JSON.parse(JSON.stringify(m.fields)) as Record<string, unknown>)) {
            Object.defineProperty(cur.data, k, { value: v, enumerable: true, writable: true, configurable: true });
            Object.defineProperty(cur.clocks, k, { value: m.hlc, enumerable: true, writable: true, configurable: true });
          }
          want.set(m.recordId, cur);
        }
        const got = (await f.store.pull(f.acme.scope, 0, 1000)).rows.filter((r) => r.id.startsWith(prefix));
        expect(new Map(got.map((r) => [r.id, { data: r.data, clocks: r.clocks }]))).toEqual(want);
      }),
      { numRuns: 60 }
    );
  });
});
