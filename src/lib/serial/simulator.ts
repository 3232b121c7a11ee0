/**
 * The simulated AIM-M10 behind two faces:
 * - `SimulatedPort`: a SerialPortLike, for unit tests of the master and poller;
 * - `createSimulatedSerial(sim)`: an object shaped like `navigator.serial` whose ports implement
 *   the Web Serial subset (open/close, readable ReadableStream, writable WritableStream), so the real
 *   WebSerialAdapter runs against it unchanged, in Node tests or injected into a browser page.
 * Opening with line settings that differ from the device's gives silence, as a wrong baud rate does.
 */
import { ChunkQueue, type SerialOpenOptions, type SerialPortLike } from './port';
import { scheduleReply, SimulatedAimM10 } from './sim-device';
import type { WebSerial, WebSerialOpenOptions, WebSerialPort, WebSerialPortInfo } from './webserial';

export { SimulatedAimM10, SIM_REGISTER_COUNT, type AimFaultFlags, type SimFault, type SimOptions, type SimReply } from './sim-device';
export { SimulatedCom462Rtu, type SimBenderChannel } from './sim-com462';

function lineMatches(sim: SimulatedAimM10, o: { baudRate: number; parity?: string; stopBits?: number }): boolean {
  return o.baudRate === sim.baudRate && (o.parity ?? 'none') === sim.parity && (o.stopBits ?? 1) === sim.stopBits;
}

export class SimulatedPort implements SerialPortLike {
  readonly sim: SimulatedAimM10;
  readonly #queue = new ChunkQueue();
  #open = false;
  #lineOk = false;

  constructor(sim: SimulatedAimM10) {
    this.sim = sim;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  open(o: SerialOpenOptions): Promise<void> {
    this.#open = true;
    this.#lineOk = lineMatches(this.sim, o);
    this.#queue.reopen();
    return Promise.resolve();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new Error('port is not open'));
    if (this.#lineOk) scheduleReply(this.sim, bytes.slice(), (c) => this.#queue.push(c));
    else this.sim.requests.push('(line settings mismatch)');
    return Promise.resolve();
  }

  read(timeoutMs: number): Promise<Uint8Array | null> {
    return this.#queue.take(timeoutMs);
  }

  close(): Promise<void> {
    this.#open = false;
    this.#queue.close();
    return Promise.resolve();
  }
}

const invalidState = (msg: string) => new DOMException(msg, 'InvalidStateError');

export class SimulatedWebSerialPort implements WebSerialPort {
  readonly sim: SimulatedAimM10;
  #opened = false;
  #lineOk = false;
  #readable: ReadableStream<Uint8Array> | null = null;
  #controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  #writable: WritableStream<Uint8Array> | null = null;
  openCount = 0;

  constructor(sim: SimulatedAimM10) {
    this.sim = sim;
  }

  getInfo(): WebSerialPortInfo {
    return { usbVendorId: 0x1a86, usbProductId: 0x7523 }; // a CH340 USB–RS-485 dongle
  }

  /** Like Web Serial: a fresh stream after the previous one was cancelled or errored; null when closed. */
  get readable(): ReadableStream<Uint8Array> | null {
    if (!this.#opened) return null;
    this.#readable ??= new ReadableStream<Uint8Array>({
      start: (c) => { this.#controller = c; },
      cancel: () => { this.#readable = null; this.#controller = null; }
    });
    return this.#readable;
  }

  get writable(): WritableStream<Uint8Array> | null {
    if (!this.#opened) return null;
    this.#writable ??= new WritableStream<Uint8Array>({
      write: (chunk) => {
        if (this.#lineOk) scheduleReply(this.sim, chunk.slice(), (c) => this.#deliver(c));
        else this.sim.requests.push('(line settings mismatch)');
      }
    });
    return this.#writable;
  }

  open(o: WebSerialOpenOptions): Promise<void> {
    if (this.#opened) return Promise.reject(invalidState('The port is already open.'));
    this.#opened = true;
    this.#lineOk = lineMatches(this.sim, o) && (o.dataBits ?? 8) === 8;
    this.openCount++;
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (!this.#opened) return Promise.reject(invalidState('The port is already closed.'));
    if (this.#readable?.locked || this.#writable?.locked) return Promise.reject(new TypeError('Cannot close a port with locked streams.'));
    this.#opened = false;
    try { this.#controller?.close(); } catch { /* already closed */ }
    this.#readable = null;
    this.#controller = null;
    this.#writable = null;
    return Promise.resolve();
  }

  /** A parity/framing error on the line: the current readable errors; the next one works again. */
  lineError(): void {
    this.#controller?.error(new DOMException('A parity error was detected.', 'ParityError'));
    this.#readable = null;
    this.#controller = null;
  }

  #deliver(chunk: Uint8Array): void {
    try { this.#controller?.enqueue(chunk); } catch { /* stream closed meanwhile */ }
  }
}

export interface SimulatedSerial extends WebSerial {
  readonly port: SimulatedWebSerialPort;
}

/** An object shaped like `navigator.serial` with one port wired to `sim`. */
export function createSimulatedSerial(sim: SimulatedAimM10): SimulatedSerial {
  const port = new SimulatedWebSerialPort(sim);
  return {
    port,
    requestPort: () => Promise.resolve(port),
    getPorts: () => Promise.resolve([port])
  };
}

/**
 * Puts a simulated `navigator.serial` on `nav` (a browser's navigator in an end-to-end test, or any
 * object), so the app's own `getWebSerial()` finds it. Returns it for driving the device.
 */
export function installSimulatedSerial(sim: SimulatedAimM10, nav: object | undefined = globalThis.navigator): SimulatedSerial {
  const serial = createSimulatedSerial(sim);
  if (nav) Object.defineProperty(nav, 'serial', { value: serial, configurable: true });
  return serial;
}
