/**
 * The tablet's sync engine: one `sync()` is a pull, then a push (sync-protocol.md).
 *
 * Why pull first: a pulled value that beats an edit still in the outbox is detected as a
 * concurrent loss on this tablet (merge.ts, case (a)) before the edit leaves; the push after it
 * then carries only our edits, and our echoes arrive with the next pull as no-ops.
 *
 * Invariants:
 * - nothing is ever deleted locally on a failure: the outbox drains only on the server's
 *   per-mutation answer (push.ts), the cursor moves only with its page (pull.ts);
 * - 401/403 stops the run with the outbox intact (`unauthorized`); a network failure is
 *   `offline`, anything else `error` — the caller (state/sync.svelte.ts) retries with backoff;
 * - each successful reply's `serverTime` updates the clock offset (clamped, transport.ts), so
 *   the HLC's physical time follows the server rather than this tablet's clock (rule 5);
 * - the engine holds no state between runs: everything it needs is in Dexie, so a killed tab
 *   or a second tab resumes where the last run stopped.
 */
import type { AssetWalkDB } from '$lib/db/schema';
import { nodeId } from '$lib/db/writer';
import { pullChanges, type PullOutcome } from './pull';
import { pushOutbox, rejectedEntries, type PushOutcome } from './push';
import { measureOffset, type Reply, type Timing, type Transport } from './transport';

export type SyncStatus = 'ok' | 'offline' | 'unauthorized' | 'upgrade' | 'error';

export interface SyncOutcome {
  status: SyncStatus;
  pulled: number;
  pushed: number;
  rejected: number;
  conflicts: number;
  /** Outbox entries still waiting. */
  pending: number;
  message?: string;
}

export interface EngineOptions {
  db: AssetWalkDB;
  transport: Transport;
  /** Physical time for the HLC: Date.now() + the current clock offset. */
  physicalNow: () => number;
  /** Receives each new offset measurement (the app stores it in settings.clockOffsetMs). */
  setClockOffset?: (ms: number) => void;
  pushBatch?: number;
  pullPage?: number;
  /** Test hook: runs after each pull page commits. */
  afterPullPage?: Parameters<typeof pullChanges>[2]['afterPage'];
  /** Test hook: the tables an older app version knew. */
  knownTables?: ReadonlySet<string>;
}

function statusOf(reply: Exclude<Reply<unknown>, { kind: 'ok' }>): { status: SyncStatus; message: string } {
  switch (reply.kind) {
    case 'network': return { status: 'offline', message: reply.error };
    case 'unauthorized': return { status: 'unauthorized', message: `HTTP ${reply.status}` };
    case 'upgrade': return { status: 'upgrade', message: 'HTTP 426' };
    case 'server': return { status: 'error', message: `HTTP ${reply.status}` };
    case 'too-large': return { status: 'error', message: 'HTTP 413' };
    case 'invalid': return { status: 'error', message: `HTTP ${reply.status}` };
    case 'gone': return { status: 'error', message: 'HTTP 410' };
  }
}

export class SyncEngine {
  constructor(private readonly o: EngineOptions) {}

  async sync(): Promise<SyncOutcome> {
    const { db } = this.o;
    await nodeId(db); // the pull merges against our node id; make sure it exists
    const out: SyncOutcome = { status: 'ok', pulled: 0, pushed: 0, rejected: 0, conflicts: 0, pending: 0 };

    const pulled: PullOutcome = await pullChanges(db, this.o.transport, {
      pageSize: this.o.pullPage, physicalNow: this.o.physicalNow, afterPage: this.o.afterPullPage, knownTables: this.o.knownTables, onTiming: (t) => this.adopt(t)
    });
    out.pulled = pulled.rows;
    out.conflicts = pulled.conflicts;
    if (pulled.kind === 'stop') return this.finish(out, pulled.reply);

    const pushed: PushOutcome = await pushOutbox(db, this.o.transport, this.o.pushBatch);
    out.pushed = pushed.pushed;
    out.rejected = pushed.rejected;
    this.adopt(pushed.timing);
    if (pushed.kind === 'stop') return this.finish(out, pushed.reply);
    return this.finish(out, null);
  }

  /** Outbox entries waiting, and entries the server refused (kept for display). */
  async counts(): Promise<{ pending: number; rejected: number }> {
    return { pending: await this.o.db.outbox.count(), rejected: (await rejectedEntries(this.o.db)).length };
  }

  private adopt(t: Timing | null) {
    if (!t || !this.o.setClockOffset) return;
    const offset = measureOffset(t);
    if (offset !== null) this.o.setClockOffset(offset);
  }

  private async finish(out: SyncOutcome, stop: Exclude<Reply<unknown>, { kind: 'ok' }> | null): Promise<SyncOutcome> {
    out.pending = await this.o.db.outbox.count();
    if (stop) Object.assign(out, statusOf(stop));
    return out;
  }
}
