import { describe, expect, it } from 'vitest';
import { RepeatFilter } from './repeat';

describe('RepeatFilter', () => {
  it('passes the first sighting, holds repeats while in view, passes again after a pause', () => {
    const f = new RepeatFilter(1000);
    expect(f.accept('A', 0)).toBe(true);
    expect(f.accept('A', 100)).toBe(false);
    expect(f.accept('A', 1050)).toBe(false); // still in view: each sighting extends the hold
    expect(f.accept('A', 2100)).toBe(true);
    expect(f.accept('B', 2150)).toBe(true);
    expect(f.accept('A', 2200)).toBe(true);
    f.reset();
    expect(f.accept('A', 2250)).toBe(true);
  });
});
