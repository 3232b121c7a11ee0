/**
 * The default scan handler: look the code up and open the device; anything else (a label to
 * register, a voided label, nothing found, a rejected code) is kept in `outcome` for the global
 * dialog WedgeListener renders. Room labels start an audit of that room.
 */
import { goto } from '$app/navigation';
import { classifyScan } from '$lib/domain/scan/classify';
import { resolveScan, type ScanOutcome } from '$lib/domain/scan/resolve';
import { classifyContext, lookup } from './app';
import { feedback } from './feedback';
import type { ScanEvent, ScanSource } from './types';

export interface ShownOutcome {
  outcome: ScanOutcome;
  text: string;
  source: ScanSource;
}

export function devicePath(id: string): string {
  return `/devices/${encodeURIComponent(id)}`;
}

export function registerPath(assetNumber: string, locationId?: string | null): string {
  const location = locationId ? `&location=${encodeURIComponent(locationId)}` : '';
  return `/devices/new?asset=${encodeURIComponent(assetNumber)}${location}`;
}

export function isAccepted(o: ScanOutcome): boolean {
  return o.type === 'device' || o.type === 'unclaimed' || o.type === 'room' || o.type === 'choose';
}

class ScanSession {
  #shown = $state<ShownOutcome | null>(null);
  #busy = $state(false);

  get shown(): ShownOutcome | null {
    return this.#shown;
  }

  get busy(): boolean {
    return this.#busy;
  }

  dismiss(): void {
    this.#shown = null;
  }

  /** Resolves without acting (the /a/ route shows the result in its page). */
  async resolve(text: string): Promise<ScanOutcome> {
    return resolveScan(classifyScan(text, classifyContext()), lookup);
  }

  async handle(e: ScanEvent, opts: { replaceState?: boolean } = {}): Promise<ScanOutcome> {
    this.#busy = true;
    try {
      const outcome = await this.resolve(e.text);
      feedback(isAccepted(outcome) ? 'accept' : 'reject');
      if (outcome.type === 'device') {
        this.#shown = null;
        await goto(devicePath(outcome.device.id), { replaceState: opts.replaceState ?? false });
      } else if (outcome.type === 'room') {
        this.#shown = null;
        await goto(`/audit?room=${encodeURIComponent(outcome.locationId)}`, { replaceState: opts.replaceState ?? false });
      } else {
        this.#shown = { outcome, text: e.text, source: e.source };
      }
      return outcome;
    } finally {
      this.#busy = false;
    }
  }
}

export const scanSession = new ScanSession();
