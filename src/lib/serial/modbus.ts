/**
 * Modbus RTU framing for the read functions 03 (holding) and 04 (input registers).
 *
 * Request:  addr fc startHi startLo qtyHi qtyLo crcLo crcHi            (qty 1–125)
 * Reply:    addr fc byteCount word… crcLo crcHi                          (5 + 2·qty bytes)
 * Exception: addr fc|0x80 code crcLo crcHi                               (5 bytes)
 *
 * The reply parser is incremental: bytes arrive in arbitrary chunks (a USB adapter splits them
 * anywhere), and the frame length comes from the frame's own header, never from a delimiter:
 *   fc has bit 7 set  → 5 bytes;  fc is 03/04 → 5 + byteCount;  anything else → unknown until idle.
 * Nothing splits on CR/LF: a CRC may well be 0D 0A (test vector V6).
 * Once the length is reached the frame is judged, in this order: CRC (a bad CRC makes every other
 * byte untrustworthy) → slave address → exception for our function → other function → byte count.
 * `finish()` is called when the line went idle or the time ran out: no bytes = timeout, too few = truncated.
 */
import { hasValidCrc, withCrc } from './crc';

export type ReadFunction = 0x03 | 0x04;
export const MAX_READ_QTY = 125;
export const MAX_FRAME = 256;

export const EXCEPTION_NAMES: Record<number, string> = {
  1: 'illegalFunction',
  2: 'illegalDataAddress',
  3: 'illegalDataValue',
  4: 'serverDeviceFailure',
  5: 'acknowledge',
  6: 'serverDeviceBusy',
  8: 'memoryParityError',
  10: 'gatewayPathUnavailable',
  11: 'gatewayTargetFailedToRespond'
};

export function exceptionName(code: number): string {
  return EXCEPTION_NAMES[code] ?? 'unknownException';
}

export type RequestError = 'badSlave' | 'badFunction' | 'badQuantity' | 'badAddress';

export function buildFrame(slave: number, fc: number, data: readonly number[]): Uint8Array {
  return withCrc(Uint8Array.from([slave & 0xff, fc & 0xff, ...data.map((b) => b & 0xff)]));
}

export function buildReadRequest(slave: number, fc: number, start: number, qty: number):
  { ok: true; frame: Uint8Array; fc: ReadFunction } | { ok: false; error: RequestError } {
  if (!Number.isInteger(slave) || slave < 1 || slave > 247) return { ok: false, error: 'badSlave' };
  if (fc !== 0x03 && fc !== 0x04) return { ok: false, error: 'badFunction' };
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_READ_QTY) return { ok: false, error: 'badQuantity' };
  if (!Number.isInteger(start) || start < 0 || start + qty - 1 > 0xffff) return { ok: false, error: 'badAddress' };
  return { ok: true, fc, frame: buildFrame(slave, fc, [start >> 8, start, qty >> 8, qty]) };
}

export function expectedReplyLength(qty: number): number {
  return 5 + 2 * qty;
}

export type FrameError = 'crc' | 'wrongSlave' | 'wrongFunction' | 'wrongLength' | 'exception' | 'truncated' | 'timeout';

export type ParseState =
  | { status: 'incomplete'; received: number; expected: number | null }
  | { status: 'ok'; words: number[]; frame: Uint8Array }
  | { status: 'error'; error: FrameError; frame: Uint8Array; exceptionCode?: number };
export type FinalState = Exclude<ParseState, { status: 'incomplete' }>;

export interface ReplyExpectation {
  slave: number;
  fc: ReadFunction;
  qty: number;
}

export class ReplyParser {
  #buf = new Uint8Array(MAX_FRAME);
  #n = 0;
  #final: FinalState | null = null;
  readonly #expect: ReplyExpectation;

  constructor(expect: ReplyExpectation) {
    this.#expect = expect;
  }

  get bytes(): Uint8Array {
    return this.#buf.slice(0, this.#n);
  }

  get received(): number {
    return this.#n;
  }

  get done(): boolean {
    return this.#final !== null;
  }

  /** Adds bytes; once a frame is complete, later bytes are ignored and the same result returns. */
  push(chunk: Uint8Array): ParseState {
    if (this.#final) return this.#final;
    const take = Math.min(chunk.length, MAX_FRAME - this.#n);
    this.#buf.set(chunk.subarray(0, take), this.#n);
    this.#n += take;
    const expected = this.#expectedLength();
    if (expected !== null && this.#n >= expected) return (this.#final = this.#judge(this.#buf.slice(0, expected)));
    if (this.#n >= MAX_FRAME) return this.finish();
    return { status: 'incomplete', received: this.#n, expected };
  }

  /** The line went idle or the time is up: judge what arrived. */
  finish(): FinalState {
    if (this.#final) return this.#final;
    const frame = this.bytes;
    if (this.#n === 0) return (this.#final = { status: 'error', error: 'timeout', frame });
    const expected = this.#expectedLength();
    // Unknown length (odd function code): a frame with a good CRC can still be named precisely.
    if (expected === null && hasValidCrc(frame)) return (this.#final = this.#judge(frame));
    return (this.#final = { status: 'error', error: 'truncated', frame });
  }

  #expectedLength(): number | null {
    if (this.#n < 2) return null;
    const fc = this.#buf[1] ?? 0;
    if (fc & 0x80) return 5;
    if (fc === 0x03 || fc === 0x04) return this.#n >= 3 ? 5 + (this.#buf[2] ?? 0) : null;
    return null;
  }

  #judge(frame: Uint8Array): FinalState {
    const e = this.#expect;
    const err = (error: FrameError, exceptionCode?: number): FinalState =>
      ({ status: 'error', error, frame, ...(exceptionCode === undefined ? {} : { exceptionCode }) });
    if (!hasValidCrc(frame)) return err('crc');
    if (frame[0] !== e.slave) return err('wrongSlave');
    const fc = frame[1] ?? 0;
    if (fc === (e.fc | 0x80)) return err('exception', frame[2] ?? 0);
    if (fc !== e.fc) return err('wrongFunction');
    if (frame[2] !== 2 * e.qty) return err('wrongLength');
    const words: number[] = [];
    for (let i = 0; i < e.qty; i++) words.push(((frame[3 + 2 * i] ?? 0) << 8) | (frame[4 + 2 * i] ?? 0));
    return { status: 'ok', words, frame };
  }
}

/** One-shot parse of a complete reply (fixtures, logs). */
export function parseReply(frame: Uint8Array, expect: ReplyExpectation): FinalState {
  const p = new ReplyParser(expect);
  const s = p.push(frame);
  return s.status === 'incomplete' ? p.finish() : s;
}
