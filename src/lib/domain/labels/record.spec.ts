import { describe, expect, it } from 'vitest';
import { contentFingerprint, labelDataForDevice, textLines } from './content';
import { LabelStateError, newLabelFields, nextState } from './record';

describe('label states', () => {
  it('follows the life of a label', () => {
    expect(newLabelFields('t', 'A-000001-X', null).state).toBe('unclaimed');
    expect(newLabelFields('t', 'A-000001-X', 'd').state).toBe('issued');
    expect(nextState('unclaimed', 'printed')).toBe('unclaimed');
    expect(nextState('unclaimed', 'claimed')).toBe('attached');
    expect(nextState('issued', 'attached')).toBe('attached');
    expect(nextState('attached', 'damaged')).toBe('damaged');
    expect(nextState('damaged', 'printed')).toBe('issued');
    expect(nextState('attached', 'voided')).toBe('voided');
    expect(nextState('voided', 'reissued')).toBe('voided');
  });

  it('refuses events that make no sense', () => {
    expect(() => nextState('voided', 'printed')).toThrow(LabelStateError);
    expect(() => nextState('attached', 'claimed')).toThrow(LabelStateError);
    expect(() => nextState('unclaimed', 'damaged')).toThrow(LabelStateError);
  });
});

describe('label content', () => {
  const d = { assetNumber: 'HD-000001-X', name: '财务部  电脑', model: 'OptiPlex', assignedUser: '' };
  const ctx = { origin: 'https://a.example/', tenant: { name: '华东医院', serviceDeskPhone: '400' }, site: { name: '总院' }, location: { building: 'A', floor: '3', room: '' } };
  it('builds the URL and lines, asset number first, empty fields skipped', () => {
    const data = labelDataForDevice(d, ctx);
    expect(data.url).toBe('https://a.example/a/HD-000001-X');
    expect(textLines(data, ['name', 'user', 'siteRoom'])).toEqual([
      { field: 'assetNumber', text: 'HD-000001-X' }, { field: 'name', text: '财务部 电脑' }, { field: 'siteRoom', text: '总院 · A / 3' }
    ]);
  });
  it('changes its fingerprint when printed content changes', () => {
    const a = contentFingerprint(labelDataForDevice(d, ctx));
    expect(contentFingerprint(labelDataForDevice(d, ctx))).toBe(a);
    expect(contentFingerprint(labelDataForDevice({ ...d, name: 'x' }, ctx))).not.toBe(a);
    expect(contentFingerprint(labelDataForDevice(d, { ...ctx, origin: 'https://b.example' }))).not.toBe(a);
  });
});
