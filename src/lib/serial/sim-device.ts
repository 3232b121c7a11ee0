/**
 * A simulated Acrel AIM-M10 on the RS-485 line: holds registers, answers FC 03/04, and misbehaves
 * on demand. Browser-safe (timers only, no Node APIs) so an end-to-end test can run it in a page.
 *
 * Faults are queued one-shot (`inject`) or persistent (`setFault`); a one-shot fault is used first.
 * Like a real slave it ignores requests with a bad CRC or for another address (silence).
 */
import { hasValidCrc } from './crc';
import { buildFrame } from './modbus';
import { toHex } from './hex';

export type SimFault =
  | { kind: 'silent' }
  | { kind: 'corruptCrc' }
  | { kind: 'exception'; code: number }
  | { kind: 'otherSlave'; slave?: number }
  | { kind: 'split'; at?: number[]; gapMs?: number } // several chunks; default two halves
  | { kind: 'truncate'; drop?: number };

export interface SimOptions {
  slave?: number;
  baudRate?: number;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  replyDelayMs?: number;
  chunkGapMs?: number;
  /** Size of the register space; beyond it: exception 2. A COM462RTU gateway needs 0x10000. */
  registerCount?: number;
}

export interface AimFaultFlags {
  insulation?: boolean;
  overload?: boolean;
  overTemp?: boolean;
  earthLead?: boolean;
  sensorBroken?: boolean;
}

export interface SimReply {
  chunks: Uint8Array[];
  gapMs: number;
}

export const SIM_REGISTER_COUNT = 0x100; // beyond this: exception 2, illegal data address

export class SimulatedAimM10 {
  slave: number;
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  replyDelayMs: number;
  chunkGapMs: number;
  /** Every request seen, as hex, including those it ignored. */
  readonly requests: string[] = [];
  readonly #regs: Uint16Array;
  readonly #oneShot: SimFault[] = [];
  #persistent: SimFault | null = null;

  constructor(o: SimOptions = {}) {
    this.slave = o.slave ?? 1;
    this.baudRate = o.baudRate ?? 9600;
    this.parity = o.parity ?? 'none';
    this.stopBits = o.stopBits ?? 1;
    this.replyDelayMs = o.replyDelayMs ?? 2;
    this.chunkGapMs = o.chunkGapMs ?? 5;
    this.#regs = new Uint16Array(o.registerCount ?? SIM_REGISTER_COUNT);
    this.set({ insulationKohm: 500, loadA: 8.5, temperatureC: 35, faults: {} });
  }

  setRegister(address: number, value: number): void {
    if (address >= 0 && address < this.#regs.length) this.#regs[address] = value & 0xffff; // negatives as two's complement
  }

  getRegister(address: number): number {
    return this.#regs[address] ?? 0;
  }

  /** Sets the AIM-M10 block 0x0008–0x000B from engineering values. */
  set(v: { insulationKohm?: number; loadA?: number; temperatureC?: number; faults?: AimFaultFlags }): void {
    if (v.insulationKohm !== undefined) this.setRegister(0x0008, Math.round(Math.min(999, Math.max(10, v.insulationKohm))));
    if (v.loadA !== undefined) this.setRegister(0x0009, Math.round(v.loadA * 10));
    if (v.temperatureC !== undefined) this.setRegister(0x000a, Math.round(v.temperatureC));
    if (v.faults) {
      const f = v.faults;
      this.setRegister(0x000b, (f.insulation ? 1 : 0) | (f.overload ? 2 : 0) | (f.overTemp ? 4 : 0) | (f.earthLead ? 16 : 0) | (f.sensorBroken ? 32 : 0));
    }
  }

  inject(fault: SimFault, times = 1): void {
    for (let i = 0; i < times; i++) this.#oneShot.push(fault);
  }

  setFault(fault: SimFault | null): void {
    this.#persistent = fault;
  }

  /** The chunks this device sends back for a request, or null for silence. */
  respond(request: Uint8Array): SimReply | null {
    this.requests.push(toHex(request));
    if (request.length < 4 || !hasValidCrc(request) || request[0] !== this.slave) return null;
    const fault = this.#oneShot.shift() ?? this.#persistent;
    if (fault?.kind === 'silent') return null;
    let frame = this.#answer(request, fault);
    if (fault?.kind === 'corruptCrc') frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    if (fault?.kind === 'truncate') frame = frame.slice(0, Math.max(1, frame.length - (fault.drop ?? 3)));
    if (fault?.kind === 'split') return { chunks: splitAt(frame, fault.at ?? [Math.floor(frame.length / 2)]), gapMs: fault.gapMs ?? this.chunkGapMs };
    return { chunks: [frame], gapMs: this.chunkGapMs };
  }

  #answer(req: Uint8Array, fault: SimFault | null): Uint8Array {
    const addr = fault?.kind === 'otherSlave' ? (fault.slave ?? (this.slave % 247) + 1) : this.slave;
    const fc = req[1] ?? 0;
    const exception = (code: number) => buildFrame(addr, fc | 0x80, [code]);
    if (fault?.kind === 'exception') return exception(fault.code);
    if (fc !== 0x03 && fc !== 0x04) return exception(1);
    if (req.length !== 8) return exception(3);
    const start = ((req[2] ?? 0) << 8) | (req[3] ?? 0);
    const qty = ((req[4] ?? 0) << 8) | (req[5] ?? 0);
    if (qty < 1 || qty > 125) return exception(3);
    if (start + qty > this.#regs.length) return exception(2);
    const data: number[] = [2 * qty];
    for (let i = 0; i < qty; i++) {
      const w = this.#regs[start + i] ?? 0;
      data.push(w >> 8, w & 0xff);
    }
    return buildFrame(addr, fc, data);
  }
}

function splitAt(frame: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < frame.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) { out.push(frame.slice(from, p)); from = p; }
  out.push(frame.slice(from));
  return out;
}

/** Delivers a reply the way a line does: after a delay, chunk by chunk. */
export function scheduleReply(sim: SimulatedAimM10, request: Uint8Array, deliver: (chunk: Uint8Array) => void): void {
  const reply = sim.respond(request);
  if (!reply) return;
  reply.chunks.forEach((c, i) => setTimeout(() => deliver(c), sim.replyDelayMs + i * reply.gapMs));
}
