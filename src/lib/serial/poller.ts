/**
 * Live polling of one device: every `intervalMs` read the profile's blocks, decode, evaluate with
 * hysteresis, and emit. Polls never overlap (the next is scheduled after the previous ends).
 *
 * Values: a quantity whose read failed keeps its last good value and time (so the UI can show it
 * greyed) but carries the failure as `problem`, so the rules say unknown. `evaluateAt(now)` re-judges
 * the latest values without polling: after `staleMs` (60 s) without a good read they turn stale.
 * Raw frames of every request are kept (the last `frameLog`) for the check record.
 */
import { applyHysteresis, FREE, type LatchState } from '../domain/isolation/hysteresis';
import type { QualityProblem, Readings } from '../domain/isolation/readings';
import { evaluate, type Evaluation, type RulePanel } from '../domain/isolation/rules';
import type { CheckReadings, RawFrame } from '../domain/isolation/check';
import type { ModbusMaster, ReadError, ReadResult } from './master';
import { safeDecode, type BlockResult, type DeviceProfile } from './profiles';

export interface PollUpdate {
  at: number;
  ok: boolean;
  readings: Readings;
  evaluation: Evaluation;
  frames: RawFrame[];
  errors: ReadError[];
}

export interface PollerOptions {
  master: ModbusMaster;
  profile: DeviceProfile;
  slave: number;
  panel: RulePanel;
  intervalMs?: number;
  timeoutMs?: number;
  staleMs?: number;
  frameLog?: number;
  now?: () => number;
  onUpdate?: (u: PollUpdate) => void;
}

const PROBLEM: Record<ReadError, QualityProblem> = {
  crc: 'crc', wrongSlave: 'wrongSlave', wrongFunction: 'wrongFunction', wrongLength: 'wrongLength',
  exception: 'exception', truncated: 'truncated', timeout: 'timeout',
  badSlave: 'invalid', badFunction: 'invalid', badQuantity: 'invalid', badAddress: 'invalid',
  portError: 'portError', closed: 'portError'
};

export function problemOf(error: ReadError): QualityProblem {
  return PROBLEM[error];
}

const KEYS = ['insulationKohm', 'thcMa', 'loadA', 'loadPercent', 'temperatureC', 'ptc', 'device'] as const;

/** Fresh values win; a failed one keeps the previous good value and time, flagged with the new problem. */
export function mergeReadings(prev: Readings, fresh: Readings): Readings {
  const out: Readings = {};
  for (const k of KEYS) {
    const f = fresh[k];
    const p = prev[k];
    if (f === undefined) continue;
    // Each key pairs with itself, but TypeScript cannot follow that through the loop variable.
    (out as Record<string, unknown>)[k] = f.problem !== undefined && p !== undefined && p.problem === undefined ? { ...p, problem: f.problem } : f;
  }
  return out;
}

export class Poller {
  readonly #o: Required<Omit<PollerOptions, 'onUpdate'>> & Pick<PollerOptions, 'onUpdate'>;
  #values: Readings = {};
  #latch: LatchState = FREE;
  #latest: PollUpdate | null = null;
  #frames: RawFrame[] = [];
  #running = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inflight: Promise<PollUpdate> | null = null;

  constructor(o: PollerOptions) {
    this.#o = { intervalMs: 1000, timeoutMs: 1000, staleMs: 60_000, frameLog: 50, now: Date.now, ...o };
  }

  get latest(): PollUpdate | null { return this.#latest; }
  get frames(): RawFrame[] { return [...this.#frames]; }
  get running(): boolean { return this.#running; }
  get intervalMs(): number { return this.#o.intervalMs; }
  /** A new polling interval; live polling picks it up from the next scheduled poll. */
  set intervalMs(ms: number) { if (Number.isFinite(ms) && ms > 0) this.#o.intervalMs = ms; }

  pollOnce(): Promise<PollUpdate> {
    this.#inflight ??= this.#poll().finally(() => { this.#inflight = null; });
    return this.#inflight;
  }

  async #poll(): Promise<PollUpdate> {
    const { master, profile, slave, timeoutMs, now } = this.#o;
    const results: BlockResult[] = [];
    const frames: RawFrame[] = [];
    const errors: ReadError[] = [];
    const at = now();
    for (const b of profile.blocks) {
      const r: ReadResult = await master.readRegisters(slave, b.fc, b.start, b.qty, { timeoutMs });
      frames.push({ at: r.at, requestHex: r.rawRequestHex, replyHex: r.rawReplyHex, ok: r.ok, ...(r.ok ? {} : { error: r.error }) });
      if (r.ok) results.push({ ok: true, words: r.words });
      else {
        errors.push(r.error);
        results.push({ ok: false, problem: problemOf(r.error), ...(r.exceptionCode === undefined ? {} : { exceptionCode: r.exceptionCode }) });
      }
    }
    this.#values = mergeReadings(this.#values, safeDecode(profile, results, at));
    this.#frames = [...this.#frames, ...frames].slice(-this.#o.frameLog);
    const raw = evaluate({ readings: this.#values, now: now(), staleMs: this.#o.staleMs }, this.#o.panel);
    const h = applyHysteresis(this.#latch, raw, this.#o.panel);
    this.#latch = h.state;
    const update: PollUpdate = { at, ok: errors.length === 0, readings: this.#values, evaluation: h.evaluation, frames, errors };
    this.#latest = update;
    try { this.#o.onUpdate?.(update); } catch { /* a listener's bug must not stop polling */ }
    return update;
  }

  /** The latest values judged at `now` (staleness), without polling and without releasing a held alarm. */
  evaluateAt(now: number): Evaluation | null {
    if (this.#latest === null) return null;
    const raw = evaluate({ readings: this.#values, now, staleMs: this.#o.staleMs }, this.#o.panel);
    return applyHysteresis({ ...this.#latch, recoveries: 0 }, raw, this.#o.panel).evaluation;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const tick = async () => {
      this.#timer = null;
      if (!this.#running) return;
      const started = this.#o.now();
      await this.pollOnce();
      if (this.#running) this.#timer = setTimeout(() => void tick(), Math.max(0, this.#o.intervalMs - (this.#o.now() - started)));
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#inflight) await this.#inflight;
  }

  /** The latest values and their frames, ready to go into a check record. */
  toCheckReadings(readAt = this.#latest ? new Date(this.#latest.at).toISOString() : ''): CheckReadings | null {
    if (this.#latest === null) return null;
    return { source: 'serial', readAt, values: this.#values, frames: this.#latest.frames };
  }
}
