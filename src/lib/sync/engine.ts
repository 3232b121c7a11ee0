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
 *   or a second tab resumes where the last run stopped;
 * - several client companies (an account token, `tenants` given): each chosen tenant in turn
 *   is pulled with its own cursor and pushed only its own outbox entries (tenant.ts), every
 *   request naming it in the tenant header. Entries of a tenant not chosen, or whose tenant
 *   cannot be told, stay queued, never dropped. A 403 for one tenant (grant withdrawn) does not
 *   stop the others; 401, offline and 426 stop the run. Without `tenants` (a legacy token bound
 *   to one tenant) there is one pass, no header and the single cursor. The single cursor is
 *   moved once to the tenant it belonged to (migrateLegacyCursor).
 */
import type { AssetWalkDB } from '$lib/db/schema';
import { transferAfterSync, type BlobTransport } from '$lib/attachments/transfer';
import { nodeId } from '$lib/db/writer';
import { pullChanges, pullKeys, type PullOutcome } from './pull';
import { pullServerConflicts } from './serverConflicts';
import { pushOutbox, rejectedEntries, type PushOutcome, type PushScope } from './push';
import { tenantResolver } from './tenant';
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
  /**
   * The client companies to sync, in order (an account token: session.chosenTenants()); null or
   * absent with a legacy single-tenant token.
   */
  tenants?: () => readonly string[] | null | Promise<readonly string[] | null>;
  /** The tenant the single-tenant cursor belonged to (settings.tenantId), for its one-time move. */
  legacyTenant?: () => string | null;
  /** Moves attachment bytes after a successful run (src/lib/attachments/transfer.ts); none without it. */
  blobs?: BlobTransport;
  /**
   * Brings the conflicts the server recorded for the whole client company after each push
   * (serverConflicts.ts), so this tablet also shows other tablets' losses. The app turns it on;
   * off, a tablet holds only the losses its own merges saw.
   */
  serverConflicts?: boolean;
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

type Stop = Exclude<Reply<unknown>, { kind: 'ok' }>;

/**
 * The single-tenant pull state (cursor, skipped tables, resync flag) becomes that of the tenant
 * it belonged to: `legacyTenant`, else the one client company this tablet holds. When neither
 * tells, it is dropped: each tenant then pulls from 0, which is safe (merges are idempotent).
 * Never overwrites a tenant's own state.
 */
export async function migrateLegacyCursor(db: AssetWalkDB, legacyTenant: string | null): Promise<void> {
  const legacy = pullKeys(null);
  if ((await db.meta.get(legacy.cursor)) === undefined) return;
  const held = legacyTenant ? [] : await db.tenants.toCollection().primaryKeys();
  const tenant = legacyTenant ?? (held.length === 1 ? String(held[0]) : null);
  await db.transaction('rw', db.meta, async () => {
    const to = tenant === null ? null : pullKeys(tenant);
    for (const k of ['cursor', 'skipped', 'resync'] as const) {
      const row = await db.meta.get(legacy[k]);
      if (row === undefined) continue;
      if (to && (await db.meta.get(to[k])) === undefined) await db.meta.put({ key: to[k], value: row.value });
      await db.meta.delete(legacy[k]);
    }
  });
}

export class SyncEngine {
  constructor(private readonly o: EngineOptions) {}

  async sync(): Promise<SyncOutcome> {
    const { db } = this.o;
    await nodeId(db); // the pull merges against our node id; make sure it exists
    const out: SyncOutcome = { status: 'ok', pulled: 0, pushed: 0, rejected: 0, conflicts: 0, pending: 0 };
    const tenants = this.o.tenants ? await this.o.tenants() : null;
    if (tenants === null) return this.finish(out, await this.syncTenant(out, null));

    await migrateLegacyCursor(db, this.o.legacyTenant?.() ?? null);
    let first: Stop | null = null;
    for (const tenant of tenants) {
      const stop = await this.syncTenant(out, tenant);
      if (!stop) continue;
      first ??= stop;
      if (!(stop.kind === 'unauthorized' && stop.status === 403)) break; // 401, offline, 426: the others would fail alike
    }
    return this.finish(out, first);
  }

  /** One tenant's pull then push, adding to `out`; the reply that stopped it, or null. */
  private async syncTenant(out: SyncOutcome, tenant: string | null): Promise<Stop | null> {
    const { db } = this.o;
    const pulled: PullOutcome = await pullChanges(db, this.o.transport, {
      pageSize: this.o.pullPage, physicalNow: this.o.physicalNow, afterPage: this.o.afterPullPage, knownTables: this.o.knownTables, onTiming: (t) => this.adopt(t), tenant
    });
    out.pulled += pulled.rows;
    out.conflicts += pulled.conflicts;
    if (pulled.kind === 'stop') return pulled.reply;

    let scope: PushScope | undefined;
    if (tenant !== null) {
      const resolve = tenantResolver(db);
      scope = { tenant, select: async (list) => {
        const mine = [];
        for (const e of list) if ((await resolve.ofEntry(e)) === tenant) mine.push(e);
        return mine;
      } };
    }
    const pushed: PushOutcome = await pushOutbox(db, this.o.transport, this.o.pushBatch, scope);
    out.pushed += pushed.pushed;
    out.rejected += pushed.rejected;
    this.adopt(pushed.timing);
    if (pushed.kind === 'stop') return pushed.reply;
    // After the push, so losers of our own push come in this same sync.
    const feed = this.o.serverConflicts ? this.o.transport.conflicts : undefined;
    if (feed) await pullServerConflicts(db, feed, tenant);
    return null;
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

  private async finish(out: SyncOutcome, stop: Stop | null): Promise<SyncOutcome> {
    if (!stop) await transferAfterSync(this.o.db, this.o.blobs); // attachment bytes; never throws
    out.pending = await this.o.db.outbox.count();
    if (stop) Object.assign(out, statusOf(stop));
    return out;
  }
}
