/**
 * The serial-port contract every transport implements: the Web Serial adapter, the simulator,
 * and whatever a test needs. Deliberately small and pull-based: `read(timeoutMs)` hands back the
 * next chunk or null when nothing arrived in time, so the Modbus master alone decides framing and
 * timing (expected length, ~50 ms idle, overall timeout) once, for every transport.
 */
import type { Parity } from '../domain/isolation/panel';

export interface SerialOpenOptions {
  baudRate: number;
  dataBits: 8;
  parity: Parity;
  stopBits: 1 | 2;
}

export interface SerialPortLike {
  readonly isOpen: boolean;
  open(options: SerialOpenOptions): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** The next received chunk; null when none arrives within timeoutMs (0: only what is buffered) or the port is closed. */
  read(timeoutMs: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

/**
 * Received chunks waiting to be read, with a timed take. One reader at a time (the master
 * serialises its transactions); a second take while one waits resolves the first with null.
 */
export class ChunkQueue {
  #chunks: Uint8Array[] = [];
  #waiter: ((c: Uint8Array | null) => void) | null = null;
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  push(chunk: Uint8Array): void {
    if (this.#closed || chunk.length === 0) return;
    const w = this.#waiter;
    if (w) w(chunk);
    else this.#chunks.push(chunk);
  }

  take(timeoutMs: number): Promise<Uint8Array | null> {
    const ready = this.#chunks.shift();
    if (ready) return Promise.resolve(ready);
    this.#waiter?.(null);
    if (this.#closed || timeoutMs <= 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (c: Uint8Array | null) => {
        clearTimeout(timer);
        if (this.#waiter === finish) this.#waiter = null;
        resolve(c);
      };
      this.#waiter = finish;
    });
  }

  clear(): void {
    this.#chunks = [];
  }

  reopen(): void {
    this.#closed = false;
    this.#chunks = [];
  }

  close(): void {
    this.#closed = true;
    this.#chunks = [];
    this.#waiter?.(null);
  }
}

export type OpenError = 'alreadyOpen' | 'busy' | 'failed';
export type OpenResult = { ok: true } | { ok: false; error: OpenError; message: string };

/**
 * Opens a port and reports failure as data. Chromium says NetworkError when another program
 * (or tab) holds the port, InvalidStateError when this one is already open.
 */
export async function openPort(port: SerialPortLike, options: SerialOpenOptions): Promise<OpenResult> {
  try {
    await port.open(options);
    return { ok: true };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    const message = e instanceof Error ? e.message : String(e);
    if (name === 'InvalidStateError') return { ok: false, error: 'alreadyOpen', message };
    if (name === 'NetworkError') return { ok: false, error: 'busy', message };
    return { ok: false, error: 'failed', message };
  }
}
