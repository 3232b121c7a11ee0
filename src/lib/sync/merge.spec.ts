import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeRow, pendingIndex, recordKey, type LocalRow, type MergeInput } from './merge';
import type { PulledRecord } from './transport';

const h = (wall: number, node: string, counter = 0) => `${String(wall).padStart(15, '0')}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
const row = (data: Record<string, unknown>, clocks: Record<string, string>, deletedHlc: string | null = null): PulledRecord => ({
  table: 'devices', id: 'd1', data, clocks, deletedHlc, serverSeq: 1
});
const input = (local: LocalRow | undefined, remote: PulledRecord, extra: Partial<MergeInput> = {}): MergeInput => ({
  local, remote, insertOnly: false, pending: undefined, node: 'me', ackAt: () => undefined, recordedAt: '2026-01-01T00:00:00.000Z', ...extra
});

describe('mergeRow', () => {
  it('keeps the higher clock per field, stores unknown fields, and is idempotent', () => {
    const local: LocalRow = { id: 'd1', name: 'A', notes: 'mine', clocks: { name: h(5, 'me'), notes: h(9, 'me') } };
    const r = row({ name: 'B', notes: 'theirs', rfidTag: 'X' }, { name: h(7, 'b'), notes: h(8, 'b'), rfidTag: h(7, 'b') });
    const m = mergeRow(input(local, r));
    expect(m.next).toMatchObject({ name: 'B', notes: 'mine', rfidTag: 'X' });
    expect(m.conflicts).toEqual([]); // acknowledged long ago (no ack known): a sequential overwrite
    expect(mergeRow(input(m.next!, r)).next).toBeNull();
  });

  it('records our pending value as the loser when the remote one is newer, and the remote one when ours is', () => {
    const local: LocalRow = { id: 'd1', name: 'A', notes: 'mine', clocks: { name: h(5, 'me'), notes: h(9, 'me') } };
    const pending = pendingIndex([{ table: 'devices', recordId: 'd1', op: 'upsert', fields: { name: 'A', notes: 'mine' }, hlc: h(5, 'me'), base: {} }]);
    pending.get(recordKey('devices', 'd1'))!.fields.set('notes', h(9, 'me'));
    const r = row({ name: 'B', notes: 'theirs' }, { name: h(7, 'b'), notes: h(8, 'b') });
    const m = mergeRow(input(local, r, { pending: pending.get(recordKey('devices', 'd1')) }));
    expect(m.conflicts.map((c) => [c.field, c.value])).toEqual([['name', 'A'], ['notes', 'theirs']]);
  });

  it('a tombstone wins over pending edits, which become conflicts; a pending delete stays deleted', () => {
    const local: LocalRow = { id: 'd1', name: 'A', clocks: { name: h(9, 'me') } };
    const pending = pendingIndex([{ table: 'devices', recordId: 'd1', op: 'upsert', fields: { name: 'A' }, hlc: h(9, 'me') }]).get(recordKey('devices', 'd1'));
    const m = mergeRow(input(local, row({ name: 'old' }, { name: h(1, 'b') }, h(5, 'b')), { pending }));
    expect(m.next?.deleted).toBe(h(5, 'b'));
    expect(m.next?.name).toBe('A');
    // Ours lost to the tombstone; the older remote value also lost to ours (rule (b), no base).
    expect(m.conflicts.map((c) => [c.value, c.winnerHlc])).toEqual([['old', h(9, 'me')], ['A', h(5, 'b')]]);

    const del = pendingIndex([{ table: 'devices', recordId: 'd1', op: 'delete', fields: {}, hlc: h(9, 'me') }]).get(recordKey('devices', 'd1'));
    const gone: LocalRow = { id: 'd1', name: 'A', clocks: { name: h(1, 'me') }, deleted: h(9, 'me') };
    expect(mergeRow(input(gone, row({ name: 'B' }, { name: h(3, 'b') }), { pending: del })).next?.deleted).toBe(h(9, 'me'));
  });

  it('a pending delete older than a restore the server holds loses: the row is live, as on the server', () => {
    // Found by the fault-proxy run (faults.spec.ts): the delete changes nothing on the server,
    // so the server's row never comes back in a pull; the tablet must not stay deleted.
    const gone: LocalRow = { id: 'd1', name: 'A', clocks: { name: h(1, 'me') }, deleted: h(5, 'me') };
    const del = pendingIndex([{ table: 'devices', recordId: 'd1', op: 'delete', fields: {}, hlc: h(5, 'me') }]).get(recordKey('devices', 'd1'));
    const restored = { ...row({ name: 'A' }, { name: h(1, 'me') }), restoredHlc: h(7, 'b') };
    expect(mergeRow(input(gone, restored, { pending: del })).next?.deleted).toBeUndefined();
    // A restore older than our pending delete: ours is newer and will win on the server.
    const older = { ...row({ name: 'A' }, { name: h(1, 'me') }), restoredHlc: h(3, 'b') };
    expect(mergeRow(input(gone, older, { pending: del })).next).toBeNull();
  });

  it('takes the server\'s clamped clock for our own acknowledged write, but never over a pending edit', () => {
    // We wrote at wall 9000 (a fast clock); the server stored it under 5000 (clamped).
    const local: LocalRow = { id: 'd1', name: 'final', clocks: { name: h(9000, 'me', 2) } };
    const m = mergeRow(input(local, row({ name: 'final' }, { name: h(5000, 'me', 2) })));
    expect(m.next?.clocks.name).toBe(h(5000, 'me', 2));
    expect(m.conflicts).toEqual([]);
    // Another node's older clock still loses to ours.
    expect(mergeRow(input(local, row({ name: 'x' }, { name: h(5000, 'b') }))).next).toBeNull();
    // A pending edit of the field keeps its own clock until its reply.
    const pending = pendingIndex([{ table: 'devices', recordId: 'd1', op: 'upsert', fields: { name: 'final' }, hlc: h(9000, 'me', 2) }]).get(recordKey('devices', 'd1'));
    expect(mergeRow(input(local, row({ name: 'older' }, { name: h(5000, 'me', 1) }), { pending })).next).toBeNull();
  });

  it('insert-only rows are inserted once and never changed', () => {
    const r = { ...row({ result: 'pass' }, { result: h(3, 'b') }), table: 'checks' };
    const first = mergeRow(input(undefined, r, { insertOnly: true }));
    expect(first.next).toMatchObject({ id: 'd1', result: 'pass' });
    expect(mergeRow(input(first.next!, r, { insertOnly: true })).next).toBeNull();
  });

  it('an insert-only id pulled with other content: the server\'s row replaces ours, ours is a loser', () => {
    const r = { ...row({ result: 'pass', found: 12 }, { result: h(3, 'b'), found: h(3, 'b') }), table: 'roomAudits' };
    const ours: LocalRow = { id: 'd1', result: 'pass', found: 14, clocks: { result: h(4, 'me'), found: h(4, 'me') } };
    const m = mergeRow(input(ours, r, { insertOnly: true }));
    expect(m.next).toMatchObject({ result: 'pass', found: 12 });
    expect(m.conflicts).toEqual([expect.objectContaining({ table: 'roomAudits', field: 'found', value: 14, hlc: h(4, 'me'), winnerHlc: h(3, 'b') })]);
  });

  it('field registers converge whatever order and duplication the versions arrive in (property)', () => {
    // The pull delivers one record's server states in server_seq order; this checks the stronger
    // claim that per-field merging does not depend on order or repeats at all.
    const reg = fc.option(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom('a', 'b', 'c')));
    const versions = fc.array(fc.record({ name: reg, notes: reg }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(versions.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray([...vs, ...vs], { minLength: vs.length * 2, maxLength: vs.length * 2 }))), ([vs, shuffled]) => {
        // A value is a function of its clock, as on the server (one clock, one write).
        const toRow = (v: (typeof vs)[number]) => {
          const data: Record<string, unknown> = {};
          const clocks: Record<string, string> = {};
          for (const f of ['name', 'notes'] as const) {
            const x = v[f];
            if (x) { clocks[f] = h(x[0], x[1]); data[f] = `${x[0]}${x[1]}`; }
          }
          return row(data, clocks);
        };
        const apply = (list: PulledRecord[]) => list.reduce<LocalRow | undefined>((acc, r) => mergeRow(input(acc, r)).next ?? acc, undefined);
        const norm = (r: LocalRow | undefined) => r && { ...r, createdAt: undefined, updatedAt: undefined };
        expect(norm(apply(shuffled.map(toRow)))).toEqual(norm(apply(vs.map(toRow))));
      })
    );
  });
});
