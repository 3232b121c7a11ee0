import { describe, expect, it } from 'vitest';
import { draftCorrection, effectiveChecks, judgeCheck, lastCheck, newCheckDraft, nextDueFor, observeWorst, ruleLimits, signCheck, validateCheckDraft, type CheckDraft, type SignedCheck } from './check';
import { allPassed, goodReadings, makePanel, T0 } from './testing';

const panel = makePanel();
const iso = (ms: number) => new Date(ms).toISOString();

function draft(over: Partial<CheckDraft> = {}): CheckDraft {
  return {
    ...newCheckDraft({ id: 'chk-1', panelId: panel.id, technician: 'wang.li', startedAt: iso(T0) }),
    visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' },
    readings: { source: 'manual', readAt: iso(T0 + 60_000), values: goodReadings(T0 + 60_000), frames: [] },
    test: allPassed(),
    ...over
  };
}

function signed(over: Partial<CheckDraft> = {}, at = T0 + 600_000): SignedCheck {
  const r = signCheck(draft(over), panel, iso(at));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.check;
}

describe('signCheck', () => {
  it('signs a complete normal check and sets the next due date', () => {
    const c = signed();
    expect(c.verdict).toBe('normal');
    expect(c.complete).toBe(true);
    expect(c.rules.map((r) => r.rule)).toEqual(['insulation', 'load', 'temperature', 'monitoring', 'testButton', 'visual']);
    expect(c.nextDue).toBe(iso(T0 + 600_000 + 30 * 86_400_000));
    expect(c.limits.responseValueKohm).toBe(50);
  });

  it('freezes the signed record (insert-only)', () => {
    const c = signed();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.readings?.values.insulationKohm)).toBe(true);
    expect(() => { (c as { verdict: string }).verdict = 'alarm'; }).toThrow(TypeError);
  });

  it('copies the draft, so later edits to the draft do not reach the record', () => {
    const d = draft();
    const r = signCheck(d, panel, iso(T0 + 600_000));
    d.remarks = 'changed later';
    d.readings!.values.insulationKohm!.value = 1;
    expect(r.ok && r.check.remarks).toBe('');
    expect(r.ok && r.check.readings?.values.insulationKohm?.value).toBe(500);
  });

  it('signs an incomplete check (test not done) without moving the due date', () => {
    const c = signed({ test: { ...allPassed(), buzzer: 'notDone' } });
    expect(c.complete).toBe(false);
    expect(c.verdict).toBe('unknown');
    expect(c.incomplete.map((e) => e.code)).toEqual(['test.notDone']);
    expect(c.nextDue).toBeNull();
  });

  it('turns visual findings into the verdict', () => {
    expect(signed({ visual: { greenLamp: 'fail', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' } }).verdict).toBe('alarm');
    expect(signed({ visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'fail' } }).verdict).toBe('warning');
    const notDone = signed({ visual: { greenLamp: 'pass', noYellowRed: 'notDone', remoteAgrees: 'pass', instructionsPosted: 'pass' } });
    expect(notDone.complete).toBe(false);
    expect(notDone.verdict).toBe('unknown');
  });

  it('judges values at the reading time, not at signing', () => {
    const c = signed({}, T0 + 3_600_000);
    expect(c.verdict).toBe('normal');
  });

  it('refuses an invalid draft with field-keyed codes', () => {
    const r = signCheck(draft({ technician: '', readings: null }), panel, 'not a date');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ technician: 'required', readings: 'required', signedAt: 'invalidDate' });
    const wrongPanel = signCheck(draft({ panelId: 'other' }), panel, iso(T0 + 1000));
    expect(!wrongPanel.ok && wrongPanel.errors).toEqual({ panelId: 'panelMismatch' });
    const early = signCheck(draft(), panel, iso(T0 - 1000));
    expect(!early.ok && early.errors).toEqual({ signedAt: 'signedBeforeStart' });
  });

  it('needs raw frames in valid hex for serial readings', () => {
    const serial = { source: 'serial' as const, readAt: iso(T0), values: goodReadings(), frames: [] };
    expect(validateCheckDraft(draft({ readings: serial })).errors).toEqual({ frames: 'framesRequired' });
    const bad = { ...serial, frames: [{ at: T0, requestHex: '01 03 zz', replyHex: '', ok: false }] };
    expect(validateCheckDraft(draft({ readings: bad })).errors).toEqual({ frames: 'invalidHex' });
    const good = { ...serial, frames: [{ at: T0, requestHex: '01 03 00 08 00 04 C5 CB', replyHex: '', ok: false, error: 'timeout' }] };
    expect(validateCheckDraft(draft({ readings: good })).errors).toEqual({});
  });
});

describe('corrections', () => {
  it('creates a new record pointing at the old one, which needs a remark', () => {
    const first = signed({ readings: { source: 'manual', readAt: iso(T0), values: { ...goodReadings(), insulationKohm: { value: 45 } }, frames: [] } });
    expect(first.verdict).toBe('alarm');
    const d = draftCorrection(first, { id: 'chk-2', technician: 'wang.li', startedAt: iso(T0 + 700_000) });
    expect(d.correctsCheckId).toBe('chk-1');
    expect(validateCheckDraft(d).errors).toEqual({ remarks: 'correctionNeedsRemark' });
    d.remarks = 'typed 45 instead of 450';
    d.readings!.values.insulationKohm = { value: 450 };
    const r = signCheck(d, panel, iso(T0 + 800_000));
    expect(r.ok && r.check.verdict).toBe('normal');
    expect(first.readings?.values.insulationKohm?.value).toBe(45); // the original is untouched
    expect(validateCheckDraft({ ...d, correctsCheckId: d.id }).errors).toEqual({ correctsCheckId: 'correctsItself' });
  });

  it('hides corrected checks; of two corrections of one check the later counts', () => {
    const a = signed({ id: 'a' }, T0 + 1000);
    const b = signed({ id: 'b', correctsCheckId: 'a', remarks: 'fix' }, T0 + 2000);
    const c = signed({ id: 'c', correctsCheckId: 'b', remarks: 'fix again' }, T0 + 3000);
    const d = signed({ id: 'd' }, T0 + 4000);
    expect(effectiveChecks([d, c, b, a]).map((x) => x.id)).toEqual(['c', 'd']);
    const b2 = signed({ id: 'b2', correctsCheckId: 'a', remarks: 'other fix' }, T0 + 2500);
    expect(effectiveChecks([a, b, b2]).map((x) => x.id)).toEqual(['b2']);
    expect(lastCheck([a, b, c, d])?.id).toBe('d');
  });

  it('takes the due date from the last complete effective check', () => {
    const complete = signed({ id: 'a' }, T0 + 1000);
    const incomplete = signed({ id: 'b', test: { ...allPassed(), buzzer: 'notDone' } }, T0 + 2000);
    expect(nextDueFor([complete, incomplete], 30)).toBe(iso(T0 + 1000 + 30 * 86_400_000));
    expect(nextDueFor([incomplete], 30)).toBeNull();
  });
});

describe('judgeCheck', () => {
  it('is exactly what signing stores, and keeps the identification with the record', () => {
    const identified = { by: 'scan' as const, at: iso(T0), text: 'SZ-000901-X' };
    const c = signed({ identified, test: { ...allPassed(), buzzer: 'fail' } });
    const j = judgeCheck(draft({ identified, test: { ...allPassed(), buzzer: 'fail' } }), ruleLimits(panel));
    expect(j.verdict).toBe('alarm');
    expect({ verdict: c.verdict, complete: c.complete, rules: c.rules, incomplete: c.incomplete, worstSeen: c.worstSeen ?? null }).toEqual(j);
    expect(c.identified).toEqual({ by: 'scan', at: iso(T0), text: 'SZ-000901-X' });
  });

  it('never signs milder than the worst seen live; only alarm and warning findings count (issue 8.2)', () => {
    const rf = (value: number, status: 'alarm' | 'warning' | 'unknown' | 'normal') =>
      ({ rule: 'insulation' as const, status, limit: null, value: { value, bound: 'exact' as const, unit: 'kΩ' }, explanation: { code: 'x', params: {} }, decidedBy: 'value' as const });
    let seen = observeWorst(undefined, [rf(500, 'normal'), rf(0, 'unknown')], T0);
    expect(seen).toBeUndefined();
    seen = observeWorst(seen, [rf(80, 'warning')], T0 + 1000);
    seen = observeWorst(seen, [rf(45, 'alarm')], T0 + 2000);
    seen = observeWorst(seen, [rf(30, 'alarm')], T0 + 3000);
    expect(seen).toMatchObject({ status: 'alarm', value: { value: 45 }, at: iso(T0 + 2000) });
    const c = signed({ worstSeen: seen });
    expect(c).toMatchObject({ verdict: 'alarm', worstSeen: { value: { value: 45 } } });
    expect(c.rules.find((r) => r.rule === 'insulation')?.status).toBe('normal'); // the final readings alone
  });

  it('a draft without readings is unknown and incomplete, never normal', () => {
    const j = judgeCheck(newCheckDraft({ id: 'x', panelId: panel.id, technician: 'a', startedAt: iso(T0) }), ruleLimits(panel));
    expect(j.verdict).toBe('unknown');
    expect(j.complete).toBe(false);
    expect(j.rules.find((r) => r.rule === 'insulation')?.explanation.code).toBe('quality.missing');
  });
});
