import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatExplanation } from './explain';
import { defaultPanelDraft, isOverdue, nextDue, ratedCurrentA, toDraft, validatePanel, type PanelDraft } from './panel';

const valid = (over: PanelDraft = {}): PanelDraft => ({
  ...defaultPanelDraft(), siteId: 'site-main', room: 'OR 3', systemId: 'IT-3A', ratedKva: 6.3, secondaryV: 230,
  imdMake: 'Acrel', imdModel: 'AIM-M10', profileId: 'acrel-aim-m10', ...over
});

const errorsOf = (d: PanelDraft) => {
  const r = validatePanel(d);
  return r.ok ? {} : r.errors;
};

describe('validatePanel', () => {
  it('accepts a complete draft and fills the defaults', () => {
    const r = validatePanel(valid());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.panel.responseValueKohm).toBe(50);
    expect(r.panel.temperature).toEqual({ input: 'celsius', setPointC: 100 });
    expect(r.panel.serial).toEqual({ baudRate: 9600, parity: 'none', stopBits: 1, dataBits: 8, slave: 1 });
    expect(r.panel.checkIntervalDays).toBe(30);
  });

  it('refuses R_a below 50 kΩ in the IEC regime, with the reason and the numbers', () => {
    const r = validatePanel(valid({ ra: 48 }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ ra: 'belowMinimum' });
    expect(r.explanations.ra).toEqual({ code: 'panel.raBelowMinimum', params: { field: 'ra', value: 48, min: 50, diff: 2, unit: 'kΩ' } });
    expect(formatExplanation(r.explanations.ra!, 'en')).toContain('48 kΩ, 2 kΩ below the 50 kΩ minimum response value');
    expect(errorsOf(valid({ ra: 50 }))).toEqual({});
    expect(errorsOf(valid({ ra: '50' }))).toEqual({});
  });

  it('ignores R_a in the NFPA regime and takes LIM 5.0 or 2.0 mA only', () => {
    expect(errorsOf(valid({ regime: 'nfpa', ra: 10, limLevel: 2 }))).toEqual({});
    expect(errorsOf(valid({ regime: 'nfpa', limLevel: 3.7 }))).toEqual({ limLevel: 'notAllowed' });
    const r = validatePanel(valid({ regime: 'nfpa', limLevel: '5' }));
    expect(r.ok && r.panel.limLevelMa).toBe(5);
  });

  it('checks the transformer: 0.5–10 kVA, secondary ≤ 250 V', () => {
    expect(errorsOf(valid({ ratedKva: 0.5 }))).toEqual({});
    expect(errorsOf(valid({ ratedKva: 10 }))).toEqual({});
    expect(errorsOf(valid({ ratedKva: 0.4 }))).toEqual({ ratedKva: 'belowMinimum' });
    expect(errorsOf(valid({ ratedKva: 10.5 }))).toEqual({ ratedKva: 'aboveMaximum' });
    expect(errorsOf(valid({ secondaryV: 250 }))).toEqual({});
    expect(errorsOf(valid({ secondaryV: 251 }))).toEqual({ secondaryV: 'aboveMaximum' });
    expect(errorsOf(valid({ secondaryV: 'abc' }))).toEqual({ secondaryV: 'notANumber' });
    expect(errorsOf(valid({ ratedKva: '' }))).toEqual({ ratedKva: 'required' });
  });

  it('checks the serial settings', () => {
    expect(errorsOf(valid({ slave: 0 }))).toEqual({ slave: 'belowMinimum' });
    expect(errorsOf(valid({ slave: 248 }))).toEqual({ slave: 'aboveMaximum' });
    expect(errorsOf(valid({ slave: 1.5 }))).toEqual({ slave: 'notInteger' });
    expect(errorsOf(valid({ slave: 247, parity: 'even', stopBits: 2, baudRate: '19200' }))).toEqual({});
    expect(errorsOf(valid({ parity: 'mark' }))).toEqual({ parity: 'notAllowed' });
    expect(errorsOf(valid({ dataBits: 7 }))).toEqual({ dataBits: 'notAllowed' });
    expect(errorsOf(valid({ baudRate: 9601 }))).toEqual({ baudRate: 'notAllowed' });
    const manual = validatePanel(valid({ serialEnabled: false, slave: 999 }));
    expect(manual.ok && manual.panel.serial).toBeNull();
  });

  it('checks the set-point only for a °C sensor, and the interval', () => {
    expect(errorsOf(valid({ setPoint: 250 }))).toEqual({ setPoint: 'aboveMaximum' });
    expect(errorsOf(valid({ temperatureInput: 'ptc', setPoint: 250 }))).toEqual({});
    expect(errorsOf(valid({ checkIntervalDays: 0 }))).toEqual({ checkIntervalDays: 'belowMinimum' });
    expect(errorsOf(valid({ checkIntervalDays: 7.5 }))).toEqual({ checkIntervalDays: 'notInteger' });
  });

  it('requires the identity fields', () => {
    expect(errorsOf({ ...valid(), room: '  ', systemId: undefined, imdModel: 'x'.repeat(101) }))
      .toEqual({ room: 'required', systemId: 'required', imdModel: 'tooLong' });
  });

  it('round-trips through toDraft', () => {
    const r = validatePanel(valid({ regime: 'nfpa', limLevel: 2, parity: 'even' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = validatePanel(toDraft(r.panel));
    expect(again).toEqual(r);
  });

  it('never throws on arbitrary input', () => {
    const anyValue = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean());
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('ra', 'ratedKva', 'slave', 'regime', 'parity', 'room', 'stopBits', 'setPoint'), anyValue), (d) => {
      const r = validatePanel(d as PanelDraft);
      expect(typeof r.ok).toBe('boolean');
    }));
  });
});

describe('rated current and due dates', () => {
  it('computes I = S / U', () => {
    expect(ratedCurrentA({ ratedKva: 6.3, secondaryV: 230 })).toBeCloseTo(27.39, 2);
    expect(ratedCurrentA({ ratedKva: 10, secondaryV: 250 })).toBe(40);
  });

  it('adds the interval to the last complete sign-off', () => {
    expect(nextDue('2026-03-02T09:00:00.000Z', 30)).toBe('2026-04-01T09:00:00.000Z');
    expect(nextDue(null, 30)).toBeNull();
    expect(nextDue('garbage', 30)).toBeNull();
  });

  it('is overdue when never checked or past due', () => {
    const due = '2026-04-01T09:00:00.000Z';
    expect(isOverdue(null, 0)).toBe(true);
    expect(isOverdue(due, Date.parse(due))).toBe(false);
    expect(isOverdue(due, Date.parse(due) + 1)).toBe(true);
  });
});
