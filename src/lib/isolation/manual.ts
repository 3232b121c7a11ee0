/**
 * Readings typed at the panel, as the form holds them (text), turned into domain Readings.
 *
 * Numbers accept what a tablet keyboard or a Chinese IME produces: full-width digits, "．" or ","
 * as the decimal mark. A leading "≥", ">=", ">" marks a device's range end read as a bound
 * ("≥ 999 kΩ"), "≤", "<=", "<" the other end. An empty field is a missing reading; anything
 * unparsable becomes NaN, so the rules say unknown instead of guessing.
 * The device's indicators are a three-way answer: not looked at yet (the monitoring rule stays
 * unknown), nothing shown, or the faults ticked.
 */
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

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF1E\uFF1C\uFF1D]/g;

/** Parses one typed value; null when the field is empty. */
export function parseManualNumber(text: string): { value: number; bound: Bound } | null {
  let s = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  if (s === '') return null;
  let bound: Bound = 'exact';
  const m = /^(≥|>=|>|≤|<=|<)/.exec(s);
  if (m) {
    bound = m[1]!.startsWith('≥') || m[1]!.startsWith('>') ? 'atLeast' : 'atMost';
    s = s.slice(m[1]!.length);
  }
  s = s.replace(',', '.');
  const value = /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
  return { value, bound };
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
