// What a device profile is: which registers to read, and how their words become Readings.
import type { SerialSettings, Regime } from '../domain/isolation/panel';
import type { QualityProblem, Readings } from '../domain/isolation/readings';
import type { ReadFunction } from './modbus';

export interface ReadBlock {
  fc: ReadFunction;
  start: number;
  qty: number;
}

export type BlockResult =
  | { ok: true; words: readonly number[] }
  | { ok: false; problem: QualityProblem; exceptionCode?: number };

export interface DeviceProfile {
  id: string;
  make: string;
  model: string;
  regime: Regime;
  defaultSerial: SerialSettings;
  blocks: ReadBlock[];
  /**
   * One result per block, in order. Quantities from a failed block come back with its problem
   * (never silently absent), so the rules say unknown. Must not throw.
   */
  decode(results: readonly BlockResult[], at: number): Readings;
}

/** A failed block's problem for one quantity, or a short block (fewer words than asked) as truncated. */
export function blockWords(r: BlockResult | undefined, need: number): { words: readonly number[] } | { problem: QualityProblem; exceptionCode?: number } {
  if (r === undefined) return { problem: 'missing' };
  if (!r.ok) return r.exceptionCode === undefined ? { problem: r.problem } : { problem: r.problem, exceptionCode: r.exceptionCode };
  if (r.words.length < need) return { problem: 'truncated' };
  return { words: r.words };
}
