import { describe, expect, it } from 'vitest';
import type { ConflictEntry } from '$lib/db/types';
import { conflictLines, recordLabel, type TabletDirectory } from './conflictView';

const h = (wall: number, node: string) => `${String(wall).padStart(15, '0')}-0000-${node}`;
const key = (t: string, id: string) => `${t}\u0000${id}`;

describe('conflictLines', () => {
  const conflicts: ConflictEntry[] = [
    { id: 1, table: 'devices', recordId: 'd1', field: 'assignedUser', value: '张三', hlc: h(1000, 'mine0000aa'), winnerHlc: h(2000, 'theirs00bb'), at: '2026-12-02T10:00:00Z' },
    { id: 2, table: 'devices', recordId: 'd2', field: 'notes', value: 'old', hlc: h(1000, 'mine0000aa'), winnerHlc: h(5000, 'theirs00bb'), at: '2026-12-02T10:00:00Z' },
    { id: 3, table: 'devices', recordId: 'gone', field: 'name', value: 'x', hlc: h(1, 'a'), winnerHlc: h(3000, 'b'), at: '2026-12-02T10:00:00Z' },
    { id: 4, table: 'devices', recordId: 'd1', field: 'assetNumber', value: 'AC-000500', hlc: '', winnerHlc: 'other-id', at: '2026-12-02T11:00:00Z', kind: 'assetNumberClash' }
  ];
  const rows = new Map<string, Record<string, unknown> | undefined>([
    [key('devices', 'd1'), { assetNumber: 'AC-000001', name: 'PC-1', assignedUser: '李四' }],
    [key('devices', 'd2'), { assetNumber: 'AC-000002', name: 'PC-2', notes: 'old', deleted: undefined }],
    [key('devices', 'gone'), undefined]
  ]);

  it('says whose value was overwritten by what, from which tablet, newest first', () => {
    const lines = conflictLines(conflicts, rows);
    expect(lines.map((l) => l.id)).toEqual([4, 2, 3, 1]);
    const first = lines.find((l) => l.id === 1)!;
    expect(first).toMatchObject({ record: 'AC-000001 · PC-1', href: '/devices/d1', field: 'assignedUser', lost: '张三', current: '李四', at: 2000, canRestore: true, source: 'tablet' });
    expect(first.by).toMatchObject({ short: 'theirs00', self: false, code: null });
    expect(first.lostBy).toMatchObject({ id: 'mine0000aa', short: 'mine0000' });
  });

  it('offers no restore when the record already holds the value, is not here, or for a number clash', () => {
    const lines = new Map(conflictLines(conflicts, rows).map((l) => [l.id, l]));
    expect(lines.get(2)!.canRestore).toBe(false); // holds "old" again
    expect(lines.get(3)).toMatchObject({ canRestore: false, href: null, record: 'devices gone' });
    expect(lines.get(4)).toMatchObject({ kind: 'assetNumberClash', canRestore: false, by: null });
  });

  it('says where a conflict was recorded and names tablets as well as this tablet knows them', () => {
    const fromServer: ConflictEntry[] = [
      { id: 7, table: 'devices', recordId: 'd1', field: 'assignedUser', value: '王工', hlc: h(1000, 'tabletA0001'), winnerHlc: h(2000, 'tabletB0002'), at: '2026-12-02T10:00:05Z', source: 'server', serverId: 's7', clientId: 'tabletA0001', reason: 'lww' },
      { id: 8, table: 'devices', recordId: 'd1', field: 'notes', value: 'x', hlc: '', winnerHlc: h(3000, 'tabletB0002'), at: '2026-12-02T10:00:06Z', source: 'server', serverId: 's8', clientId: 'tabletC0003', reason: 'tombstone' }
    ];
    const dir: TabletDirectory = { self: 'tabletA0001', known: new Map([['tabletA0001', { code: 7, device: null }], ['tabletB0002', { code: 12, device: 'Ward 3 iPad' }]]) };
    const lines = new Map(conflictLines(fromServer, rows, dir).map((l) => [l.id, l]));
    expect(lines.get(7)).toMatchObject({ source: 'server', recordedAt: Date.parse('2026-12-02T10:00:05Z'), reason: 'lww', canRestore: true });
    expect(lines.get(7)!.lostBy).toEqual({ id: 'tabletA0001', short: 'tabletA0', self: true, code: 7, device: null });
    expect(lines.get(7)!.by).toEqual({ id: 'tabletB0002', short: 'tabletB0', self: false, code: 12, device: 'Ward 3 iPad' });
    // The pusher the server named, though the lost value carried no clock; a tablet this one cannot name.
    expect(lines.get(8)).toMatchObject({ reason: 'tombstone', lostBy: { id: 'tabletC0003', self: false, code: null, device: null } });
    // Without a directory nothing is "this tablet".
    expect(conflictLines(fromServer, rows).find((l) => l.id === 7)!.lostBy).toMatchObject({ self: false, code: null });
  });

  it('labels records by their own fields', () => {
    expect(recordLabel('locations', 'l1', { building: 'A', floor: '3F', room: '301' })).toBe('A / 3F / 301');
    expect(recordLabel('panels', 'p1', { name: 'OR-3 panel' })).toBe('OR-3 panel');
    expect(recordLabel('panels', 'p12345678x', { name: '' })).toBe('panels p1234567');
  });
});
