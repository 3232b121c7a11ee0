/**
 * The four measured-quantity rules (R_F, THC, load, temperature) of the default rule set.
 *
 * Each rule, in this order:
 * 1. device flag set and its frame trusted → at least that status ("device bits always win":
 *    a flag can raise a computed status, never lower it);
 * 2. the value fails `assess` (missing, bad frame, NaN, negative, implausible, stale) → unknown,
 *    unless a trusted device alarm flag already decided;
 * 3. otherwise the value is classified against the limits. A bound ("≥ 999", "≤ 10") is the interval
 *    from the value to the end of the scale; both ends are classified and, as every rule is monotone,
 *    equal ends give the status of the whole interval, different ends give unknown.
 * Limits are compared after rounding to 6 decimals so that 2 × R_a or 85 % computed from amperes
 * land exactly on the boundary instead of 1e-15 beside it.
 */
import { explain, type Explanation } from './explain';
import { ratedCurrentA, round6, type PanelFields } from './panel';
import { assess, problemExplanation, staleProblem, type Assessed, type Bound, type DeviceBits, type Readings } from './readings';
import { severity, type RuleStatus } from './status';

export type RuleId = 'insulation' | 'thc' | 'load' | 'temperature' | 'monitoring' | 'testButton' | 'visual';

export interface RuleLimit {
  warning: number | null;
  alarm: number;
  unit: string;
}

export interface RuleValue {
  value: number;
  bound: Bound;
  unit: string;
}

export interface RuleResult {
  rule: RuleId;
  status: RuleStatus;
  limit: RuleLimit | null;
  value: RuleValue | null;
  explanation: Explanation;
  decidedBy: 'value' | 'device' | 'quality' | 'steps';
  /** Live polling only: an alarm kept by hysteresis although the raw reading has recovered. */
  held?: boolean;
}

export type RulePanel = Pick<PanelFields, 'regime' | 'responseValueKohm' | 'limLevelMa' | 'transformer' | 'temperature' | 'loadMonitored' | 'remoteIndicator'>;

/** Trusted device flags, or null when the device frame was missing or bad. */
export type TrustedBits = DeviceBits | null;

type Classify = (v: number) => RuleStatus;

function classifyBound(v: number, bound: Bound, floor: number, classify: Classify): RuleStatus | 'ambiguous' {
  const lo = bound === 'atMost' ? floor : v;
  const hi = bound === 'atLeast' ? Infinity : v;
  const a = classify(lo);
  return a === classify(hi) ? a : 'ambiguous';
}

interface Spec {
  rule: RuleId;
  assessed: Assessed;
  unit: string;
  floor: number;
  limit: RuleLimit;
  classify: Classify;
  describe: (status: RuleStatus, v: number, bound: Bound) => Explanation;
  device: { status: RuleStatus; explanation: Explanation } | null;
  /** Turns the assessed value into the compared one (amperes → percent). */
  map?: (v: number) => number;
}

function decide(s: Spec): RuleResult {
  const dev = s.device;
  const base = { rule: s.rule, limit: s.limit };
  if (!s.assessed.ok) {
    // Only an alarm flag outranks not knowing the value; a pre-warning flag does not make it "just a warning".
    if (dev && severity(dev.status) > severity('unknown')) return { ...base, status: dev.status, value: null, explanation: dev.explanation, decidedBy: 'device' };
    return { ...base, status: 'unknown', value: null, explanation: s.assessed.explanation, decidedBy: 'quality' };
  }
  const v = round6(s.map ? s.map(s.assessed.value) : s.assessed.value);
  const bound = s.assessed.bound;
  const value: RuleValue = { value: v, bound, unit: s.unit };
  const computed = classifyBound(v, bound, s.floor, s.classify);
  if (dev && (computed === 'ambiguous' || severity(dev.status) > severity(computed))) {
    return { ...base, status: dev.status, value, explanation: dev.explanation, decidedBy: 'device' };
  }
  if (computed === 'ambiguous') {
    return { ...base, status: 'unknown', value, explanation: explain('quality.ambiguousBound', { value: v, bound, unit: s.unit }), decidedBy: 'quality' };
  }
  return { ...base, status: computed, value, explanation: s.describe(computed, v, bound), decidedBy: 'value' };
}

const flag = (set: boolean | undefined, status: RuleStatus, code: string) => (set === true ? { status, explanation: explain(code) } : null);

export function insulationRule(r: Readings, bits: TrustedBits, p: RulePanel, now: number, staleMs?: number): RuleResult {
  const ra = round6(p.responseValueKohm);
  const warnBelow = round6(2 * ra);
  return decide({
    rule: 'insulation', unit: 'kΩ', floor: 0,
    assessed: assess(r.insulationKohm, 'insulationKohm', now, staleMs),
    limit: { warning: warnBelow, alarm: ra, unit: 'kΩ' },
    classify: (v) => (v <= ra ? 'alarm' : v < warnBelow ? 'warning' : 'normal'),
    describe: (status, value, bound) => {
      if (status === 'alarm') return value === ra ? explain('insulation.alarmAtLimit', { value, bound, ra }) : explain('insulation.alarm', { value, bound, ra, diff: round6(ra - value) });
      return explain(status === 'warning' ? 'insulation.warning' : 'insulation.normal', { value, bound, ra, warnBelow });
    },
    device: flag(bits?.insulationAlarm, 'alarm', 'insulation.deviceAlarm') ?? flag(bits?.insulationPreWarning, 'warning', 'insulation.devicePreWarning')
  });
}

export function thcRule(r: Readings, bits: TrustedBits, p: RulePanel, now: number, staleMs?: number): RuleResult {
  const level = round6(p.limLevelMa);
  const warnAt = round6(0.8 * level);
  return decide({
    rule: 'thc', unit: 'mA', floor: 0,
    assessed: assess(r.thcMa, 'thcMa', now, staleMs),
    limit: { warning: warnAt, alarm: level, unit: 'mA' },
    classify: (v) => (v >= level ? 'alarm' : v >= warnAt ? 'warning' : 'normal'),
    describe: (status, value, bound) => explain(`thc.${status}`, { value, bound, level, warnAt }),
    device: flag(bits?.insulationAlarm, 'alarm', 'thc.deviceAlarm')
  });
}

export function loadRule(r: Readings, bits: TrustedBits, p: RulePanel, now: number, staleMs?: number): RuleResult {
  const ratedA = ratedCurrentA(p.transformer);
  const inAmps = r.loadA !== undefined || r.loadPercent === undefined;
  const assessed = inAmps ? assess(r.loadA, 'loadA', now, staleMs) : assess(r.loadPercent, 'loadPercent', now, staleMs);
  const safe: Assessed = Number.isFinite(ratedA) && ratedA > 0 ? assessed : { ok: false, problem: 'invalid', explanation: explain('quality.invalid') };
  return decide({
    rule: 'load', unit: '%', floor: 0,
    assessed: safe,
    map: inAmps ? (a) => (a / ratedA) * 100 : undefined,
    limit: { warning: 85, alarm: 100, unit: '%' },
    classify: (v) => (v > 100 ? 'alarm' : v >= 85 ? 'warning' : 'normal'),
    describe: (status, value, bound) => explain(`load.${status}`, {
      value, bound, ratedA: round6(ratedA), amps: inAmps && safe.ok ? safe.value : undefined
    }),
    device: flag(bits?.overload, 'alarm', 'load.deviceAlarm')
  });
}

export function temperatureRule(r: Readings, bits: TrustedBits, p: RulePanel, now: number, staleMs?: number): RuleResult {
  const setPoint = round6(p.temperature.setPointC);
  const warnAt = round6(setPoint - 10);
  const limit: RuleLimit = { warning: warnAt, alarm: setPoint, unit: '°C' };
  const overTemp = flag(bits?.overTemp, 'alarm', 'temperature.deviceAlarm');
  // A broken sensor's number is not a temperature, however plausible it looks.
  const broken: Assessed | null = bits?.sensorBroken === true
    ? { ok: false, problem: 'invalid', explanation: explain('temperature.sensorBroken') }
    : null;
  if (p.temperature.input === 'ptc') return ptcRule(r, bits, overTemp, now, staleMs);
  return decide({
    rule: 'temperature', unit: '°C', floor: -Infinity,
    assessed: broken ?? assess(r.temperatureC, 'temperatureC', now, staleMs),
    limit,
    classify: (v) => (v >= setPoint ? 'alarm' : v >= warnAt ? 'warning' : 'normal'),
    describe: (status, value, bound) => explain(`temperature.${status}`, { value, bound, setPoint, warnAt }),
    device: overTemp
  });
}

function ptcRule(r: Readings, bits: TrustedBits, overTemp: ReturnType<typeof flag>, now: number, staleMs?: number): RuleResult {
  const base = { rule: 'temperature' as const, limit: null, value: null };
  if (overTemp) return { ...base, status: 'alarm', explanation: overTemp.explanation, decidedBy: 'device' };
  const ptc = r.ptc;
  const problem = ptc === undefined || ptc === null || typeof ptc !== 'object' ? problemExplanation('missing')
    : ptc.problem !== undefined ? problemExplanation(ptc.problem)
      : staleProblem(ptc.at, now, staleMs);
  if (problem) return { ...base, status: 'unknown', explanation: problem, decidedBy: 'quality' };
  if (ptc?.status === 'broken' || bits?.sensorBroken === true) return { ...base, status: 'unknown', explanation: explain('temperature.sensorBroken'), decidedBy: 'quality' };
  if (ptc?.status === 'overTemp') return { ...base, status: 'alarm', explanation: explain('temperature.ptcOverTemp'), decidedBy: 'device' };
  if (ptc?.status === 'ok') return { ...base, status: 'normal', explanation: explain('temperature.ptcOk'), decidedBy: 'device' };
  return { ...base, status: 'unknown', explanation: problemExplanation('invalid'), decidedBy: 'quality' };
}
