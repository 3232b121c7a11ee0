/**
 * Web Serial adapter: `navigator.serial` ports as SerialPortLike.
 *
 * A pump reads the port's ReadableStream into a ChunkQueue, so `read(timeoutMs)` can time out
 * without cancelling the stream (a cancelled reader cannot be resumed). Bytes are passed on as
 * they come, never split on CR/LF: framing is the Modbus parser's job (a CRC can be 0D 0A).
 * A non-fatal line error (parity, framing, overrun, break) errors the stream; Web Serial then
 * offers a fresh `readable`, and the pump carries on with it. The lost bytes show up as a bad CRC
 * or a truncated frame in the transaction that was waiting for them.
 *
 * The types below are the subset of the Web Serial API we use; TypeScript's DOM library does not
 * ship them, and keeping them minimal lets the simulator stand in for `navigator.serial`.
 */
import { ChunkQueue, type SerialOpenOptions, type SerialPortLike } from './port';

export interface WebSerialOpenOptions {
  baudRate: number;
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  parity?: 'none' | 'even' | 'odd';
  bufferSize?: number;
  flowControl?: 'none' | 'hardware';
}

export interface WebSerialPortInfo {
  usbVendorId?: number;
  usbProductId?: number;
}

export interface WebSerialPort {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  open(options: WebSerialOpenOptions): Promise<void>;
  close(): Promise<void>;
  getInfo?(): WebSerialPortInfo;
}

export interface WebSerial {
  requestPort(options?: { filters?: WebSerialPortInfo[] }): Promise<WebSerialPort>;
  getPorts(): Promise<WebSerialPort[]>;
}

function isWebSerial(x: unknown): x is WebSerial {
  return typeof x === 'object' && x !== null
    && typeof (x as WebSerial).requestPort === 'function' && typeof (x as WebSerial).getPorts === 'function';
}

/** `navigator.serial` when this browser has it (Chromium desktop, secure context), else null. */
export function getWebSerial(nav: unknown = globalThis.navigator): WebSerial | null {
  if (typeof nav !== 'object' || nav === null || !('serial' in nav)) return null;
  const serial = (nav as { serial: unknown }).serial;
  return isWebSerial(serial) ? serial : null;
}

export function hasWebSerial(nav?: unknown): boolean {
  return getWebSerial(nav === undefined ? globalThis.navigator : nav) !== null;
}

export type PortRequestError = 'unsupported' | 'cancelled' | 'denied' | 'failed';
export type PortRequest = { ok: true; port: WebSerialAdapter } | { ok: false; error: PortRequestError; message?: string };

/** Asks the user to pick a port (must run in a user gesture). A dismissed dialog is 'cancelled'. */
export async function requestSerialPort(serial: WebSerial | null = getWebSerial(), filters?: WebSerialPortInfo[]): Promise<PortRequest> {
  if (!serial) return { ok: false, error: 'unsupported' };
  try {
    const port = await serial.requestPort(filters ? { filters } : undefined);
    return { ok: true, port: new WebSerialAdapter(port) };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'NotFoundError' || name === 'AbortError') return { ok: false, error: 'cancelled' };
    if (name === 'SecurityError' || name === 'NotAllowedError') return { ok: false, error: 'denied', message: String(e) };
    return { ok: false, error: 'failed', message: String(e) };
  }
}

export class WebSerialAdapter implements SerialPortLike {
  readonly raw: WebSerialPort;
  readonly #queue = new ChunkQueue();
  #writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  #reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  #pump: Promise<void> | null = null;
  #open = false;
  /** Non-fatal line errors seen since open (parity, framing, overrun, break). */
  lineErrors = 0;

  constructor(port: WebSerialPort) {
    this.raw = port;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async open(o: SerialOpenOptions): Promise<void> {
    if (this.#open) return;
    await this.raw.open({ baudRate: o.baudRate, dataBits: 8, parity: o.parity, stopBits: o.stopBits, flowControl: 'none', bufferSize: 4096 });
    const writable = this.raw.writable;
    if (!writable) throw new Error('port opened without a writable stream');
    this.#writer = writable.getWriter();
    this.#queue.reopen();
    this.lineErrors = 0;
    this.#open = true;
    this.#pump = this.#runPump();
  }

  async #runPump(): Promise<void> {
    while (this.#open) {
      const readable = this.raw.readable;
      if (!readable) break; // fatal: the device is gone
      const reader = readable.getReader();
      this.#reader = reader;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value) this.#queue.push(value);
        }
      } catch {
        if (this.#open) this.lineErrors++;
      } finally {
        reader.releaseLock();
        this.#reader = null;
      }
    }
    this.#open = false;
    this.#queue.close();
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.#writer) throw new Error('port is not open');
    await this.#writer.write(bytes);
  }

  read(timeoutMs: number): Promise<Uint8Array | null> {
    return this.#queue.take(timeoutMs);
  }

  async close(): Promise<void> {
    if (!this.#open && !this.#pump) return;
    this.#open = false;
    await this.#reader?.cancel().catch(() => undefined);
    await this.#pump;
    this.#pump = null;
    this.#writer?.releaseLock();
    this.#writer = null;
    this.#queue.close();
    // A port whose device was unplugged may refuse to close; there is nothing left to release.
    await this.raw.close().catch(() => undefined);
  }
}
