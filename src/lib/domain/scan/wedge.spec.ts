import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector, wedgeRoute, type KeyIn, type WedgeVerdict } from './wedge';

/** Feeds `text` then Enter with the given gaps (ms) before each key; returns the last verdict. */
function feed(d: WedgeDetector, text: string, gaps: (i: number) => number, start = 1000): WedgeVerdict {
  let t = start;
  let v: WedgeVerdict = { type: 'pass' };
  const keys = [...text, 'Enter'];
  keys.forEach((key, i) => {
    t += i === 0 ? 0 : gaps(i);
    v = d.push({ key, time: t });
  });
  return v;
}

const CODE = 'https://assets.example.cn/a/ACME-000123-L';

describe('WedgeDetector', () => {
  it('takes a gun burst (USB: ~4 ms a key)', () => {
    expect(feed(new WedgeDetector(), CODE, () => 4)).toEqual({ type: 'scan', text: CODE, startedAt: 1000 });
  });

  it('takes a Bluetooth burst with jitter (8–45 ms, mean under 30)', () => {
    const gaps = [8, 45, 12, 30, 9, 40, 15, 22, 10, 35, 18, 28, 11];
    expect(feed(new WedgeDetector(), 'ACME-000123-L', (i) => gaps[i % gaps.length]!)).toMatchObject({ type: 'scan', text: 'ACME-000123-L' });
  });

  it('ignores Shift between characters of a burst', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of ['Shift', 'A', 'Shift', 'B', 'c', 'd', 'Enter']) d.push({ key: k, time: (t += 3) });
    const v = d.push({ key: 'Enter', time: t + 3 });
    expect(v.type).toBe('pass'); // a second Enter is no scan
    const d2 = new WedgeDetector();
    t = 0;
    let last: WedgeVerdict = { type: 'pass' };
    for (const k of ['Shift', 'A', 'Shift', 'B', 'c', 'd', 'Enter']) last = d2.push({ key: k, time: (t += 3) });
    expect(last).toMatchObject({ type: 'scan', text: 'ABcd' });
  });

  it('turns Ctrl+] into the GS1 separator', () => {
    const d = new WedgeDetector();
    const keys: KeyIn[] = [...'0109506000134352'].map((key, i) => ({ key, time: i * 3 }));
    keys.push({ key: ']', ctrl: true, time: 60 }, { key: '1', time: 63 }, { key: '0', time: 66 }, { key: 'X', time: 69 }, { key: 'Enter', time: 72 });
    let v: WedgeVerdict = { type: 'pass' };
    for (const k of keys) v = d.push(k);
    expect(v).toMatchObject({ type: 'scan', text: '0109506000134352\u001d10X' });
  });

  it('rejects human typing, however fast the person', () => {
    // 150 ms a key, 90 ms, and a fast typist at 60 ms with some 20 ms rollovers.
    expect(feed(new WedgeDetector(), 'ACME-000123-L', () => 150).type).toBe('pass');
    expect(feed(new WedgeDetector(), 'hello world', () => 90).type).toBe('pass');
    const fast = [60, 20, 85, 25, 70, 55, 20, 95];
    expect(feed(new WedgeDetector(), 'password1234', (i) => fast[i % fast.length]!).type).toBe('pass');
  });

  it('needs at least four characters', () => {
    expect(feed(new WedgeDetector(), 'abc', () => 2).type).toBe('pass');
    expect(feed(new WedgeDetector(), 'abcd', () => 2).type).toBe('scan');
  });

  it('a slow Enter after a fast burst is a person pressing Enter, not a scan', () => {
    const d = new WedgeDetector();
    const v = feed(d, 'ABCDEFGH', (i) => (i === 8 ? 400 : 3));
    expect(v.type).toBe('pass');
  });

  it('starts a new burst after a pause, so earlier typing is not part of the scan', () => {
    const d = new WedgeDetector();
    let t = 0;
    for (const k of 'note ') d.push({ key: k, time: (t += 120) });
    t += 120;
    expect(d.push({ key: 'A', time: t })).toEqual({ type: 'char', startsBurst: true });
    for (const k of 'CME-000123-L') d.push({ key: k, time: (t += 4) });
    expect(d.pending).toBe('ACME-000123-L');
    expect(d.push({ key: 'Enter', time: t + 4 })).toMatchObject({ type: 'scan', text: 'ACME-000123-L' });
  });

  it('editing keys, shortcuts and IME composition break a burst', () => {
    for (const breaker of [{ key: 'Backspace' }, { key: 'v', ctrl: true }, { key: 'ArrowLeft' }, { key: 'a', composing: true }, { key: 'Process' }]) {
      const d = new WedgeDetector();
      let t = 0;
      for (const k of 'ABCD') d.push({ key: k, time: (t += 3) });
      d.push({ ...breaker, time: (t += 3) });
      for (const k of 'EF') d.push({ key: k, time: (t += 3) });
      expect(d.push({ key: 'Enter', time: t + 3 }).type, breaker.key).toBe('pass');
    }
  });

  it('property: any burst of ≥ 4 chars under 30 ms a key is a scan; any with every gap ≥ 81 ms is not', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/:.'), minLength: 4, maxLength: 60 });
    fc.assert(
      fc.property(printable, fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1 }), (s, gaps) => {
        const v = feed(new WedgeDetector(), s, (i) => gaps[i % gaps.length]!);
        expect(v).toMatchObject({ type: 'scan', text: s });
      })
    );
    fc.assert(
      fc.property(printable, fc.array(fc.integer({ min: 81, max: 400 }), { minLength: 1 }), (s, gaps) => {
        expect(feed(new WedgeDetector(), s, (i) => gaps[i % gaps.length]!).type).toBe('pass');
      })
    );
  });
});

describe('wedgeRoute (issue 8, item 5)', () => {
  it('a scan into a focused text field stays in that field', () => {
    for (const type of ['', 'text', 'search', 'email', 'tel', 'url', 'number']) expect(wedgeRoute({ tag: 'input', type }), type).toBe('field');
    expect(wedgeRoute({ tag: 'input' })).toBe('field');
    expect(wedgeRoute({ tag: 'textarea' })).toBe('field');
    expect(wedgeRoute({ tag: 'div', contentEditable: true })).toBe('field');
  });
  it('with no text field focused, a scan is looked up', () => {
    expect(wedgeRoute(null)).toBe('lookup');
    for (const type of ['checkbox', 'radio', 'button', 'submit', 'file', 'range']) expect(wedgeRoute({ tag: 'input', type }), type).toBe('lookup');
    for (const tag of ['body', 'button', 'select', 'a']) expect(wedgeRoute({ tag }), tag).toBe('lookup');
    expect(wedgeRoute({ tag: 'input', type: 'text', readOnly: true })).toBe('lookup');
    expect(wedgeRoute({ tag: 'input', type: 'text', disabled: true })).toBe('lookup');
  });
});
