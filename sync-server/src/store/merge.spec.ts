import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutationSchema, type Mutation } from '../protocol.ts';
import { merge, opClock, type RecordState } from '../../../src/lib/sync/protocol/merge-rule.ts';

const T0 = 1_733_000_000_000;
const clock = (wall: number, counter: number, node: string) =>
  `${String(T0 + wall).padStart(15, '0')}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;

function fold(ms: readonly Mutation[]): RecordState | null {
  let s: RecordState | null = null;
  for (const m of ms) {
    const clocks = typeof m.hlc === 'string' ? Object.fromEntries(Object.keys(m.fields).map((f) => [f, m.hlc as string])) : m.hlc;
    const out = merge(s, m, clocks, typeof m.hlc === 'string' ? m.hlc : opClock(m.hlc));
    s = out.next ?? s;
  }
  return s;
}

const opArb = fc.record({
  op: fc.constantFrom('upsert', 'upsert', 'upsert', 'delete', 'restore'),
  node: fc.constantFrom('tabA', 'tabB', 'tabC'),
  wall: fc.integer({ min: 0, max: 20 }),
  fields: fc.dictionary(fc.constantFrom('name', 'room', 'status'), fc.integer({ min: 0, max: 9 }), { maxKeys: 3 })
});

describe('merge', () => {
  it('reaches the same record whatever the delivery order, with replays', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (ops, rnd) => {
        // The counter makes every clock unique, as real HLCs are.
        const ms = ops.map((o, i) =>
          mutationSchema.parse({
            mutationId: crypto.randomUUID(), clientId: o.node, clientSeq: i, table: 'devices', recordId: 'd1',
            op: o.op, fields: o.op === 'delete' ? {} : o.fields, hlc: clock(o.wall, i, o.node)
          })
        );
        const shuffled = [...ms, ...ms.slice(0, 3)].map((m) => [rnd.next().value as number, m] as const);
        shuffled.sort((a, b) => a[0] - b[0]);
        expect(fold(shuffled.map(([, m]) => m))).toEqual(fold(ms));
      }),
      { numRuns: 300 }
    );
  });

  it('keeps a tombstone against a newer edit and records the edit as a loser', () => {
    const del = mutationSchema.parse({
      mutationId: crypto.randomUUID(), clientId: 'tabA', clientSeq: 1, table: 'devices', recordId: 'd1', op: 'delete', hlc: clock(5, 0, 'tabA')
    });
    const dead = merge(null, del, {}, clock(5, 0, 'tabA')).next!;
    const edit = mutationSchema.parse({ ...del, op: 'upsert', clientId: 'tabB', fields: { name: 'x' }, hlc: clock(9, 0, 'tabB') });
    const out = merge(dead, edit, { name: clock(9, 0, 'tabB') }, clock(9, 0, 'tabB'));
    expect(out.next?.deletedHlc).toBe(clock(5, 0, 'tabA'));
    expect(out.losers).toEqual([{ field: 'name', value: 'x', hlc: clock(9, 0, 'tabB'), winnerHlc: clock(5, 0, 'tabA'), side: 'incoming', reason: 'tombstone' }]);
  });
});
