import { describe, expect, it } from 'vitest';
import type { Device } from '../device';
import { keepSelection, type Candidate } from './select';

const cand = (id: string): Candidate => ({ device: { id } as Device, label: undefined, data: { assetNumber: id, url: '', text: {} } });
const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(cand) as [Candidate, Candidate, Candidate, Candidate];

describe('the devices ticked for printing', () => {
  it('are all of them, or the one asked for, on the first load', () => {
    expect(keepSelection(null, {}, [a, b])).toEqual({ a: true, b: true });
    expect(keepSelection(null, {}, [a, b], ['b'])).toEqual({ a: false, b: true });
  });

  it('stay as ticked when the list is loaded again after a print', () => {
    expect(keepSelection([a, b, c], { a: false, b: true, c: false }, [a, b, c])).toEqual({ a: false, b: true, c: false });
    // printed ones may leave the list ("without a label"); the rest keep their ticks
    expect(keepSelection([a, b, c], { a: false, b: true, c: true }, [a, c])).toEqual({ a: false, c: true });
  });

  it('tick a device not shown before only when every device shown before was ticked', () => {
    expect(keepSelection([a, b], { a: true, b: false }, [a, b, d])).toEqual({ a: true, b: false, d: false });
    expect(keepSelection([a, b], { a: true, b: true }, [a, b, d])).toEqual({ a: true, b: true, d: true });
    expect(keepSelection([], {}, [d])).toEqual({ d: true }); // nothing was shown: nothing to keep
  });
});
