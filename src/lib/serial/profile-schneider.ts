/**
 * Schneider Electric Vigilohm IM10-H / IM20-H: 19200 baud, even parity, address 1.
 *   1000–1001 insulation resistance, float32 Ω (high word first) → kΩ
 *   1100      alarm status: 0 no alarm, 1 insulation alarm [P]; any other value is a state we do
 *             not know, decoded as an unknown fault (the rules say unknown, never "normal").
 * Load and temperature are not read: the technician types them beside the serial values.
 * Schneider's tables list an "address" and a "register" (= address + 1); 1000 / 1100 are sent
 * as protocol addresses here. Confirm on the first real device; a generic profile can shift them.
 */
import type { DeviceBits, Readings } from '../domain/isolation/readings';
import { blockWords, type BlockResult, type DeviceProfile } from './profile-types';
import { f32 } from './words';

export const IM20H_RF_ADDRESS = 1000;
export const IM20H_ALARM_ADDRESS = 1100;

export function im20hStatusBits(w: number): DeviceBits {
  const v = w & 0xffff;
  return v === 0 ? { insulationAlarm: false } : v === 1 ? { insulationAlarm: true } : { unknownFault: true };
}

export function decodeIm20h(results: readonly BlockResult[], at: number): Readings {
  const rf = blockWords(results[0], 2);
  const alarm = blockWords(results[1], 1);
  return {
    insulationKohm: 'problem' in rf ? { value: NaN, at, ...rf } : { value: f32(rf.words, 0, 'hiLo') / 1000, at },
    device: 'problem' in alarm ? { bits: {}, at, ...alarm } : { bits: im20hStatusBits(alarm.words[0] ?? 0), at }
  };
}

export function im20hProfile(): DeviceProfile {
  return {
    id: 'schneider-im20-h',
    make: 'Schneider Electric',
    model: 'Vigilohm IM20-H',
    regime: 'iec',
    defaultSerial: { baudRate: 19200, parity: 'even', stopBits: 1, dataBits: 8, slave: 1 },
    blocks: [
      { fc: 0x03, start: IM20H_RF_ADDRESS, qty: 2 },
      { fc: 0x03, start: IM20H_ALARM_ADDRESS, qty: 1 }
    ],
    decode: decodeIm20h
  };
}
