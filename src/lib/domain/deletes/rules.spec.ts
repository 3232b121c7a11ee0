import { describe, expect, it } from 'vitest';
import { canDeleteLabel, canDeleteLocation, canRestorePanel, deviceList } from './rules';

describe('delete rules', () => {
  it('a location with live devices is refused, naming them in asset-number order', () => {
    expect(canDeleteLocation([])).toEqual({ ok: true });
    const v = canDeleteLocation([{ id: 'b', assetNumber: 'AC-000010', name: 'PC-10' }, { id: 'a', assetNumber: 'AC-000002', name: '' }]);
    expect(v).toEqual({ ok: false, reason: 'has-devices', devices: [{ id: 'a', assetNumber: 'AC-000002', name: '' }, { id: 'b', assetNumber: 'AC-000010', name: 'PC-10' }] });
    if (!v.ok) expect(deviceList(v.devices)).toBe('AC-000002, AC-000010 PC-10');
  });

  it('only an unissued pre-printed label can be deleted; every other one is voided instead', () => {
    expect(canDeleteLabel({ state: 'unclaimed', deviceId: null })).toEqual({ ok: true });
    for (const state of ['issued', 'attached', 'damaged', 'voided'] as const) {
      expect(canDeleteLabel({ state, deviceId: 'd1' })).toEqual({ ok: false, reason: 'issued' });
    }
    expect(canDeleteLabel({ state: 'voided', deviceId: null })).toEqual({ ok: false, reason: 'issued' });
  });

  it('a panel is not restored over another live panel of the same label', () => {
    expect(canRestorePanel(false)).toEqual({ ok: true });
    expect(canRestorePanel(true)).toEqual({ ok: false, reason: 'label-taken' });
  });

  it('names at most five devices', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ id: String(i), assetNumber: `AC-${i}`, name: '' }));
    expect(deviceList(many)).toBe('AC-0, AC-1, AC-2, AC-3, AC-4 (+2)');
  });
});
