/**
 * The serial-reading controller of the check screen: pick a port (Web Serial), open it with the
 * panel's line settings, poll the IMD through its profile once or live, and hand the latest values
 * and their raw frames to the check. State is reactive for the UI; nothing here throws into it:
 * every failure lands in `error` or in the poll update's `errors`.
 *
 * Where the browser has no Web Serial (Firefox, Safari, iPad) `state` is 'unsupported' and the
 * screen keeps manual entry. `serial` is injectable: tests pass the simulator's `navigator.serial`.
 */
import type { CheckReadings, RawFrame } from '$lib/domain/isolation/check';
import type { Panel } from '$lib/domain/isolation/panel';
import { ModbusMaster, type MasterOptions } from '$lib/serial/master';
import { Poller, type PollUpdate } from '$lib/serial/poller';
import { openPort, type OpenError } from '$lib/serial/port';
import type { Readings } from '$lib/domain/isolation/readings';
import { findProfile, safeDecode, type DeviceProfile } from '$lib/serial/profiles';
import { getWebSerial, requestSerialPort, type PortRequestError, type WebSerial, type WebSerialAdapter } from '$lib/serial/webserial';

export type SerialState = 'unsupported' | 'unavailable' | 'idle' | 'connecting' | 'connected' | 'polling';
export type SerialError = PortRequestError | OpenError;

export const POLL_INTERVALS_MS = [1000, 2000, 5000, 10000] as const;

export interface SerialReaderOptions {
  serial?: WebSerial | null;
  master?: MasterOptions;
  now?: () => number;
  /** Administrator-made profiles (src/lib/db/profiles.ts), besides the built-in ones. */
  profiles?: readonly DeviceProfile[];
  /** Every poll, as it comes (the check keeps the worst one shown), with its check readings. */
  onPoll?: (u: PollUpdate, readings: CheckReadings) => void;
}

type ReaderPanel = Pick<Panel, 'serial' | 'imd' | 'regime' | 'responseValueKohm' | 'limLevelMa' | 'transformer' | 'temperature' | 'loadMonitored' | 'remoteIndicator'>;

export class SerialReader {
  state = $state<SerialState>('idle');
  error = $state<{ code: SerialError; message?: string } | null>(null);
  latest = $state.raw<PollUpdate | null>(null);
  frames = $state.raw<RawFrame[]>([]);
  polls = $state(0);
  #interval = $state<number>(2000);
  readonly profile: DeviceProfile | null;
  readonly #panel: ReaderPanel;
  readonly #serial: WebSerial | null;
  readonly #o: SerialReaderOptions;
  #port: WebSerialAdapter | null = null;
  #poller: Poller | null = null;

  constructor(panel: ReaderPanel, o: SerialReaderOptions = {}) {
    this.#panel = panel;
    this.#o = o;
    this.#serial = o.serial === undefined ? getWebSerial() : o.serial;
    this.profile = findProfile(panel.imd.profileId, o.profiles ?? []);
    if (!this.#serial) this.state = 'unsupported';
    else if (!this.profile || !panel.serial) this.state = 'unavailable';
  }

  get connected(): boolean {
    return this.state === 'connected' || this.state === 'polling';
  }

  get intervalMs(): number {
    return this.#interval;
  }

  set intervalMs(ms: number) {
    this.#interval = ms;
    if (this.#poller) this.#poller.intervalMs = ms;
  }

  /** Asks for a port and opens it. Must be called from a click (the browser's port chooser). */
  async connect(): Promise<boolean> {
    const line = this.#panel.serial;
    const profile = this.profile;
    if (this.state !== 'idle' || !line || !profile) return false;
    this.error = null;
    this.state = 'connecting';
    const req = await requestSerialPort(this.#serial);
    if (!req.ok) return this.#fail(req.error, req.message);
    const opened = await openPort(req.port, { baudRate: line.baudRate, dataBits: 8, parity: line.parity, stopBits: line.stopBits });
    if (!opened.ok) return this.#fail(opened.error, opened.message);
    const now = this.#o.now ? { now: this.#o.now } : {};
    this.#port = req.port;
    this.#poller = new Poller({
      master: new ModbusMaster(req.port, { ...this.#o.master, ...now }),
      profile, slave: line.slave, panel: this.#panel, intervalMs: this.#interval, ...now,
      onUpdate: (u) => {
        this.latest = u;
        this.frames = this.#poller?.frames ?? [];
        this.polls++;
        const r = this.checkReadings();
        if (r) this.#o.onPoll?.(u, r);
      }
    });
    this.state = 'connected';
    return true;
  }

  #fail(code: SerialError, message?: string): false {
    this.error = message === undefined ? { code } : { code, message };
    this.state = 'idle';
    return false;
  }

  /** One poll of every block of the profile. */
  async readOnce(): Promise<PollUpdate | null> {
    if (!this.#poller || this.state !== 'connected') return null;
    return this.#poller.pollOnce();
  }

  /** Live polling at `intervalMs`; values show as they come. */
  start(): void {
    if (!this.#poller || this.state !== 'connected') return;
    this.#poller.start();
    this.state = 'polling';
  }

  async stop(): Promise<void> {
    if (!this.#poller) return;
    await this.#poller.stop();
    if (this.state === 'polling') this.state = 'connected';
  }

  /** Stops polling and releases the port (leaving the screen must not keep it open). */
  async disconnect(): Promise<void> {
    await this.stop();
    await this.#port?.close();
    this.#port = null;
    this.#poller = null;
    if (this.connected) this.state = 'idle';
  }

  /** The quantities the profile reads (its decoder's output for no data), e.g. no load for IM20-H. */
  get provides(): Readings {
    return this.profile ? safeDecode(this.profile, [], 0) : {};
  }

  /** The latest values with the frames read in this session, for the check record. */
  checkReadings(): CheckReadings | null {
    const r = this.#poller?.toCheckReadings() ?? null;
    return r ? { ...r, frames: this.#poller?.frames ?? r.frames } : null;
  }
}
