/**
 * Keyboard-wedge scanner detection. A USB or Bluetooth HID gun "types" the code as a burst of
 * keystrokes a few milliseconds apart and ends it with Enter; a person types 60–300 ms apart.
 * A burst is a scan when
 *  - it holds at least `minLength` characters,
 *  - no gap inside it (including the one before Enter) exceeds `maxGapMs`, and
 *  - the mean gap is at most `maxMeanGapMs`.
 * A gap longer than `maxGapMs` starts a new burst at that key, so text typed before a scan (or a
 * person's keystrokes) never becomes part of it. Modifier keys (Shift for capitals) are ignored;
 * shortcuts (Ctrl/Alt/Meta), editing keys and IME composition end a burst. Ctrl+] is the GS
 * separator (ASCII 29) that guns send inside GS1 codes.
 * Pure: the caller feeds key events with their timestamps and acts on the verdict.
 */

export interface WedgeOptions {
  minLength: number;
  maxMeanGapMs: number;
  maxGapMs: number;
}

export const DEFAULT_WEDGE: WedgeOptions = { minLength: 4, maxMeanGapMs: 30, maxGapMs: 80 };

export interface KeyIn {
  key: string;
  /** event.timeStamp (ms, monotonic). */
  time: number;
  ctrl?: boolean;
  alt?: boolean;
  meta?: boolean;
  /** KeyboardEvent.isComposing (an IME is active). */
  composing?: boolean;
}

export type WedgeVerdict =
  /** A character was buffered; `startsBurst` when it is the first of a new burst. */
  | { type: 'char'; startsBurst: boolean }
  /** Enter closed a burst that is a scan: the caller should swallow the Enter and undo the burst's typing. */
  | { type: 'scan'; text: string; startedAt: number }
  /** Nothing to do with a scan. */
  | { type: 'pass' };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'Fn', 'NumLock']);

export class WedgeDetector {
  #opts: WedgeOptions;
  #chars: string[] = [];
  #times: number[] = [];

  constructor(opts: Partial<WedgeOptions> = {}) {
    this.#opts = { ...DEFAULT_WEDGE, ...opts };
  }

  /** Characters of the burst in progress (what the listener may have to undo in a field). */
  get pending(): string {
    return this.#chars.join('');
  }

  reset(): void {
    this.#chars = [];
    this.#times = [];
  }

  push(k: KeyIn): WedgeVerdict {
    if (k.composing || k.key === 'Process') {
      this.reset();
      return { type: 'pass' };
    }
    if (MODIFIERS.has(k.key)) return { type: 'pass' };

    let ch: string | null = null;
    if (k.ctrl && !k.alt && !k.meta && k.key === ']') ch = '\u001d';
    else if (k.key.length === 1 && !k.ctrl && !k.alt && !k.meta) ch = k.key;

    if (ch !== null) {
      const last = this.#times[this.#times.length - 1];
      if (last !== undefined && k.time - last > this.#opts.maxGapMs) this.reset();
      this.#chars.push(ch);
      this.#times.push(k.time);
      return { type: 'char', startsBurst: this.#chars.length === 1 };
    }

    if (k.key === 'Enter' && !k.ctrl && !k.alt && !k.meta) {
      const verdict = this.#judge(k.time);
      this.reset();
      return verdict;
    }
    this.reset();
    return { type: 'pass' };
  }

  #judge(enterTime: number): WedgeVerdict {
    const n = this.#chars.length;
    const first = this.#times[0];
    if (n < this.#opts.minLength || first === undefined) return { type: 'pass' };
    const times = [...this.#times, enterTime];
    let max = 0;
    for (let i = 1; i < times.length; i++) max = Math.max(max, times[i]! - times[i - 1]!);
    const mean = (enterTime - first) / n;
    if (max > this.#opts.maxGapMs || mean > this.#opts.maxMeanGapMs) return { type: 'pass' };
    return { type: 'scan', text: this.#chars.join(''), startedAt: first };
  }
}

/** What had focus when a burst began (read from the DOM by the listener). */
export interface FocusInfo {
  /** Lower-case tag name: "input", "textarea", … */
  tag: string;
  /** The input's type attribute (lower case; "" or absent means text). */
  type?: string;
  readOnly?: boolean;
  disabled?: boolean;
  contentEditable?: boolean;
}

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number']);

/**
 * Where a gun's scan goes. A focused text field the technician can type into gets the text as
 * typed (they put the cursor in the serial field to scan the serial into it); anything else —
 * no focus, a button, a checkbox, a select, a read-only field — means "look this code up".
 */
export function wedgeRoute(focus: FocusInfo | null): 'field' | 'lookup' {
  if (!focus || focus.disabled || focus.readOnly) return 'lookup';
  if (focus.contentEditable) return 'field';
  if (focus.tag === 'textarea') return 'field';
  if (focus.tag === 'input') return TEXT_INPUT_TYPES.has((focus.type ?? '').toLowerCase()) ? 'field' : 'lookup';
  return 'lookup';
}
