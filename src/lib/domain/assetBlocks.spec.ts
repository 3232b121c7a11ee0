import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssetNumber } from './assetNumber';
import {
  AssetBlockError, DERIVED_BLOCK, LEASED_END, TABLET_CODES, addLease, blockOf, derivedRange, emptyBlocks,
  loadBlocks, mintNext, remaining, setTabletCode, type BlockState
} from './assetBlocks';

function mintMany(s: BlockState, prefix: string, n: number): { state: BlockState; numbers: string[] } {
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = mintNext(s, prefix);
    s = m.state;
    numbers.push(m.assetNumber);
  }
  return { state: s, numbers };
}

describe('asset-number blocks', () => {
  it('derived ranges of different tablet codes never overlap, and none meets the leased range (exhaustive)', () => {
    let prevEnd = LEASED_END;
    for (let code = 0; code < TABLET_CODES; code++) {
      const r = derivedRange(code);
      expect(r.start).toBe(prevEnd); // contiguous and ascending: disjoint by construction
      expect(r.end - r.start).toBe(DERIVED_BLOCK);
      prevEnd = r.end;
    }
    expect(prevEnd).toBe(1_000_000_000); // still 9 digits
  });

  it('two tablets with different codes never mint the same number (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: TABLET_CODES - 1 }), fc.integer({ min: 0, max: TABLET_CODES - 1 }),
      fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }),
      (a, b, na, nb) => {
        fc.pre(a !== b);
        const A = mintMany(setTabletCode(emptyBlocks(), a), 'HD', na).numbers;
        const B = mintMany(setTabletCode(emptyBlocks(), b), 'HD', nb).numbers;
        const all = new Set([...A, ...B]);
        return all.size === A.length + B.length;
      }
    ), { numRuns: 200 });
  });

  it('maps every derived number back to the tablet that minted it', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: TABLET_CODES - 1 }), fc.integer({ min: 0, max: DERIVED_BLOCK - 1 }), (code, seq) => {
      const s = { ...setTabletCode(emptyBlocks(), code), derivedNext: { X: seq } };
      const m = mintNext(s, 'X');
      const parsed = parseAssetNumber(m.assetNumber);
      return parsed.ok && m.scheme === 'derived' && JSON.stringify(blockOf(parsed.running)) === JSON.stringify({ scheme: 'derived', code, seq });
    }));
  });

  it('uses leases first, then the derived block, and never repeats a number', () => {
    let s = setTabletCode(emptyBlocks(), 7);
    s = addLease(s, { id: 'L1', prefix: 'ACME', start: 1000, end: 1003 });
    const { state, numbers } = mintMany(s, 'ACME', 6);
    expect(numbers.slice(0, 3).map((n) => n.slice(0, -2))).toEqual(['ACME-001000', 'ACME-001001', 'ACME-001002']);
    expect(numbers.slice(3).every((n) => n.startsWith('ACME-1007000'))).toBe(true);
    expect(new Set(numbers).size).toBe(6);
    expect(remaining(state, 'ACME')).toBe(DERIVED_BLOCK - 3);
    expect(numbers.every((n) => parseAssetNumber(n).ok)).toBe(true);
  });

  it('keeps prefixes apart', () => {
    let s = setTabletCode(emptyBlocks(), 1);
    s = mintMany(s, 'A', 2).state;
    expect(mintNext(s, 'B').assetNumber).toMatch(/^B-100100000-/);
    expect(mintNext(s, 'A').assetNumber).toMatch(/^A-100100002-/);
  });

  it('refuses to mint without a code or a lease, and when the block is used up', () => {
    expect(() => mintNext(emptyBlocks(), 'A')).toThrow(AssetBlockError);
    const full = { ...setTabletCode(emptyBlocks(), 3), derivedNext: { A: DERIVED_BLOCK } };
    expect(() => mintNext(full, 'A')).toThrow(/exhausted/);
  });

  it('refuses leases outside the leased range or overlapping another', () => {
    const s = addLease(emptyBlocks(), { id: 'a', prefix: 'P', start: 0, end: 500 });
    expect(() => addLease(s, { id: 'b', prefix: 'P', start: 499, end: 600 })).toThrow(/leaseOverlap/);
    expect(() => addLease(s, { id: 'c', prefix: 'P', start: LEASED_END - 1, end: LEASED_END + 1 })).toThrow(/invalidLease/);
    expect(addLease(s, { id: 'd', prefix: 'Q', start: 0, end: 500 }).leases).toHaveLength(2);
    expect(addLease(s, { id: 'a', prefix: 'P', start: 0, end: 500 })).toBe(s); // idempotent
  });

  it('will not change a tablet code that already minted numbers', () => {
    const s = mintMany(setTabletCode(emptyBlocks(), 5), 'A', 1).state;
    expect(() => setTabletCode(s, 6)).toThrow(/codeInUse/);
    expect(setTabletCode(setTabletCode(emptyBlocks(), 5), 6).tabletCode).toBe(6);
    expect(() => setTabletCode(emptyBlocks(), TABLET_CODES)).toThrow(/invalidCode/);
    expect(() => setTabletCode(emptyBlocks(), 1.5)).toThrow(/invalidCode/);
  });

  it('loads absent or foreign stored state as empty', () => {
    expect(loadBlocks(undefined)).toEqual(emptyBlocks());
    expect(loadBlocks({ v: 9 })).toEqual(emptyBlocks());
    const s = mintMany(setTabletCode(emptyBlocks(), 2), 'A', 3).state;
    expect(loadBlocks(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
