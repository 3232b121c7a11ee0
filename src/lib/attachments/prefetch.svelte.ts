/**
 * The app's background download of originals (Settings › Photos and files): started once by the
 * layout, it runs prefetchOriginals (prefetch.ts) for the client company being worked on whenever
 * there may be something to do — at start, after each successful sync, when the tablet comes
 * online or its connection changes, when the setting is turned on — one pass at a time and in one
 * tab at a time (Web Locks). It is no part of the sync run: sync never waits for it, and it waits
 * for a sync run before each range. Its last outcome is shown in Settings.
 */
import { untrack } from 'svelte';
import { db } from '$lib/db/index';
import { prefetchBlock, type NetworkState, type PrefetchBlock } from '$lib/domain/attachments/prefetch';
import { settings } from '$lib/state/settings.svelte';
import { sync } from '$lib/state/sync.svelte';
import { session } from '$lib/sync/session.svelte';
import { blobTransport } from './app';
import { prefetchOriginals, type PrefetchOutcome } from './prefetch';

/** NetworkInformation, where the browser has it (Chromium; not Safari or Firefox). */
interface ConnectionLike extends EventTarget {
  saveData?: boolean;
  type?: string;
  metered?: boolean;
}
const connection = (): ConnectionLike | undefined => (navigator as Navigator & { connection?: ConnectionLike }).connection;

function network(): NetworkState {
  const c = connection();
  return { online: navigator.onLine, saveData: c?.saveData, type: c?.type, metered: c?.metered };
}

export type PrefetchState = { kind: 'idle' } | { kind: 'waiting'; reason: PrefetchBlock } | { kind: 'running'; downloaded: number; left: number } | PrefetchOutcome;

const SYNC_POLL_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class OriginalsPrefetch {
  state = $state<PrefetchState>({ kind: 'idle' });
  #running = false;
  #again = false;
  #started = 0;
  #teardown: (() => void) | null = null;

  /** Runs a pass now, or one more after the pass under way. */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    void this.#loop().finally(() => (this.#running = false));
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      await this.#pass();
    } while (this.#again);
  }

  async #pass(): Promise<void> {
    const tenantId = settings.tenantId;
    const block = prefetchBlock(settings.originals, network());
    // Without a session or a token there is no server to download from.
    if (block || !tenantId || (!session.current && !settings.serverToken)) {
      this.state = block && block !== 'off' ? { kind: 'waiting', reason: block } : { kind: 'idle' };
      return;
    }
    const run = () =>
      prefetchOriginals({
        db,
        transport: blobTransport,
        tenantId,
        blocked: () => (settings.tenantId !== tenantId ? 'off' : prefetchBlock(settings.originals, network())),
        estimate: async () => {
          const e = await navigator.storage?.estimate?.();
          return { usage: e?.usage ?? null, quota: e?.quota ?? null };
        },
        idle: async () => {
          while (sync.status === 'syncing') await sleep(SYNC_POLL_MS);
        },
        onProgress: (downloaded, left) => (this.state = { kind: 'running', downloaded, left })
      });
    this.state = { kind: 'running', downloaded: 0, left: 0 };
    // Another tab holding the lock is doing this already: this one leaves it to that tab.
    const out = navigator.locks ? await navigator.locks.request('assetwalk-originals', { ifAvailable: true }, (lock) => (lock ? run() : null)) : await run();
    if (!out || (out.kind === 'blocked' && out.reason === 'off')) this.state = { kind: 'idle' };
    else if (out.kind === 'blocked') this.state = { kind: 'waiting', reason: out.reason };
    else this.state = out;
  }

  /** Starts watching for work; returns the stop function (reference-counted). */
  start(): () => void {
    if (this.#started++ > 0) return () => this.#stop();
    const kick = () => this.kick();
    const stopEffects = $effect.root(() => {
      $effect(() => {
        // After each successful sync (new records may name originals), and when the choice or company changes.
        void sync.lastSyncedAt;
        void settings.originals;
        void settings.tenantId;
        untrack(kick);
      });
    });
    window.addEventListener('online', kick);
    connection()?.addEventListener('change', kick);
    this.#teardown = () => {
      stopEffects();
      window.removeEventListener('online', kick);
      connection()?.removeEventListener('change', kick);
    };
    return () => this.#stop();
  }

  #stop(): void {
    if (--this.#started > 0) return;
    this.#teardown?.();
    this.#teardown = null;
  }
}

export const originals = new OriginalsPrefetch();
