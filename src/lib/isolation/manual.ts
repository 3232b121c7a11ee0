/**
 * Readings typed at the panel, as the form holds them (text), turned into domain Readings.
 *
 * Numbers follow the locale (src/lib/domain/isolation/number.ts): "1,500" is 1500, "1.5" is 1.5,
 * and an ambiguous "1,5" or "1 500" is refused, never guessed; full-width IME input counts as ASCII.
 * A leading "≥", ">=", ">" marks a device's range end read as a bound ("≥ 999 kΩ"), "≤", "<=", "<"
 * the other end. An empty field is a missing reading; a refused one becomes NaN, so the rules say
 * unknown while the screen says why beside the field.
 * The device's indicators are a three-way answer: not looked at yet (the monitoring rule stays
 * unknown), nothing shown, or the faults ticked.
 */
import type { CheckReadings, TypedKey } from '$lib/domain/isolation/check';
import type { Lang } from '$lib/domain/isolation/explain';
import { parseTypedNumber } from '$lib/domain/isolation/number';
import type { Bound, DeviceBits, LeadId, PtcStatus, Reading, Readings } from '$lib/domain/isolation/readings';
import type { RulePanel } from '$lib/domain/isolation/rules';

export const MANUAL_FAULTS = ['insulationAlarm', 'insulationPreWarning', 'overload', 'overTemp', 'leadSystem', 'leadEarth', 'leadCt', 'sensorBroken', 'deviceError'] as const;
export type ManualFault = (typeof MANUAL_FAULTS)[number];

export interface ManualEntry {
  insulation: string; // kΩ (IEC)
  thc: string; // mA (NFPA)
  load: string;
  loadUnit: 'A' | '%';
  temperature: string; // °C
  ptc: '' | PtcStatus;
  display: '' | 'clear' | 'faults';
  faults: Record<ManualFault, boolean>;
}

export function emptyManualEntry(): ManualEntry {
  const faults = Object.fromEntries(MANUAL_FAULTS.map((f) => [f, false])) as Record<ManualFault, boolean>;
  return { insulation: '', thc: '', load: '', loadUnit: 'A', temperature: '', ptc: '', display: '', faults };
}

/** Parses one typed value; null when the field is empty, NaN when it is refused (see number.ts). */
export function parseManualNumber(text: string, lang: Lang = 'en'): { value: number; bound: Bound } | null {
  const p = parseTypedNumber(text, lang);
  if (p === null) return null;
  return p.ok ? { value: p.value, bound: p.bound } : { value: NaN, bound: 'exact' };
}

export type ManualNumberField = 'insulation' | 'thc' | 'load' | 'temperature';

/** Why a typed field was refused, per field; the screen shows it beside the field. */
export function manualFieldProblems(e: ManualEntry, lang: Lang = 'en'): Partial<Record<ManualNumberField, 'ambiguous' | 'notANumber'>> {
  const out: Partial<Record<ManualNumberField, 'ambiguous' | 'notANumber'>> = {};
  for (const f of ['insulation', 'thc', 'load', 'temperature'] as const) {
    const p = parseTypedNumber(e[f], lang);
    if (p && !p.ok) out[f] = p.reason;
  }
  return out;
}

function reading(text: string, at: number): Reading | undefined {
  const p = parseManualNumber(text);
  if (p === null) return undefined;
  return p.bound === 'exact' ? { value: p.value, at } : { value: p.value, bound: p.bound, at };
}

export function manualBits(e: ManualEntry): DeviceBits {
  const f = e.faults;
  const leads: LeadId[] = [];
  if (f.leadSystem) leads.push('system');
  if (f.leadEarth) leads.push('earth');
  if (f.leadCt) leads.push('ct');
  return {
    insulationAlarm: f.insulationAlarm, insulationPreWarning: f.insulationPreWarning, overload: f.overload,
    overTemp: f.overTemp, leadFaults: leads, sensorBroken: f.sensorBroken, deviceError: f.deviceError
  };
}

/** The typed values as Readings, all stamped `at`; only the quantities the panel has are read. */
export function manualReadings(e: ManualEntry, panel: RulePanel, at: number): Readings {
  const out: Readings = {};
  const set = <K extends 'insulationKohm' | 'thcMa' | 'loadA' | 'loadPercent' | 'temperatureC'>(k: K, text: string) => {
    const r = reading(text, at);
    if (r) out[k] = r;
  };
  if (panel.regime === 'nfpa') set('thcMa', e.thc);
  else set('insulationKohm', e.insulation);
  if (panel.loadMonitored) set(e.loadUnit === '%' ? 'loadPercent' : 'loadA', e.load);
  if (panel.temperature.input === 'celsius') set('temperatureC', e.temperature);
  if (panel.temperature.input === 'ptc' && e.ptc !== '') out.ptc = { status: e.ptc, at };
  if (e.display === 'clear') out.device = { bits: {}, at };
  else if (e.display === 'faults') out.device = { bits: manualBits(e), at };
  return out;
}

function text(r: Reading | undefined): string {
  if (!r || typeof r.value !== 'number' || !Number.isFinite(r.value)) return '';
  return (r.bound === 'atLeast' ? '≥' : r.bound === 'atMost' ? '≤' : '') + String(r.value);
}

/** The form values back from stored readings (a correction starts from the original's values). */
export function entryFromReadings(r: Readings): ManualEntry {
  const e = emptyManualEntry();
  e.insulation = text(r.insulationKohm);
  e.thc = text(r.thcMa);
  if (r.loadPercent && !r.loadA) { e.load = text(r.loadPercent); e.loadUnit = '%'; } else e.load = text(r.loadA);
  e.temperature = text(r.temperatureC);
  e.ptc = r.ptc?.problem === undefined ? r.ptc?.status ?? '' : '';
  const d = r.device;
  if (d && d.problem === undefined) {
    const b = d.bits;
    const leads = b.leadFaults ?? [];
    e.faults = {
      insulationAlarm: b.insulationAlarm === true, insulationPreWarning: b.insulationPreWarning === true,
      overload: b.overload === true, overTemp: b.overTemp === true, leadSystem: leads.includes('system'),
      leadEarth: leads.includes('earth'), leadCt: leads.includes('ct'), sensorBroken: b.sensorBroken === true, deviceError: b.deviceError === true
    };
    e.display = Object.values(e.faults).some(Boolean) ? 'faults' : 'clear';
  }
  return e;
}

/** Which of load and temperature the panel needs but `values` (read over serial) lack. */
export function missingBeside(values: Readings, panel: RulePanel): ('load' | 'temperature')[] {
  const out: ('load' | 'temperature')[] = [];
  if (panel.loadMonitored && values.loadA === undefined && values.loadPercent === undefined) out.push('load');
  const t = panel.temperature.input;
  if ((t === 'celsius' && values.temperatureC === undefined) || (t === 'ptc' && values.ptc === undefined)) out.push('temperature');
  return out;
}

/**
 * Serial readings with the load and temperature the device does not read, typed by the technician
 * and stamped `at`; `typed` records which values came from the keyboard. Values the device did
 * read are never replaced by typed ones.
 */
export function withTypedBeside(serial: CheckReadings, e: ManualEntry, panel: RulePanel, at: number): CheckReadings {
  const values: Readings = { ...serial.values };
  for (const k of serial.typed ?? []) delete values[k];
  const missing = missingBeside(values, panel);
  const typed = manualReadings(e, panel, at);
  const keys: TypedKey[] = [];
  const take = (k: TypedKey) => {
    const v = typed[k];
    if (v === undefined) return;
    (values as Record<string, unknown>)[k] = v; // k names the same field in both objects
    keys.push(k);
  };
  if (missing.includes('load')) take(e.loadUnit === '%' ? 'loadPercent' : 'loadA');
  if (missing.includes('temperature')) take(panel.temperature.input === 'ptc' ? 'ptc' : 'temperatureC');
  const { typed: _old, ...rest } = serial;
  return keys.length > 0 ? { ...rest, values, typed: keys } : { ...rest, values };
}
