/**
 * Bender medical ISOMETERs (isoMED427P, 107TD47) speak the BMS bus; a COMTRAXX COM462RTU gateway
 * answers for them on Modbus RTU from its process image. The Modbus slave is the gateway; the
 * ISOMETER is picked by its BMS bus address inside the register address.
 *
 * Register map implemented here (source: Bender "COMTRAXX COM462RTU" manual D00010_04, 06.2021,
 * §6.2 "Memory scheme of the process image" and §6.5 "Modbus address structure for BMS devices";
 * the COM460IP/COM461MT manuals use the same image):
 *   base = BMS address × 0x100 (BMS address 1…150; 256 words per bus device)
 *   base + 0x00…0x09  device type, ASCII (not read)
 *   base + 0x0A…0x0D  timestamp of the last datagram (not read)
 *   base + 0x0E       high byte C: common alarm (LSB), low byte D: device lost (LSB) — the gateway
 *                     can no longer talk to this bus device, so everything else in the block is an
 *                     old cached copy
 *   base + 0x0F       reserved
 *   base + 0x10 + 4·(n − 1)   channel n (1…32): 4 words in the Bender channel format decoded in
 *                     profile-bender.ts (float32, alarm/test byte, range/unit byte, description)
 *   base + 0x90…0xFC  channels 33…64, digital only (not read)
 * Read with FC 03, one block for the C/D word and one per configured channel.
 *
 * Decoding: D set → every value and the device flags carry the problem `deviceLost` (the rules say
 * unknown; the poller keeps the last good value greyed, never as a fresh normal). C set while no
 * channel we read explains it → `commonAlarm` (the monitoring rule says alarm).
 *
 * Which channel carries what depends on the ISOMETER; the built-in profile reads only R_F on
 * channel 1 [P: confirm on the first installation] and the technician types load and temperature
 * beside it. Its BMS address is part of the profile id (`…-bms2` is built in; findProfile resolves
 * any `bender-isomed-com462rtu-bms<N>`, N 1…150).
 */
import type { QualityProblem, Reading, Readings } from '../domain/isolation/readings';
import { decodeBenderChannels, type BenderMeaning } from './profile-bender';
import { blockWords, type BlockResult, type DeviceProfile } from './profile-types';

export const COM462_WORDS_PER_DEVICE = 0x100;
export const COM462_STATUS_OFFSET = 0x0e;
export const COM462_CHANNEL_OFFSET = 0x10;
export const COM462_MAX_BMS_ADDRESS = 150;
export const COM462_ID_PREFIX = 'bender-isomed-com462rtu-bms';

export interface Com462Channel {
  channel: number; // 1…32
  meaning: BenderMeaning;
}

export function com462Base(bmsAddress: number): number {
  return bmsAddress * COM462_WORDS_PER_DEVICE;
}

export function com462ChannelStart(bmsAddress: number, channel: number): number {
  return com462Base(bmsAddress) + COM462_CHANNEL_OFFSET + 4 * (channel - 1);
}

const KEYS = ['insulationKohm', 'thcMa', 'loadA', 'loadPercent', 'temperatureC'] as const;

function lost(out: Readings, problem: QualityProblem, at: number, exceptionCode?: number): Readings {
  const extra = exceptionCode === undefined ? {} : { exceptionCode };
  const flagged: Readings = {};
  for (const k of KEYS) {
    const r: Reading | undefined = out[k];
    if (r) flagged[k] = { ...r, problem, ...extra };
  }
  flagged.device = { bits: out.device?.bits ?? {}, at, problem, ...extra };
  return flagged;
}

export function decodeCom462(channels: readonly Com462Channel[], results: readonly BlockResult[], at: number): Readings {
  const out = decodeBenderChannels(channels.map((c) => ({ start: 0, meaning: c.meaning })), results.slice(1), at);
  const status = blockWords(results[0], 1);
  // Without the C/D word we cannot tell a live value from the gateway's cached copy.
  if ('problem' in status) return lost(out, status.problem, at, status.exceptionCode);
  const w = (status.words[0] ?? 0) & 0xffff;
  if ((w & 0x01) !== 0) return lost(out, 'deviceLost', at);
  const bits = out.device?.bits;
  const explained = bits !== undefined && (bits.insulationAlarm === true || bits.insulationPreWarning === true || bits.overload === true
    || bits.overTemp === true || bits.deviceError === true || (bits.leadFaults ?? []).length > 0);
  if (((w >> 8) & 0x01) !== 0 && !explained && out.device) out.device = { ...out.device, bits: { ...out.device.bits, commonAlarm: true } };
  return out;
}

export function createCom462Profile(o: { id: string; model: string; bmsAddress: number; channels: Com462Channel[]; slave?: number }): DeviceProfile {
  return {
    id: o.id,
    make: 'Bender',
    model: o.model,
    regime: 'iec',
    // [P] the gateway's line settings are set on the gateway; these are a starting point.
    defaultSerial: { baudRate: 19200, parity: 'even', stopBits: 1, dataBits: 8, slave: o.slave ?? 2 },
    blocks: [
      { fc: 0x03, start: com462Base(o.bmsAddress) + COM462_STATUS_OFFSET, qty: 1 },
      ...o.channels.map((c) => ({ fc: 0x03 as const, start: com462ChannelStart(o.bmsAddress, c.channel), qty: 4 }))
    ],
    decode: (results, at) => decodeCom462(o.channels, results, at)
  };
}

/** isoMED427P (or 107TD47) at BMS address `bms` behind a COM462RTU: R_F on channel 1. */
export function isomedCom462Profile(bms: number): DeviceProfile {
  return createCom462Profile({
    id: `${COM462_ID_PREFIX}${bms}`, model: `ISOMETER isoMED via COM462RTU (BMS ${bms})`, bmsAddress: bms,
    channels: [{ channel: 1, meaning: 'insulation' }]
  });
}

/** The profile an id like "bender-isomed-com462rtu-bms3" names, or null. */
export function com462ProfileFromId(id: string): DeviceProfile | null {
  const m = new RegExp(`^${COM462_ID_PREFIX}(\\d{1,3})$`).exec(id);
  const bms = m ? Number(m[1]) : NaN;
  return Number.isInteger(bms) && bms >= 1 && bms <= COM462_MAX_BMS_ADDRESS ? isomedCom462Profile(bms) : null;
}
