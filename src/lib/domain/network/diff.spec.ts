import { describe, expect, it } from 'vitest';
import { diffStats, lineDiff, splitLines, withContext } from './diff';
import { rng } from '../sample';

function rebuild(ops: ReturnType<typeof lineDiff>, side: 'a' | 'b'): string[] {
  return ops.filter((o) => o.op === 'same' || o.op === (side === 'a' ? 'del' : 'add')).map((o) => o.text);
}

describe('line diff of configuration versions', () => {
  it('shows a changed line as one removal and one addition, with line numbers of both versions', () => {
    const ops = lineDiff('hostname core-1\nvlan 10\n name office\n', 'hostname core-1\nvlan 10\n name wards\n');
    expect(ops).toEqual([
      { op: 'same', text: 'hostname core-1', a: 1, b: 1 },
      { op: 'same', text: 'vlan 10', a: 2, b: 2 },
      { op: 'del', text: ' name office', a: 3 },
      { op: 'add', text: ' name wards', b: 3 }
    ]);
    expect(diffStats(ops)).toEqual({ added: 1, removed: 1 });
  });

  it('handles empty versions and CRLF line ends', () => {
    expect(lineDiff('', '')).toEqual([]);
    expect(lineDiff('', 'a\nb')).toEqual([{ op: 'add', text: 'a', b: 1 }, { op: 'add', text: 'b', b: 2 }]);
    expect(lineDiff('a\r\nb\r\n', 'a\nb\n').every((o) => o.op === 'same')).toBe(true);
  });

  it('finds the minimal script (the classic ABCABBA → CBABAC has 5 edits)', () => {
    const ops = lineDiff('A\nB\nC\nA\nB\nB\nA', 'C\nB\nA\nB\nA\nC');
    const s = diffStats(ops);
    expect(s.added + s.removed).toBe(5);
  });

  it('always rebuilds both versions exactly (random edits)', () => {
    const r = rng(42);
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: Math.floor(r() * 30) }, () => 'l' + Math.floor(r() * 6));
      const b = a.filter(() => r() > 0.2).flatMap((l) => (r() < 0.15 ? [l, 'new' + Math.floor(r() * 4)] : [l]));
      const ops = lineDiff(a.join('\n'), b.join('\n'));
      expect(rebuild(ops, 'a')).toEqual(splitLines(a.join('\n')));
      expect(rebuild(ops, 'b')).toEqual(splitLines(b.join('\n')));
      const s = diffStats(ops);
      expect(s.removed).toBeGreaterThanOrEqual(Math.max(0, a.length - b.length));
    }
  });

  it('keeps context lines around changes and marks the gaps', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[10] = 'changed';
    const ops = withContext(lineDiff(a.join('\n'), b.join('\n')), 2);
    expect(ops.map((o) => o.text)).toEqual(['…', 'line 8', 'line 9', 'line 10', 'changed', 'line 11', 'line 12', '…']);
  });
});
