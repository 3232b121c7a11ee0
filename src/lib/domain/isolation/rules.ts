/**
 * The evaluation engine: readings + panel configuration → one RuleResult per rule and a summary.
 *
 * Evaluation order (each rule is independent; the order only fixes the output order):
 *   insulation (IEC) or thc (NFPA), load (when monitored, or when the device flags overload),
 *   temperature (unless the panel has none and the device flags no over-temperature),
 *   connection monitoring, test button (only when test steps are given: a live poll has none).
 * Within a rule: trusted device flag > data quality > computed value (see rules-quantity.ts).
 * Summary: `overall = worst(statuses)` with normal < warning < unknown < alarm (status.ts), so an
 * alarm always shows and an unknown rule never lets the result read "normal".
 * `incomplete` lists what keeps a check from being signed as complete (test steps not done).
 *
 * Pure and total: any input, however broken, yields an Evaluation; nothing throws.
 */
import { explain, type Explanation } from './explain';
import { assessBits, STALE_MS, type LeadId, type Readings } from './readings';
import { insulationRule, loadRule, temperatureRule, thcRule, type RulePanel, type RuleResult, type TrustedBits } from './rules-quantity';
import { hasStatus, worst, type RuleStatus } from './status';

export type { RuleId, RuleLimit, RulePanel, RuleResult, RuleValue } from './rules-quantity';

export const TEST_STEPS = ['yellowLamp', 'buzzer', 'muteStopsBuzzer', 'remoteIndicator', 'backToNormal'] as const;
export type TestStep = (typeof TEST_STEPS)[number];
export type StepResult = 'pass' | 'fail' | 'notDone' | 'notApplicable';
export type TestSteps = Record<TestStep, StepResult>;

export function emptyTestSteps(): TestSteps {
  return { yellowLamp: 'notDone', buzzer: 'notDone', muteStopsBuzzer: 'notDone', remoteIndicator: 'notDone', backToNormal: 'notDone' };
}

export interface EvaluationInput {
  readings: Readings;
  test?: TestSteps;
  /** The moment the values are judged at: a live poll's clock, or a check's reading time. */
  now: number;
  staleMs?: number;
}

export interface Evaluation {
  overall: RuleStatus;
  rules: RuleResult[];
  hasWarning: boolean;
  incomplete: Explanation[];
}

export function monitoringRule(bitsOrNull: TrustedBits, bitsProblem: Explanation | null, p: RulePanel, ptcBroken: boolean): RuleResult {
  const base = { rule: 'monitoring' as const, limit: null, value: null };
  if (bitsOrNull === null) return { ...base, status: 'unknown', explanation: bitsProblem ?? explain('quality.missing'), decidedBy: 'quality' };
  const leads = new Set<LeadId>(bitsOrNull.leadFaults ?? []);
  // A panel wired without a temperature sensor may flag it "broken" forever: not a fault there.
  if (p.temperature.input !== 'none' && (bitsOrNull.sensorBroken === true || ptcBroken)) leads.add('temperatureSensor');
  if (leads.size > 0) return { ...base, status: 'alarm', explanation: explain('monitoring.leadFault', { leads: [...leads].join(',') }), decidedBy: 'device' };
  if (bitsOrNull.deviceError === true) return { ...base, status: 'alarm', explanation: explain('monitoring.deviceError'), decidedBy: 'device' };
  if (bitsOrNull.commonAlarm === true) return { ...base, status: 'alarm', explanation: explain('monitoring.commonAlarm'), decidedBy: 'device' };
  if (bitsOrNull.unknownFault === true) return { ...base, status: 'unknown', explanation: explain('monitoring.unknownFault'), decidedBy: 'device' };
  return { ...base, status: 'normal', explanation: explain('monitoring.normal'), decidedBy: 'device' };
}

/**
 * Test button. "notApplicable" counts only for the remote indicator of a panel that has none;
 * elsewhere it is treated as not done. Any failed step (lamp, buzzer, mute, remote channel, return
 * to normal) is an alarm: the alarm chain itself is broken.
 */
export function testButtonRule(steps: TestSteps, p: RulePanel): { result: RuleResult; incomplete: Explanation | null } {
  const failed: TestStep[] = [];
  const notDone: TestStep[] = [];
  for (const step of TEST_STEPS) {
    const r = steps[step];
    if (r === 'fail') failed.push(step);
    else if (r === 'pass') continue;
    else if (!(r === 'notApplicable' && step === 'remoteIndicator' && !p.remoteIndicator.present)) notDone.push(step);
  }
  const base = { rule: 'testButton' as const, limit: null, value: null, decidedBy: 'steps' as const };
  const incomplete = notDone.length > 0 ? explain('test.notDone', { steps: notDone.join(',') }) : null;
  if (failed.length > 0) return { result: { ...base, status: 'alarm', explanation: explain('test.failed', { steps: failed.join(',') }) }, incomplete };
  if (incomplete) return { result: { ...base, status: 'unknown', explanation: incomplete }, incomplete };
  return { result: { ...base, status: 'normal', explanation: explain('test.passed') }, incomplete: null };
}

export function evaluate(input: EvaluationInput, panel: RulePanel): Evaluation {
  const { now } = input;
  const readings: Readings = input.readings !== null && typeof input.readings === 'object' ? input.readings : {};
  const staleMs = input.staleMs ?? STALE_MS;
  const bitsA = assessBits(readings.device, now, staleMs);
  const bits: TrustedBits = bitsA.ok ? bitsA.bits : null;
  const rules: RuleResult[] = [];
  rules.push(panel.regime === 'nfpa' ? thcRule(readings, bits, panel, now, staleMs) : insulationRule(readings, bits, panel, now, staleMs));
  // A flag the monitor itself raises is an alarm whatever the panel's configuration says
  // (IEC 61557-8): an overload or over-temperature bit adds its rule even where it is not monitored.
  if (panel.loadMonitored || bits?.overload === true) rules.push(loadRule(readings, bits, panel, now, staleMs));
  if (panel.temperature.input !== 'none' || bits?.overTemp === true) rules.push(temperatureRule(readings, bits, panel, now, staleMs));
  const ptcBroken = panel.temperature.input === 'ptc' && readings.ptc?.status === 'broken' && readings.ptc.problem === undefined;
  rules.push(monitoringRule(bits, bitsA.ok ? null : bitsA.explanation, panel, ptcBroken));
  const incomplete: Explanation[] = [];
  if (input.test) {
    const t = testButtonRule(input.test, panel);
    rules.push(t.result);
    if (t.incomplete) incomplete.push(t.incomplete);
  }
  const statuses = rules.map((r) => r.status);
  return { overall: worst(statuses), rules, hasWarning: hasStatus(statuses, 'warning'), incomplete };
}
