/**
 * A running room audit on screen: the records live in IndexedDB (RoomAuditRepository), the view
 * follows them through a live query, and scans are handled one at a time in arrival order.
 */
import { Live } from '$lib/db/live.svelte';
import type { RoomAudit } from '$lib/db/roomAudits';
import { auditResultOf, type ScanVerdict } from '$lib/domain/scan/audit';
import { classifyScan } from '$lib/domain/scan/classify';
import { resolveScan } from '$lib/domain/scan/resolve';
import { classifyContext, lookup, roomAudits } from './app';
import { feedback } from './feedback';
import type { ScanEvent } from './types';

export interface LastScan {
  text: string;
  verdict: ScanVerdict | 'otherRoom' | 'thisRoom';
  name?: string;
  locationId?: string;
}

export class AuditController {
  readonly id: string;
  readonly live: Live<RoomAudit | null>;
  #last = $state<LastScan | null>(null);
  #error = $state('');
  #chain: Promise<void> = Promise.resolve();

  constructor(id: string) {
    this.id = id;
    this.live = new Live(async () => (await roomAudits.get(id)) ?? null);
  }

  get audit(): RoomAudit | undefined {
    return this.live.current ?? undefined;
  }
  /** Loaded, and no such audit on this tablet. */
  get missing(): boolean {
    return this.live.current === null;
  }
  get last(): LastScan | null {
    return this.#last;
  }
  get error(): string {
    return this.#error;
  }

  /** Queues a scan; scans are recorded strictly in the order they arrived. */
  take(e: ScanEvent): void {
    this.#chain = this.#chain.then(() => this.#scan(e)).catch((err: unknown) => {
      this.#error = err instanceof Error ? err.message : String(err);
      feedback('reject');
    });
  }

  async #scan(e: ScanEvent): Promise<void> {
    this.#error = '';
    const outcome = await resolveScan(classifyScan(e.text, classifyContext()), lookup);
    const current = await roomAudits.get(this.id);
    if (!current) throw new Error(`audit ${this.id} not found`);
    if (outcome.type === 'room') {
      const same = outcome.locationId === current.header.locationId;
      this.#last = { text: e.text, verdict: same ? 'thisRoom' : 'otherRoom', locationId: outcome.locationId };
      feedback(same ? 'accept' : 'reject');
      return;
    }
    const result = auditResultOf(outcome)!;
    const rec = await roomAudits.addScan(this.id, e.text, e.source, result);
    const after = await roomAudits.get(this.id);
    const verdict = after?.findings.verdicts[rec.id] ?? 'unknown';
    this.#last = { text: e.text, verdict, ...(result.type === 'device' ? { name: result.name || result.assetNumber } : {}) };
    feedback(verdict === 'found' ? 'accept' : verdict === 'duplicate' ? 'duplicate' : 'reject');
  }

  async moveHere(deviceId: string): Promise<void> {
    await roomAudits.moveHere(this.id, deviceId);
  }

  async finish(): Promise<void> {
    await this.#chain;
    await roomAudits.finish(this.id);
  }
}
