/**
 * The app's sync state (rune singleton) and scheduler around SyncEngine.
 *
 * When a run starts: on `syncNow()`, on start, when the browser comes back online, every
 * INTERVAL_MS, and DEBOUNCE_MS after the outbox grows (a local write). Runs never overlap: a
 * request during a run is coalesced into one more run after it; across tabs the Web Locks API
 * serialises them (each run is safe on its own anyway: push is idempotent, pull pages atomic).
 * Failures back off exponentially (offline, 5xx) up to MAX_BACKOFF_MS; `unauthorized` waits
 * for a new token instead of retrying, so a revoked tablet does not hammer the server.
 */
import { liveQuery, type Subscription } from 'dexie';
import { db } from '$lib/db/index';
import { SyncEngine, type SyncOutcome } from '$lib/sync/engine';
import { httpTransport } from '$lib/sync/transport';
import { accessToken, chosenTenants, session, sessionReady, syncServer } from '$lib/sync/session.svelte';
import { REJECTED_KEY, type RejectedEntry } from '$lib/sync/push';
import { blobTransport } from '$lib/attachments/app';
import { syncView, type SyncRun, type SyncView } from '$lib/sync/status';
import { connectivity } from './connectivity.svelte';
import { Persisted } from './persisted.svelte';
import { settings } from './settings.svelte';

export type SyncUiStatus = SyncRun;

const INTERVAL_MS = 60_000;
const DEBOUNCE_MS = 3_000;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;

class SyncState {
  status = $state<SyncUiStatus>('idle');
  /** Outbox entries not yet acknowledged. */
  pending = $state(0);
  /** Edits the server refused (kept in meta, see push.ts). */
  rejected = $state(0);
  message = $state<string | null>(null);
  /** The message of the last failed run, kept until a run succeeds (shown in words). */
  lastError = $state<string | null>(null);
  #lastSynced = new Persisted<number | null>('assetwalk.lastSyncedAt', null);

  // With an account session: its server, its access token and the chosen client companies, one
  // by one (engine.ts); without one, the legacy single-tenant token from Settings.
  #engine = new SyncEngine({
    db,
    transport: httpTransport({
      baseUrl: () => (session.current ? syncServer() : ''),
      token: () => (session.current ? accessToken() : settings.serverToken),
      refresh: (rejected) => (session.current ? accessToken(rejected) : Promise.resolve(null))
    }),
    tenants: () => (session.current ? chosenTenants() : null),
    legacyTenant: () => settings.tenantId,
    physicalNow: () => Date.now() + settings.clockOffsetMs,
    setClockOffset: (ms) => (settings.clockOffsetMs = ms),
    blobs: blobTransport,
    serverConflicts: true
  });
  #running: Promise<void> | null = null;
  #again = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #deniedToken: string | null = null;
  #started = 0;

  get lastSyncedAt(): number | null {
    return this.#lastSynced.current;
  }

  /** What the indicator says: one state in words (sync/status.ts has the precedence). */
  view(formatTime: (ms: number) => string): SyncView {
    return syncView(
      { run: this.status, online: connectivity.online, pending: this.pending, refused: this.rejected, lastSyncedAt: this.lastSyncedAt, lastError: this.lastError },
      formatTime
    );
  }

  /** A new token from Settings: stored, and used at once. */
  setToken(token: string): void {
    settings.serverToken = token;
    void this.syncNow();
  }

  /** Runs a sync now (or right after the one running); resolves when it is done. */
  syncNow(): Promise<void> {
    this.#deniedToken = null;
    return this.#request();
  }

  #request(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => (this.#running = null));
    return this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#once();
    } while (this.#again);
  }

  async #once(): Promise<void> {
    this.#clearTimer();
    await sessionReady(); // the stored session is read before the first run decides anything
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      this.status = 'offline';
      return;
    }
    if (!session.current && (!settings.serverToken || settings.serverToken === this.#deniedToken)) {
      this.status = 'unauthorized';
      this.#schedule(INTERVAL_MS); // looks again; a new token also starts a run at once (setToken)
      return;
    }
    this.status = 'syncing';
    let out: SyncOutcome;
    try {
      const run = () => this.#engine.sync();
      out = typeof navigator !== 'undefined' && navigator.locks ? await navigator.locks.request('assetwalk-sync', run) : await run();
    } catch (err) {
      out = { status: 'error', pulled: 0, pushed: 0, rejected: 0, conflicts: 0, pending: this.pending, message: err instanceof Error ? err.message : String(err) };
    }
    this.pending = out.pending;
    this.rejected = await this.#engine.counts().then((c) => c.rejected, () => this.rejected);
    this.message = out.message ?? null;
    if (out.status !== 'ok') this.lastError = out.message ?? out.status;
    if (out.status === 'ok') {
      this.lastError = null;
      this.#failures = 0;
      this.#lastSynced.current = Date.now();
      this.status = 'idle';
      this.#schedule(INTERVAL_MS);
    } else if (out.status === 'unauthorized') {
      this.#deniedToken = settings.serverToken;
      this.status = 'unauthorized';
      this.#schedule(INTERVAL_MS); // sends nothing until the token changes (see the check above)
    } else {
      this.status = out.status === 'offline' ? 'offline' : 'error';
      this.#failures++;
      const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (this.#failures - 1));
      this.#schedule(backoff * (0.75 + Math.random() / 2)); // jitter: tablets on one site don't retry in step
    }
  }

  #schedule(ms: number) {
    this.#clearTimer();
    this.#timer = setTimeout(() => void this.#request(), ms);
  }

  #clearTimer() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /**
   * Starts automatic sync; returns the stop function. Reference-counted, so several mounted
   * status controls share one scheduler.
   */
  start(): () => void {
    if (this.#started++ > 0) return () => this.#stop();
    const online = () => {
      this.#failures = 0;
      void this.#request();
    };
    const offline = () => (this.status = 'offline');
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    let last = -1;
    let debounce: ReturnType<typeof setTimeout> | null = null;
    const sub: Subscription = liveQuery(() => db.outbox.count()).subscribe({
      next: (n) => {
        this.pending = n;
        // Only growth is a local write; shrinking is our own push draining it.
        if (last >= 0 && n > last) {
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(() => void this.#request(), DEBOUNCE_MS);
        }
        last = n;
      },
      error: () => {}
    });
    // Refused entries are counted from the start, not only after a run: a tablet without a token
    // (or offline) must still say that the server refused some of its changes.
    const refused: Subscription = liveQuery(() => db.meta.get(REJECTED_KEY)).subscribe({
      next: (row) => (this.rejected = ((row?.value as RejectedEntry[] | undefined) ?? []).length),
      error: () => {}
    });
    void this.#request();
    this.#teardown = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      sub.unsubscribe();
      refused.unsubscribe();
      if (debounce) clearTimeout(debounce);
      this.#clearTimer();
    };
    return () => this.#stop();
  }

  #teardown: (() => void) | null = null;

  #stop() {
    if (--this.#started > 0) return;
    this.#teardown?.();
    this.#teardown = null;
  }
}

export const sync = new SyncState();
