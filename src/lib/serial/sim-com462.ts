/**
 * A simulated Bender COM462RTU gateway: the Modbus slave holds, per BMS bus device, the process
 * image of profile-com462.ts (base = BMS address × 0x100; C/D word at +0x0E; channel n at
 * +0x10 + 4·(n − 1)). Like the real gateway it keeps a lost device's last values in its image.
 */
import { BENDER_UNITS } from './profile-bender';
import { SimulatedAimM10, type SimOptions } from './sim-device';
import { f32Words } from './words';

export interface SimBenderChannel {
  value: number;
  unit: 'Ω' | 'A' | '%' | '°C';
  alarm?: number; // alarm type bits 0–2 (0 none, 1 pre-warning, 2 device error, 4 yellow, 5 red; 3, 6, 7 reserved)
  validity?: 0 | 1 | 2 | 3;
  code?: number;
}

const UNIT_CODE = Object.fromEntries(Object.entries(BENDER_UNITS).map(([k, v]) => [v, Number(k)]));

export class SimulatedCom462Rtu extends SimulatedAimM10 {
  constructor(o: SimOptions = {}) {
    super({ slave: 2, baudRate: 19200, parity: 'even', ...o, registerCount: 0x10000 });
  }

  /** Sets a BMS device's block; omitted parts stay as they were (a lost device keeps its values). */
  setBmsDevice(bms: number, d: { lost?: boolean; commonAlarm?: boolean; channels?: Record<number, SimBenderChannel> }): void {
    const base = bms * 0x100;
    if (d.lost !== undefined || d.commonAlarm !== undefined) {
      const w = this.getRegister(base + 0x0e);
      const c = d.commonAlarm ?? (w >> 8) & 1;
      const lost = d.lost ?? w & 1;
      this.setRegister(base + 0x0e, (Number(c) << 8) | Number(lost));
    }
    for (const [n, ch] of Object.entries(d.channels ?? {})) {
      const start = base + 0x10 + 4 * (Number(n) - 1);
      const [hi, lo] = f32Words(ch.value);
      this.setRegister(start, hi);
      this.setRegister(start + 1, lo);
      this.setRegister(start + 2, ((ch.alarm ?? 0) << 8) | ((ch.validity ?? 0) << 6) | (UNIT_CODE[ch.unit] ?? 0));
      this.setRegister(start + 3, ch.code ?? 71);
    }
  }
}
