import { describe, expect, it } from 'vitest';
import { newDeviceFields } from './device';
import { sameValue, startFrom } from './formDraft';

describe('form drafts (issue 8, item 8)', () => {
  const initial = { form: newDeviceFields('t', 's', null), place: { building: 'A', floor: '1F', room: '101' } };
  it('a draft equal to the stored values is not unsaved input', () => {
    const copy = JSON.parse(JSON.stringify(initial)) as typeof initial;
    expect(startFrom(copy, initial).restored).toBe(false);
    expect(startFrom(null, initial)).toEqual({ value: initial, restored: false });
  });
  it('a draft with typed input is restored and announced', () => {
    const draft = { ...initial, form: { ...initial.form, serial: 'PF3XYZ99' } };
    expect(startFrom(draft, initial)).toEqual({ value: draft, restored: true });
  });
  it('a scanned asset number wins over the draft and does not by itself count as unsaved input', () => {
    const draft = { form: { ...initial.form, assetNumber: 'OLD-1' } };
    const r = startFrom({ ...draft.form }, initial.form, { assetNumber: 'SZYY-000090-Q' });
    expect(r.value.assetNumber).toBe('SZYY-000090-Q');
    expect(r.restored).toBe(false);
    expect(startFrom({ ...initial.form, name: 'PC' }, initial.form, { assetNumber: 'SZYY-000090-Q' })).toMatchObject({ restored: true, value: { name: 'PC', assetNumber: 'SZYY-000090-Q' } });
  });
  it('compares structure, not key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});
