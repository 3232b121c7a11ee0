/**
 * The scan bus: sources emit, one handler takes. Handlers form a stack: the latest claim wins
 * (a running room audit, a "scan into this field" dialog), and the app's default handler (open
 * the device) sits at the bottom. A handler releases its claim when its component unmounts.
 */
import type { ScanEvent, ScanHandler, ScanSource } from './types';

export const SCAN_MARK = 'assetwalk:scan';

export class ScanBus {
  #stack: ScanHandler[] = [];
  #fallback: ScanHandler | null = null;
  #last: ScanEvent | null = null;

  /** The handler used when nobody has claimed the scanner. */
  setDefault(h: ScanHandler | null): void {
    this.#fallback = h;
  }

  /** Claims scans until the returned function is called. */
  claim(h: ScanHandler): () => void {
    this.#stack.push(h);
    return () => {
      const i = this.#stack.lastIndexOf(h);
      if (i >= 0) this.#stack.splice(i, 1);
    };
  }

  get claimed(): boolean {
    return this.#stack.length > 0;
  }

  get last(): ScanEvent | null {
    return this.#last;
  }

  emit(text: string, source: ScanSource, format?: string): void {
    const e: ScanEvent = { text, source, at: typeof performance !== 'undefined' ? performance.now() : Date.now(), ...(format ? { format } : {}) };
    this.#last = e;
    // A user-timing mark: the benchmark measures from here to the rendered record.
    if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(SCAN_MARK, { detail: { text, source } });
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      if (this.#stack[i]!(e) !== false) return;
    }
    this.#fallback?.(e);
  }
}

/** The app's bus. */
export const scanBus = new ScanBus();
