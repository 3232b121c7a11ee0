/**
 * The isolation-panel register: one row per medical IT system (transformer + IMD/LIM) in a room.
 *
 * The form edits a flat `PanelDraft` whose keys are also the error keys, so the UI can put each
 * error code (and its `Explanation`, with the numbers) beside its field. `validatePanel` never throws:
 * any value of any type comes back as a typed error.
 */
import { explain, type Explanation } from './explain';

export const REGIMES = ['iec', 'nfpa'] as const;
export type Regime = (typeof REGIMES)[number];
export const PARITIES = ['none', 'even', 'odd'] as const;
export type Parity = (typeof PARITIES)[number];
export const TEMPERATURE_INPUTS = ['celsius', 'ptc', 'none'] as const;
export type TemperatureInput = (typeof TEMPERATURE_INPUTS)[number];
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
/** NFPA 99 LIM alarm levels: 5.0 mA, or 2.0 mA on older/selectable installs. */
export const LIM_LEVELS_MA = [5, 2] as const;

/** Limits from the domain notes; those marked [P] are our proposals. */
export const PANEL_LIMITS = {
  raMinKohm: 50, // IEC 61557-8: indicate no later than at 50 kΩ
  raMaxKohm: 10_000, // [P] catches Ω typed as kΩ
  kvaMin: 0.5, // IEC 61558-2-15
  kvaMax: 10,
  secondaryVMin: 12, // [P]
  secondaryVMax: 250, // IEC 61558-2-15
  setPointMinC: 20, // [P]
  setPointMaxC: 200, // AIM-M10 reads up to 200 °C
  intervalMinDays: 1,
  intervalMaxDays: 730, // [P]
  textMax: 100
} as const;

export const DEFAULT_RA_KOHM = 50;
export const DEFAULT_LIM_MA = 5;
export const DEFAULT_SET_POINT_C = 100; // [P] placeholder until the transformer's data sheet is known
export const DEFAULT_INTERVAL_DAYS = 30; // [P]

export interface SerialSettings {
  baudRate: number;
  parity: Parity;
  stopBits: 1 | 2;
  dataBits: 8; // Modbus RTU is always 8 data bits
  slave: number; // 1–247
}

export interface PanelFields {
  siteId: string;
  room: string;
  systemId: string;
  transformer: { ratedKva: number; secondaryV: number };
  imd: { make: string; model: string; profileId: string };
  regime: Regime;
  responseValueKohm: number; // R_a, used in the IEC regime
  limLevelMa: number; // L, used in the NFPA regime
  temperature: { input: TemperatureInput; setPointC: number };
  loadMonitored: boolean;
  remoteIndicator: { present: boolean; location: string };
  serial: SerialSettings | null; // null: readings are typed by hand
  checkIntervalDays: number;
}

export interface Panel extends PanelFields {
  id: string;
}

type Num = number | string | null | undefined;

/** What the form holds: every field optional, numbers possibly still text. */
export interface PanelDraft {
  siteId?: string; room?: string; systemId?: string;
  ratedKva?: Num; secondaryV?: Num;
  imdMake?: string; imdModel?: string; profileId?: string;
  regime?: string; ra?: Num; limLevel?: Num;
  temperatureInput?: string; setPoint?: Num;
  loadMonitored?: boolean;
  remotePresent?: boolean; remoteLocation?: string;
  serialEnabled?: boolean;
  baudRate?: Num; parity?: string; stopBits?: Num; dataBits?: Num; slave?: Num;
  checkIntervalDays?: Num;
}

export type PanelField = keyof PanelDraft;
export type PanelErrorCode = 'required' | 'notANumber' | 'notInteger' | 'belowMinimum' | 'aboveMaximum' | 'notAllowed' | 'tooLong';
export type PanelErrors = Partial<Record<PanelField, PanelErrorCode>>;

export type PanelValidation =
  | { ok: true; panel: PanelFields }
  | { ok: false; errors: PanelErrors; explanations: Partial<Record<PanelField, Explanation>> };

export function defaultPanelDraft(): PanelDraft {
  return {
    regime: 'iec', ra: DEFAULT_RA_KOHM, limLevel: DEFAULT_LIM_MA,
    temperatureInput: 'celsius', setPoint: DEFAULT_SET_POINT_C, loadMonitored: true,
    remotePresent: true, remoteLocation: '', serialEnabled: true,
    baudRate: 9600, parity: 'none', stopBits: 1, dataBits: 8, slave: 1,
    checkIntervalDays: DEFAULT_INTERVAL_DAYS
  };
}

export function toDraft(p: PanelFields): PanelDraft {
  return {
    siteId: p.siteId, room: p.room, systemId: p.systemId,
    ratedKva: p.transformer.ratedKva, secondaryV: p.transformer.secondaryV,
    imdMake: p.imd.make, imdModel: p.imd.model, profileId: p.imd.profileId,
    regime: p.regime, ra: p.responseValueKohm, limLevel: p.limLevelMa,
    temperatureInput: p.temperature.input, setPoint: p.temperature.setPointC,
    loadMonitored: p.loadMonitored, remotePresent: p.remoteIndicator.present, remoteLocation: p.remoteIndicator.location,
    serialEnabled: p.serial !== null,
    ...(p.serial ? { baudRate: p.serial.baudRate, parity: p.serial.parity, stopBits: p.serial.stopBits, dataBits: 8, slave: p.serial.slave } : {}),
    checkIntervalDays: p.checkIntervalDays
  };
}

/** I_rated = S_n / U_sec, e.g. 6.3 kVA at 230 V → 27.4 A. */
export function ratedCurrentA(t: { ratedKva: number; secondaryV: number }): number {
  return (t.ratedKva * 1000) / t.secondaryV;
}

const DAY_MS = 86_400_000;

/** When the next check is due: the last complete sign-off plus the interval; null when never checked. */
export function nextDue(lastCompleteSignedAt: string | null, intervalDays: number): string | null {
  if (lastCompleteSignedAt === null) return null;
  const t = Date.parse(lastCompleteSignedAt);
  if (!Number.isFinite(t) || !Number.isFinite(intervalDays)) return null;
  return new Date(t + intervalDays * DAY_MS).toISOString();
}

/** Overdue when never checked, or when now is past the due time. */
export function isOverdue(due: string | null, now: number): boolean {
  if (due === null) return true;
  const t = Date.parse(due);
  return !Number.isFinite(t) || now > t;
}

class Collector {
  errors: PanelErrors = {};
  explanations: Partial<Record<PanelField, Explanation>> = {};
  fail(field: PanelField, code: PanelErrorCode, params: Record<string, number | string | undefined> = {}, explCode?: string): void {
    if (this.errors[field] !== undefined) return; // first problem per field wins
    this.errors[field] = code;
    this.explanations[field] = explain(explCode ?? `panel.${code}`, { field, ...params });
  }

  text(field: PanelField, v: string | undefined, required = true): string {
    const s = typeof v === 'string' ? v.trim() : '';
    if (required && s === '') this.fail(field, 'required');
    else if (s.length > PANEL_LIMITS.textMax) this.fail(field, 'tooLong', { max: PANEL_LIMITS.textMax });
    return s;
  }

  num(field: PanelField, v: Num, o: { min?: number; max?: number; unit?: string; integer?: boolean } = {}): number {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) { this.fail(field, 'required'); return NaN; }
    // The draft type says number | string, but a form (or stored data) can hand over anything.
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
    if (!Number.isFinite(n)) { this.fail(field, 'notANumber'); return NaN; }
    if (o.integer === true && !Number.isInteger(n)) this.fail(field, 'notInteger');
    const unit = o.unit ?? '';
    if (o.min !== undefined && n < o.min) this.fail(field, 'belowMinimum', { value: n, min: o.min, diff: round6(o.min - n), unit });
    if (o.max !== undefined && n > o.max) this.fail(field, 'aboveMaximum', { value: n, max: o.max, diff: round6(n - o.max), unit });
    return n;
  }

  oneOf<T extends string | number>(field: PanelField, v: unknown, allowed: readonly T[]): T {
    const match = allowed.find((a) => a === v || (typeof a === 'number' && typeof v === 'string' && v.trim() !== '' && Number(v) === a));
    if (match === undefined) {
      if (v === undefined || v === null || v === '') this.fail(field, 'required');
      else this.fail(field, 'notAllowed', { value: String(v), allowed: allowed.join(', ') });
      return allowed[0] as T;
    }
    return match;
  }
}

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function validatePanel(d: PanelDraft): PanelValidation {
  const c = new Collector();
  const L = PANEL_LIMITS;
  const regime = c.oneOf('regime', d.regime, REGIMES);
  const siteId = c.text('siteId', d.siteId);
  const room = c.text('room', d.room);
  const systemId = c.text('systemId', d.systemId);
  const ratedKva = c.num('ratedKva', d.ratedKva, { min: L.kvaMin, max: L.kvaMax, unit: 'kVA' });
  const secondaryV = c.num('secondaryV', d.secondaryV, { min: L.secondaryVMin, max: L.secondaryVMax, unit: 'V' });
  const make = c.text('imdMake', d.imdMake);
  const model = c.text('imdModel', d.imdModel);
  const profileId = c.text('profileId', d.profileId);

  let ra = DEFAULT_RA_KOHM;
  if (regime === 'iec') {
    ra = c.num('ra', d.ra, { max: L.raMaxKohm, unit: 'kΩ' });
    if (Number.isFinite(ra) && ra < L.raMinKohm) {
      c.fail('ra', 'belowMinimum', { value: ra, min: L.raMinKohm, diff: round6(L.raMinKohm - ra), unit: 'kΩ' }, 'panel.raBelowMinimum');
    }
  }
  const limLevel = regime === 'nfpa' ? c.oneOf('limLevel', d.limLevel, LIM_LEVELS_MA) : DEFAULT_LIM_MA;

  const temperatureInput = c.oneOf('temperatureInput', d.temperatureInput, TEMPERATURE_INPUTS);
  const setPoint = temperatureInput === 'celsius'
    ? c.num('setPoint', d.setPoint, { min: L.setPointMinC, max: L.setPointMaxC, unit: '°C' })
    : DEFAULT_SET_POINT_C;

  const remotePresent = d.remotePresent ?? true;
  const remoteLocation = c.text('remoteLocation', d.remoteLocation, false);

  let serial: SerialSettings | null = null;
  if (d.serialEnabled ?? true) {
    serial = {
      baudRate: c.oneOf('baudRate', d.baudRate, BAUD_RATES),
      parity: c.oneOf('parity', d.parity, PARITIES),
      stopBits: c.oneOf('stopBits', d.stopBits, [1, 2] as const),
      dataBits: c.oneOf('dataBits', d.dataBits ?? 8, [8] as const),
      slave: c.num('slave', d.slave, { min: 1, max: 247, integer: true })
    };
  }
  const checkIntervalDays = c.num('checkIntervalDays', d.checkIntervalDays, { min: L.intervalMinDays, max: L.intervalMaxDays, integer: true });

  if (Object.keys(c.errors).length > 0) return { ok: false, errors: c.errors, explanations: c.explanations };
  return {
    ok: true,
    panel: {
      siteId, room, systemId,
      transformer: { ratedKva, secondaryV },
      imd: { make, model, profileId },
      regime, responseValueKohm: ra, limLevelMa: limLevel,
      temperature: { input: temperatureInput, setPointC: setPoint },
      loadMonitored: d.loadMonitored ?? true,
      remoteIndicator: { present: remotePresent, location: remoteLocation },
      serial,
      checkIntervalDays
    }
  };
}
