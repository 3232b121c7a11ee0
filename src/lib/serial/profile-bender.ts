/**
 * Bender measuring channels over Modbus (ISOMETER 425 family directly; medical ISOMETERs through
 * a COM462RTU gateway, whose channel registers depend on the gateway's configuration).
 * A channel is 4 registers:
 *   w0–w1 float32 value, high word first
 *   w2    high byte AT&T: alarm type bits 0–2 (0 none, 1 pre-warning, 2 device error, 4 alarm yellow,
 *         5 alarm red), test bits 6–7 (01 internal, 10 external);
 *         low byte R&U: unit bits 0–4 (2 Ω, 3 A, 4 V, 5 %, 10 °C), validity bits 6–7
 *         (00 actual, 01 true value lower, 10 true value higher, 11 invalid)
 *   w3    channel description code (e.g. 71 insulation fault, 101 connection system,
 *         102 connection earth, 115 device error)
 * In the device-error state the channel carries no measured value, only the error.
 */
import type { Bound, DeviceBits, QualityProblem, Readings } from '../domain/isolation/readings';
import { blockWords, type BlockResult, type DeviceProfile } from './profile-types';
import { f32 } from './words';

export type BenderAlarm = 'none' | 'preWarning' | 'deviceError' | 'alarmYellow' | 'alarmRed' | 'reserved';
export type BenderTest = 'none' | 'internal' | 'external' | 'reserved';
export type BenderMeaning = 'insulation' | 'load' | 'loadPercent' | 'temperature';

const ALARMS: Record<number, BenderAlarm> = { 0: 'none', 1: 'preWarning', 2: 'deviceError', 4: 'alarmYellow', 5: 'alarmRed' };
const TESTS: BenderTest[] = ['none', 'internal', 'external', 'reserved'];
export const BENDER_UNITS: Record<number, string> = { 0: 'invalid', 1: '', 2: 'Ω', 3: 'A', 4: 'V', 5: '%', 6: 'Hz', 7: 'Bd', 8: 'F', 9: 'H', 10: '°C', 11: '°F', 12: 's', 13: 'min', 14: 'h', 15: 'd', 16: 'month' };
const EXPECTED_UNIT: Record<BenderMeaning, string> = { insulation: 'Ω', load: 'A', loadPercent: '%', temperature: '°C' };
export const BENDER_CODE_CONNECTION_SYSTEM = 101;
export const BENDER_CODE_CONNECTION_EARTH = 102;

export interface BenderChannel {
  value: number;
  unit: string; // '?' for a code we do not know
  validity: Bound | 'invalid';
  alarm: BenderAlarm;
  test: BenderTest;
  code: number;
}

export function decodeBenderChannel(words: readonly number[]): BenderChannel {
  const w2 = (words[2] ?? 0) & 0xffff;
  const att = w2 >> 8;
  const ru = w2 & 0xff;
  const validity = ru >> 6;
  return {
    value: f32(words, 0, 'hiLo'),
    unit: BENDER_UNITS[ru & 0x1f] ?? '?',
    validity: validity === 0 ? 'exact' : validity === 1 ? 'atMost' : validity === 2 ? 'atLeast' : 'invalid',
    alarm: ALARMS[att & 0x07] ?? 'reserved',
    test: TESTS[att >> 6] ?? 'reserved',
    code: (words[3] ?? 0) & 0xffff
  };
}

export interface BenderChannelConfig {
  start: number;
  meaning: BenderMeaning;
}

const READING_KEY = { insulation: 'insulationKohm', load: 'loadA', loadPercent: 'loadPercent', temperature: 'temperatureC' } as const;

function channelBits(ch: BenderChannel, meaning: BenderMeaning, bits: DeviceBits): void {
  // Alarm types 3, 6, 7 and test bits 11 are reserved: whatever they mean, not "no alarm".
  if (ch.alarm === 'reserved' || ch.test === 'reserved') bits.unknownFault = true;
  const alarm = ch.alarm === 'alarmYellow' || ch.alarm === 'alarmRed';
  if (meaning === 'insulation') {
    if (alarm) bits.insulationAlarm = true;
    if (ch.alarm === 'preWarning') bits.insulationPreWarning = true;
  }
  if (meaning === 'load' || meaning === 'loadPercent') bits.overload ||= alarm;
  if (meaning === 'temperature') bits.overTemp ||= alarm;
  if (ch.alarm === 'deviceError') {
    if (ch.code === BENDER_CODE_CONNECTION_SYSTEM) bits.leadFaults = [...(bits.leadFaults ?? []), 'system'];
    else if (ch.code === BENDER_CODE_CONNECTION_EARTH) bits.leadFaults = [...(bits.leadFaults ?? []), 'earth'];
    else bits.deviceError = true;
  }
}

export function decodeBenderChannels(channels: readonly BenderChannelConfig[], results: readonly BlockResult[], at: number): Readings {
  const out: Readings = {};
  const bits: DeviceBits = {};
  let failure: { problem: QualityProblem; exceptionCode?: number } | null = null;
  for (const [i, cfg] of channels.entries()) {
    const key = READING_KEY[cfg.meaning];
    const b = blockWords(results[i], 4);
    if ('problem' in b) {
      failure ??= b;
      out[key] = { value: NaN, at, ...b };
      continue;
    }
    const ch = decodeBenderChannel(b.words);
    channelBits(ch, cfg.meaning, bits);
    const scale = cfg.meaning === 'insulation' ? 1 / 1000 : 1; // Ω → kΩ
    const value = ch.value * scale;
    const bound: Bound | null = ch.validity === 'invalid' ? null : ch.validity;
    const usable = bound !== null && ch.alarm !== 'deviceError' && ch.unit === EXPECTED_UNIT[cfg.meaning];
    out[key] = usable ? { value, bound, at } : { value, at, problem: 'invalid' };
  }
  out.device = failure ? { bits, at, ...failure } : { bits, at };
  return out;
}

export function createBenderProfile(o: { id: string; model: string; channels: BenderChannelConfig[]; slave?: number; baudRate?: number; parity?: 'none' | 'even' | 'odd' }): DeviceProfile {
  return {
    id: o.id,
    make: 'Bender',
    model: o.model,
    regime: 'iec',
    defaultSerial: { baudRate: o.baudRate ?? 19200, parity: o.parity ?? 'even', stopBits: 1, dataBits: 8, slave: o.slave ?? 3 },
    blocks: o.channels.map((c) => ({ fc: 0x03, start: c.start, qty: 4 })),
    decode: (results, at) => decodeBenderChannels(o.channels, results, at)
  };
}

/** ISOMETER 425 family: R_F at 1000; 19200 baud, even parity, address 3. */
export function bender425Profile(): DeviceProfile {
  return createBenderProfile({ id: 'bender-425', model: 'ISOMETER 425', channels: [{ start: 1000, meaning: 'insulation' }] });
}
