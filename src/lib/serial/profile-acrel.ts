/**
 * Acrel AIM-M10 (with remote panels AID10/AID120/AID150). One block, 0x0008–0x000B, FC 03 or 04:
 *   0x0008 R_F u16 kΩ, 10…999; 999 means "≥ 999" (healthy), 10 means "≤ 10" (alarm)
 *   0x0009 load u16 × 0.1 A, 0…500 → 0…50.0 A
 *   0x000A temperature int16 °C, −50…200
 *   0x000B fault bits, low byte: b0 insulation, b1 overload, b2 over-temperature,
 *          b4 FE/KE lead broken, b5 temperature sensor broken; b3, b6, b7 are not documented:
 *          set, they make the monitoring rule unknown (never "no alarm"). The high byte is not used.
 */
import type { DeviceBits, Reading, Readings } from '../domain/isolation/readings';
import type { ReadFunction } from './modbus';
import { blockWords, type BlockResult, type DeviceProfile } from './profile-types';
import { i16, u16 } from './words';

export const AIM_M10_START = 0x0008;
export const AIM_M10_QTY = 4;

export function decodeAimM10Bits(w: number): DeviceBits {
  const b = w & 0xff;
  return {
    insulationAlarm: (b & 0x01) !== 0,
    overload: (b & 0x02) !== 0,
    overTemp: (b & 0x04) !== 0,
    leadFaults: (b & 0x10) !== 0 ? ['earth'] : [],
    sensorBroken: (b & 0x20) !== 0,
    unknownFault: (b & 0xc8) !== 0
  };
}

export function decodeAimM10(results: readonly BlockResult[], at: number): Readings {
  const b = blockWords(results[0], AIM_M10_QTY);
  if ('problem' in b) {
    const bad: Reading = { value: NaN, at, ...b };
    return { insulationKohm: bad, loadA: bad, temperatureC: bad, device: { bits: {}, at, ...b } };
  }
  const [wR, wLoad, wTemp, wBits] = [0, 1, 2, 3].map((i) => b.words[i] ?? 0) as [number, number, number, number];
  const rf = u16(wR);
  return {
    insulationKohm: { value: rf, bound: rf === 999 ? 'atLeast' : rf === 10 ? 'atMost' : 'exact', at, range: { min: 10, max: 999 } },
    loadA: { value: u16(wLoad) / 10, at, range: { min: 0, max: 50 } },
    temperatureC: { value: i16(wTemp), at, range: { min: -50, max: 200 } },
    device: { bits: decodeAimM10Bits(wBits), at }
  };
}

export function aimM10Profile(fc: ReadFunction = 0x03): DeviceProfile {
  return {
    id: fc === 0x03 ? 'acrel-aim-m10' : 'acrel-aim-m10-fc04',
    make: 'Acrel',
    model: 'AIM-M10',
    regime: 'iec',
    // Parity is not stated in the manual: 8N1 by default, configurable per panel.
    defaultSerial: { baudRate: 9600, parity: 'none', stopBits: 1, dataBits: 8, slave: 1 },
    blocks: [{ fc, start: AIM_M10_START, qty: AIM_M10_QTY }],
    decode: decodeAimM10
  };
}
