import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, parseHlc, receive, tick, MAX_DRIFT_MS, type HlcState } from './hlc';

const start: HlcState = { wall: 0, counter: 0, node: 'tabA' };

describe('hybrid logical clock', () => {
  it('formats fixed-width and parses back', () => {
    const s = formatHlc({ wall: 1733000000000, counter: 10, node: 'tabA' });
    expect(s).toBe('001733000000000-000A-tabA');
    expect(parseHlc(s)).toEqual({ wall: 1733000000000, counter: 10, node: 'tabA' });
    expect(parseHlc('garbage')).toBeNull();
  });

  it('stays monotonic when the wall clock jumps back an hour', () => {
    let s = tick(start, 1_000_000_000_000);
    const before = formatHlc(s);
    s = tick(s, 1_000_000_000_000 - 3_600_000);
    expect(formatHlc(s) > before).toBe(true);
    expect(s.wall).toBe(1_000_000_000_000);
  });

  it('orders any sequence of local ticks strictly, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let s = start;
        let last = '';
        for (const w of walls) {
          s = tick(s, w);
          const f = formatHlc(s);
          if (!(f > last)) return false;
          last = f;
        }
        return true;
      })
    );
  });

  it('moves past a received timestamp, and clamps one far in the future', () => {
    const now = 1_000_000_000_000;
    const near = formatHlc({ wall: now + 5_000, counter: 3, node: 'tabB' });
    const s1 = receive({ ...start, wall: now }, near, now);
    expect(formatHlc(s1) > near.replace('tabB', 'tabA')).toBe(true);

    const far = formatHlc({ wall: now + 3_600_000, counter: 0, node: 'tabB' });
    const s2 = receive({ ...start, wall: now }, far, now);
    expect(s2.wall).toBe(now + MAX_DRIFT_MS);
  });
});
