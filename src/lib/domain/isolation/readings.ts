/**
 * Readings: what a technician typed or a device profile decoded, before any rule looks at them.
 *
 * A value at the end of a device's range is a bound, not a reading ("≥ 999 kΩ"). A value carries
 * `problem` when its source already knows it is bad (CRC error, timeout, device flags it invalid);
 * `assess` adds the checks every value gets (NaN, negative, implausible, stale) so that no rule ever
 * sees a number it should not trust.
 */
import { explain, type Explanation } from './explain';

export type Bound = 'exact' | 'atLeast' | 'atMost';

export const QUALITY_PROBLEMS = [
  'missing', 'crc', 'timeout', 'stale', 'wrongSlave', 'wrongFunction', 'wrongLength', 'truncated',
  'exception', 'outOfRange', 'nan', 'negative', 'invalid', 'portError', 'deviceLost'
] as const;
export type QualityProblem = (typeof QUALITY_PROBLEMS)[number];

export interface Reading {
  value: number;
  bound?: Bound; // default 'exact'
  at?: number; // epoch ms when read; checked for staleness when present
  problem?: QualityProblem;
  exceptionCode?: number;
  /** The device's own measuring range, when the source knows it; outside it the value is out of range. */
  range?: { min: number; max: number };
}

export type LeadId = 'system' | 'earth' | 'ct' | 'temperatureSensor' | 'other';

/** Alarm and fault flags as the device itself reports them. Absent means "not set". */
export interface DeviceBits {
  insulationAlarm?: boolean; // IEC: R_F at/below R_a. NFPA: THC alarm.
  insulationPreWarning?: boolean;
  overload?: boolean;
  overTemp?: boolean;
  leadFaults?: LeadId[];
  sensorBroken?: boolean; // temperature sensor
  deviceError?: boolean;
  /** A summary alarm the device raises without saying which quantity (Bender gateway "common alarm"). */
  commonAlarm?: boolean;
  /** A reserved or undocumented fault bit or alarm code: we cannot say it is not an alarm. */
  unknownFault?: boolean;
}

export interface DeviceBitsReading {
  bits: DeviceBits;
  at?: number;
  problem?: QualityProblem;
  exceptionCode?: number;
}

export type PtcStatus = 'ok' | 'overTemp' | 'broken';
export interface PtcReading {
  status: PtcStatus;
  at?: number;
  problem?: QualityProblem;
}

export interface Readings {
  insulationKohm?: Reading;
  thcMa?: Reading;
  loadA?: Reading;
  loadPercent?: Reading; // used when loadA is absent
  temperatureC?: Reading;
  ptc?: PtcReading;
  device?: DeviceBitsReading;
}

export const STALE_MS = 60_000;

/** Plausible ranges [P]: outside them a value is a decoding or typing error, not a measurement. */
export const PLAUSIBLE = {
  insulationKohm: { min: 0, max: 10_000_000, unit: 'kΩ' }, // up to 10 GΩ: some IMDs report huge values when healthy
  thcMa: { min: 0, max: 50, unit: 'mA' },
  loadA: { min: 0, max: 500, unit: 'A' },
  loadPercent: { min: 0, max: 500, unit: '%' },
  temperatureC: { min: -50, max: 250, unit: '°C' }
} as const;
export type Quantity = keyof typeof PLAUSIBLE;

export type Assessed =
  | { ok: true; value: number; bound: Bound }
  | { ok: false; problem: QualityProblem; explanation: Explanation };

export function problemExplanation(problem: QualityProblem, params: Record<string, number | string | undefined> = {}): Explanation {
  return explain(`quality.${problem}`, params);
}

/** Staleness of anything that carries `at`: the value is older than `staleMs` at `now`. */
export function staleProblem(at: number | undefined, now: number, staleMs = STALE_MS): Explanation | null {
  if (at === undefined || now - at <= staleMs) return null;
  return problemExplanation('stale', { ageS: Math.round((now - at) / 1000), limitS: Math.round(staleMs / 1000) });
}

/** Order: missing, source problem, NaN, negative, out of range (plausible ∩ device range), stale. The first one found is reported. */
export function assess(r: Reading | undefined, q: Quantity, now: number, staleMs = STALE_MS): Assessed {
  const range = PLAUSIBLE[q];
  const bad = (problem: QualityProblem, params: Record<string, number | string | undefined> = {}): Assessed =>
    ({ ok: false, problem, explanation: problemExplanation(problem, params) });
  if (r === undefined || r === null || typeof r !== 'object') return bad('missing');
  if (r.problem !== undefined) return bad(isProblem(r.problem) ? r.problem : 'invalid', { exceptionCode: r.exceptionCode, value: Number.isFinite(r.value) ? r.value : undefined, unit: range.unit });
  if (typeof r.value !== 'number' || Number.isNaN(r.value)) return bad('nan');
  if (r.value < 0 && range.min >= 0) return bad('negative', { value: r.value, unit: range.unit });
  const min = Math.max(range.min, r.range?.min ?? -Infinity);
  const max = Math.min(range.max, r.range?.max ?? Infinity);
  if (!Number.isFinite(r.value) || r.value < min || r.value > max) {
    return bad('outOfRange', { value: r.value, min, max, unit: range.unit });
  }
  const stale = staleProblem(r.at, now, staleMs);
  if (stale) return { ok: false, problem: 'stale', explanation: stale };
  return { ok: true, value: r.value, bound: r.bound === 'atLeast' || r.bound === 'atMost' ? r.bound : 'exact' };
}

const isProblem = (p: unknown): p is QualityProblem => (QUALITY_PROBLEMS as readonly unknown[]).includes(p);
const LEADS: readonly LeadId[] = ['system', 'earth', 'ct', 'temperatureSensor', 'other'];

/** Only `true` sets a flag, and only known lead names count: stored or decoded data may be anything. */
function cleanBits(b: unknown): DeviceBits | null {
  if (b === null || typeof b !== 'object') return null;
  const x = b as Record<string, unknown>;
  const leads = Array.isArray(x.leadFaults) ? x.leadFaults.filter((l): l is LeadId => LEADS.includes(l as LeadId)) : [];
  return {
    insulationAlarm: x.insulationAlarm === true, insulationPreWarning: x.insulationPreWarning === true,
    overload: x.overload === true, overTemp: x.overTemp === true, leadFaults: leads,
    sensorBroken: x.sensorBroken === true, deviceError: x.deviceError === true,
    commonAlarm: x.commonAlarm === true, unknownFault: x.unknownFault === true
  };
}

/** Device flags are trusted only when their own frame was good and fresh. */
export function assessBits(d: DeviceBitsReading | undefined, now: number, staleMs = STALE_MS):
  { ok: true; bits: DeviceBits } | { ok: false; explanation: Explanation } {
  if (d === undefined || d === null || typeof d !== 'object') return { ok: false, explanation: problemExplanation('missing') };
  if (d.problem !== undefined) return { ok: false, explanation: problemExplanation(isProblem(d.problem) ? d.problem : 'invalid', { exceptionCode: d.exceptionCode }) };
  const stale = staleProblem(d.at, now, staleMs);
  if (stale) return { ok: false, explanation: stale };
  const bits = cleanBits(d.bits);
  return bits ? { ok: true, bits } : { ok: false, explanation: problemExplanation('invalid') };
}
