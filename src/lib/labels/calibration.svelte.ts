// Per-printer calibration, kept on this tablet (localStorage): printers differ by up to ~0.8 mm.
import { NO_CALIBRATION, validCalibration, type Calibration } from '$lib/domain/labels/job';
import { Persisted } from '$lib/state/persisted.svelte';

class Calibrations {
  #all = new Persisted<Record<string, Calibration>>('assetwalk.labels.calibration', {});
  #printer = new Persisted<string>('assetwalk.labels.printer', '');

  get printers(): string[] { return Object.keys(this.#all.current).sort(); }
  get printer(): string { return this.#printer.current; }
  set printer(name: string) { this.#printer.current = name.trim(); }

  /** The calibration of the chosen printer (none when unknown). */
  get current(): Calibration { return this.#all.current[this.printer] ?? NO_CALIBRATION; }

  save(name: string, c: Calibration): boolean {
    const key = name.trim();
    if (!key || !validCalibration(c)) return false;
    this.#all.current = { ...this.#all.current, [key]: { dx: c.dx, dy: c.dy, sx: c.sx, sy: c.sy } };
    this.#printer.current = key;
    return true;
  }

  remove(name: string): void {
    const { [name]: _, ...rest } = this.#all.current;
    this.#all.current = rest;
    if (this.printer === name) this.#printer.current = '';
  }
}

export const calibrations = new Calibrations();
