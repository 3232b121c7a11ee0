import { describe, expect, it } from 'vitest';
import type { PulledRecord } from '../wire';
import { compactMap, expandClocks, type CompactRecord } from './compact-clocks';

/** A row as the server sends it (pull-page.ts): compact when compactMap says so, else as it is. */
function compactClocks(r: PulledRecord): CompactRecord {
  const c = compactMap(r.clocks, Object.keys(r.data));
  return c ? { ...r, clock: c.clock, clocks: c.rest } : r;
}

const h = (n: number, node = 'a') => `${String(1_764_720_000_000 + n).padStart(15, '0')}-0000-${node}`;
const row = (data: Record<string, unknown>, clocks: Record<string, string>): PulledRecord => ({ table: 'devices', id: 'd1', data, clocks, deletedHlc: null, serverSeq: 1 });

describe('compact clocks on pull pages', () => {
  it('sends a shared clock once and gives back exactly the stored map', () => {
    const r = row({ name: 'PC', serial: 'S', site: 's' }, { name: h(1), serial: h(1), site: h(2, 'b') });
    const c = compactClocks(r);
    expect(c).toMatchObject({ clock: h(1), clocks: { site: h(2, 'b') } });
    expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(r).length);
    expect(expandClocks(JSON.parse(JSON.stringify(c)) as typeof c)).toStrictEqual(r);
  });

  it('keeps clocks of fields without data, and prototype names as plain fields', () => {
    const data = JSON.parse('{"constructor":1,"__proto__":2,"x":3}') as Record<string, unknown>;
    const clocks = JSON.parse(`{"constructor":"${h(1)}","__proto__":"${h(1)}","x":"${h(1)}","gone":"${h(1)}"}`) as Record<string, string>;
    const r = row(data, clocks);
    const back = expandClocks(JSON.parse(JSON.stringify(compactClocks(r))) as PulledRecord);
    expect(back).toStrictEqual(r);
    expect(Object.keys(back.clocks).sort()).toEqual(['__proto__', 'constructor', 'gone', 'x']);
    expect(Object.getPrototypeOf(back.clocks)).toBe(Object.prototype);
  });

  it('sends a row whose data field has no clock, or with nothing shared, as it is', () => {
    const noClock = row({ a: 1, b: 2 }, { a: h(1) });
    expect(compactClocks(noClock)).toBe(noClock);
    const allDifferent = row({ a: 1, b: 2 }, { a: h(1), b: h(2) });
    expect(compactClocks(allDifferent)).toBe(allDifferent);
    expect(expandClocks(allDifferent)).toBe(allDifferent); // a full row from an older server passes through
  });
});
