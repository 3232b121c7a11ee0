/**
 * The tablet's account session as app state, and the interface the sync engine uses:
 *
 *   session            reactive: server address, user, grants, chosen client companies, ended notice
 *   accessToken(rej?)  a valid access token or null (no session); refreshed within a minute of
 *                      expiry, or after a 401 when the refused token is passed (single-flight)
 *   chosenTenants()    the client companies to sync (granted and ticked in Settings)
 *   syncServer()       the server address sync requests go to ('' = same origin)
 *   sessionReady()     resolves once the stored session was read (await it before the first run)
 *
 * The state mirrors Dexie `meta` through a liveQuery, so a login, refresh or logout in another tab
 * shows here too. The logic lives in accounts/keeper.ts (tested in Node against the real server).
 */
import { liveQuery } from 'dexie';
import { db } from '$lib/db/index';
import { ENDED_KEY, SESSION_KEY, SessionKeeper, stillGranted, type EndedSession, type StoredSession } from '$lib/accounts/keeper';
import { authClient } from './authClient';

const LOCK = 'assetwalk-auth-refresh';

class SessionState {
  /** The live session, or null (never logged in, logged out, or ended). */
  current = $state<StoredSession | null>(null);
  /** Set when the server ended the session (revoked, disabled, expired): "log in again". */
  ended = $state<EndedSession | null>(null);
  /** False until the stored session was read once. */
  loaded = $state(false);

  get user() {
    return this.current?.user ?? null;
  }
  get isAdmin(): boolean {
    return this.current?.user.role === 'admin';
  }
  /** '' for the same origin as the app. */
  get server(): string {
    return this.current?.server ?? this.ended?.server ?? '';
  }

  set(s: StoredSession | null, e: EndedSession | null) {
    this.current = s;
    this.ended = e;
    this.loaded = true;
  }
}

export const session = new SessionState();

export const keeper = new SessionKeeper({
  db,
  client: (server) => authClient({ baseUrl: server }),
  lock: (fn) => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(LOCK, fn) : fn())
});

let markReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (markReady = resolve));

if (typeof window !== 'undefined') {
  liveQuery(() => db.meta.bulkGet([SESSION_KEY, ENDED_KEY])).subscribe({
    next: ([s, e]) => {
      session.set((s?.value as StoredSession | undefined) ?? null, (e?.value as EndedSession | undefined) ?? null);
      markReady();
    },
    error: () => {
      session.set(null, null);
      markReady();
    }
  });
}

/** Resolves once the stored session was read (before it, `session.current` is null for everyone). */
export function sessionReady(): Promise<void> {
  return ready;
}

/** See the header. Never log what this returns. */
export function accessToken(rejected?: string): Promise<string | null> {
  return keeper.accessToken(rejected);
}

/** The client companies this tablet syncs with the account ([] without a session). */
export function chosenTenants(): string[] {
  const s = session.current;
  return s ? stillGranted(s.chosen, s.grants) : [];
}

/** Where sync requests go: the session's server, '' (same origin) without one. */
export function syncServer(): string {
  return session.server;
}
