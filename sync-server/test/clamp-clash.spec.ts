// Issue 9 bugs 1 and 2 on both stores: clamped clocks never merge two writes (rule 9), and an
// insert-only id arriving with other content is a conflict, not a silent duplicate (rule 10).
import { describe, expect, it } from 'vitest';
import type { MutationResult } from '../src/protocol.ts';
import { backends, hlc, mut, NOW, storeFixture, T0 } from './helpers.ts';

const HOUR = 3_600_000;
const LIMIT = NOW + 60_000; // the server's clock plus MAX_DRIFT_MS
const stored = (r: MutationResult | undefined) => (r?.status === 'applied' ? r.stored : undefined);

describe.each(backends)('clamping and insert clashes on $name', (b) => {
  const f = storeFixture(b);
  const apply = (now: number, ...ms: Parameters<typeof f.store.applyMutations>[1]) => f.store.applyMutations(f.acme.scope, ms, { now });
  const row = async (id: string) => (await f.store.pull(f.acme.scope, 0, 1000)).rows.find((r) => r.id === id)!;

  describe.skipIf(b.skip)('a tablet an hour fast', () => {
    it('keeps the order of three edits in one push and says where each was stored', async () => {
      const names = ['first', 'second', 'third (final)'];
      const res = await apply(NOW, ...names.map((name, i) => mut({ recordId: 'd1', fields: { name }, hlc: hlc(NOW + HOUR + i, 0, 'tabA') })));
      expect((await row('d1')).data.name).toBe('third (final)');
      const clocks = res.map((r) => stored(r)?.name);
      expect(clocks.every((c) => c !== undefined && c.endsWith('-tabA') && Number(c.slice(0, 15)) <= LIMIT)).toBe(true);
      expect([...clocks].sort()).toEqual(clocks);
      expect(new Set(clocks).size).toBe(3);
      expect((await row('d1')).clocks.name).toBe(clocks[2]);
    });

    it('keeps the order across pushes, and of per-field clocks, deletes and restores', async () => {
      await apply(NOW, mut({ recordId: 'd1', fields: { name: 'first', room: 'a' }, hlc: { name: hlc(NOW + HOUR, 0, 'tabA'), room: hlc(NOW + HOUR, 1, 'tabA') } }));
      const [second] = await apply(NOW, mut({ recordId: 'd1', fields: { name: 'second' }, hlc: hlc(NOW + HOUR + 10, 0, 'tabA') }));
      const [del] = await apply(NOW + 1, mut({ recordId: 'd1', op: 'delete', hlc: hlc(NOW + HOUR + 20, 0, 'tabA') }));
      const [back] = await apply(NOW + 1, mut({ recordId: 'd1', op: 'restore', fields: { room: 'b' }, hlc: hlc(NOW + HOUR + 30, 0, 'tabA') }));
      const r = await row('d1');
      expect(r.data).toEqual({ name: 'second', room: 'b' });
      expect(r.deletedHlc).toBeNull();
      expect(r.clocks.name).toBe(stored(second)!.name);
      expect(stored(del)!['']! > stored(second)!.name!).toBe(true);
      expect(stored(back)).toEqual({ room: r.clocks.room, '': r.clocks.room });
      expect(stored(back)!['']! > stored(del)!['']!).toBe(true);
    });

    it('does not let two fast tablets collide, and says nothing for clocks it kept', async () => {
      const [a, bb] = await apply(
        NOW,
        mut({ recordId: 'd1', clientId: 'tabA', fields: { name: 'A' }, hlc: hlc(NOW + HOUR, 0, 'tabA') }),
        mut({ recordId: 'd1', clientId: 'tabB', fields: { name: 'B' }, hlc: hlc(NOW + 2 * HOUR, 0, 'tabB') })
      );
      expect(stored(a)!.name!.endsWith('-tabA')).toBe(true);
      expect(stored(bb)!.name!.endsWith('-tabB')).toBe(true);
      const [plain] = await apply(NOW, mut({ recordId: 'd2', fields: { name: 'on time' }, hlc: hlc(T0, 0, 'tabA') }));
      expect(plain).toMatchObject({ status: 'applied', clamped: false });
      expect(stored(plain)).toBeUndefined();
    });
  });

  describe.skipIf(b.skip)('insert-only tables', () => {
    it('records a second insert of one id with other content as a conflict and resends the kept row', async () => {
      await apply(NOW, mut({ recordId: 'audit-101', table: 'roomAudits', op: 'insert', fields: { room: '101', found: 3 }, clientId: 'tabA' }));
      const before = (await row('audit-101')).serverSeq;
      const same = mut({ recordId: 'audit-101', table: 'roomAudits', op: 'insert', fields: { found: 3, room: '101' }, clientId: 'tabB', hlc: hlc(T0 + 5, 0, 'tabB') });
      const other = mut({ recordId: 'audit-101', table: 'roomAudits', op: 'insert', fields: { room: '101', found: 4 }, clientId: 'tabB', hlc: hlc(T0 + 9, 0, 'tabB') });
      const [dup, clash] = await apply(NOW, same, other);
      expect(dup).toEqual({ mutationId: same.mutationId, status: 'duplicate' });
      expect(clash).toMatchObject({ status: 'applied', conflicts: 1 });
      const kept = await row('audit-101');
      expect(kept.data).toEqual({ room: '101', found: 3 });
      expect(kept.serverSeq).toBeGreaterThan(before); // every tablet gets the kept row again
      const lost = await f.store.conflicts(f.acme.scope, 'roomAudits', 'audit-101');
      expect(lost).toMatchObject([{ field: 'found', value: 4, hlc: hlc(T0 + 9, 0, 'tabB'), side: 'incoming', reason: 'insert-clash', clientId: 'tabB' }]);
    });
  });
});
