/**
 * Modbus RTU master over any SerialPortLike.
 *
 * One transaction at a time: requests queue behind each other (RS-485 is half duplex and a reply
 * carries no request id, so overlapping requests would mix up replies). A transaction:
 *   1. drop stale input (late bytes of an earlier reply would corrupt this one);
 *   2. write the request;
 *   3. read chunks until the parser has a complete frame (length from its header), or the line
 *      has been idle ~50 ms after the first byte (a browser cannot time t3.5 through USB), or the
 *      overall timeout (default 1000 ms) runs out;
 *   4. judge it (CRC, slave, function, byte count; see modbus.ts);
 *   5. wait the inter-frame gap before the next request may start.
 * Never throws: every failure comes back as `{ ok: false, error }` with the raw frames in hex.
 */
import { toHex } from './hex';
import { buildReadRequest, exceptionName, ReplyParser, type FinalState, type FrameError, type RequestError } from './modbus';
import type { SerialPortLike } from './port';

export type ReadError = FrameError | RequestError | 'portError' | 'closed';

interface Raw {
  rawRequestHex: string;
  rawReplyHex: string;
  at: number; // epoch ms when the request was sent
  durationMs: number;
}

export type ReadResult =
  | ({ ok: true; words: number[] } & Raw)
  | ({ ok: false; error: ReadError; exceptionCode?: number; exceptionName?: string; message?: string } & Raw);

export interface MasterOptions {
  idleMs?: number;
  timeoutMs?: number;
  /** Silence kept after each transaction; covers t3.5 up to 1200 baud. */
  interFrameMs?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export class ModbusMaster {
  readonly #port: SerialPortLike;
  readonly #idleMs: number;
  readonly #timeoutMs: number;
  readonly #gapMs: number;
  readonly #now: () => number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(port: SerialPortLike, o: MasterOptions = {}) {
    this.#port = port;
    this.#idleMs = o.idleMs ?? 50;
    this.#timeoutMs = o.timeoutMs ?? 1000;
    this.#gapMs = o.interFrameMs ?? 35;
    this.#now = o.now ?? Date.now;
  }

  get port(): SerialPortLike {
    return this.#port;
  }

  readRegisters(slave: number, fc: number, start: number, qty: number, o: { timeoutMs?: number } = {}): Promise<ReadResult> {
    const run = this.#queue.then(() => this.#transact(slave, fc, start, qty, o.timeoutMs ?? this.#timeoutMs));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #transact(slave: number, fc: number, start: number, qty: number, timeoutMs: number): Promise<ReadResult> {
    const at = this.#now();
    const raw = (req: string, reply: string): Raw => ({ rawRequestHex: req, rawReplyHex: reply, at, durationMs: this.#now() - at });
    const req = buildReadRequest(slave, fc, start, qty);
    if (!req.ok) return { ok: false, error: req.error, ...raw('', '') };
    const reqHex = toHex(req.frame);
    if (!this.#port.isOpen) return { ok: false, error: 'closed', ...raw(reqHex, '') };
    const parser = new ReplyParser({ slave, fc: req.fc, qty });
    try {
      for (let i = 0; i < 64 && (await this.#port.read(0)) !== null; i++) { /* discard */ }
      await this.#port.write(req.frame);
      const deadline = at + timeoutMs;
      let final: FinalState | null = null;
      for (;;) {
        const remaining = deadline - this.#now();
        if (remaining <= 0) break;
        const chunk = await this.#port.read(parser.received > 0 ? Math.min(this.#idleMs, remaining) : remaining);
        if (chunk === null) {
          if (!this.#port.isOpen) return { ok: false, error: 'closed', ...raw(reqHex, toHex(parser.bytes)) };
          if (parser.received > 0) break; // idle after the first byte: the frame is over
          continue;
        }
        const s = parser.push(chunk);
        if (s.status !== 'incomplete') { final = s; break; }
      }
      final ??= parser.finish();
      const replyHex = toHex(final.frame.length > 0 ? final.frame : parser.bytes);
      if (final.status === 'ok') return { ok: true, words: final.words, ...raw(reqHex, replyHex) };
      const ex = final.exceptionCode === undefined ? {} : { exceptionCode: final.exceptionCode, exceptionName: exceptionName(final.exceptionCode) };
      return { ok: false, error: final.error, ...ex, ...raw(reqHex, replyHex) };
    } catch (e) {
      return { ok: false, error: 'portError', message: errorText(e), ...raw(reqHex, toHex(parser.bytes)) };
    } finally {
      if (this.#gapMs > 0) await sleep(this.#gapMs);
    }
  }
}
