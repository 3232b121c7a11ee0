/**
 * Line diff of two configuration versions: Myers' O(ND) shortest edit script.
 * Invariants: the 'same' and 'del' lines, in order, are exactly the old text's lines; the 'same'
 * and 'add' lines are exactly the new text's; the number of add + del lines is minimal.
 * Common head and tail are stripped first, so a small edit of a long config costs little; the
 * trace keeps one V array per edit step (memory O(D·(N+M)), fine for configs with small D).
 */
export type DiffOp = { op: 'same' | 'add' | 'del'; text: string; a?: number; b?: number };

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function lineDiff(oldText: string, newText: string): DiffOp[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffOp[] = [];
  for (let i = 0; i < head; i++) out.push({ op: 'same', text: a[i]!, a: i + 1, b: i + 1 });
  const mid = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  for (const m of mid) {
    out.push({ op: m.op, text: m.text, ...(m.a !== undefined ? { a: m.a + head + 1 } : {}), ...(m.b !== undefined ? { b: m.b + head + 1 } : {}) });
  }
  for (let i = tail; i > 0; i--) out.push({ op: 'same', text: a[a.length - i]!, a: a.length - i + 1, b: b.length - i + 1 });
  return out;
}

function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length, m = b.length, max = n + m;
  const off = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  if (max === 0) return [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  // Walk the trace backwards from (n, m) to (0, 0), collecting the script in reverse.
  const rev: DiffOp[] = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[off + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; rev.push({ op: 'same', text: a[x]!, a: x, b: y }); }
    if (d > 0) {
      if (x === prevX) { y--; rev.push({ op: 'add', text: b[y]!, b: y }); }
      else { x--; rev.push({ op: 'del', text: a[x]!, a: x }); }
    }
    x = prevX; y = prevY;
  }
  return rev.reverse();
}

/** Counts for the heading of a diff ("+3 −1"). */
export function diffStats(ops: readonly DiffOp[]): { added: number; removed: number } {
  let added = 0, removed = 0;
  for (const o of ops) { if (o.op === 'add') added++; else if (o.op === 'del') removed++; }
  return { added, removed };
}

/** Only changed lines and `context` lines around them; gaps become one { op: 'same', text: '…' } marker with no line numbers. */
export function withContext(ops: readonly DiffOp[], context = 3): DiffOp[] {
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((o, i) => {
    if (o.op === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(ops.length - 1, i + context); j++) keep[j] = true;
  });
  const out: DiffOp[] = [];
  let gap = false;
  ops.forEach((o, i) => {
    if (keep[i]) { out.push(o); gap = false; }
    else if (!gap) { out.push({ op: 'same', text: '…' }); gap = true; }
  });
  return out;
}
