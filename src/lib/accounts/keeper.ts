/**
 * The tablet's account session: login, token refresh, logout; tokens kept in Dexie `meta`.
 *
 * Invariants:
 * - The refresh token is a credential: it lives in `meta` only (never localStorage, never logged).
 * - One refresh at a time per tablet: callers in this tab share one in-flight promise, and tabs
 *   are serialised by `lock` (Web Locks in the browser). Inside the lock the stored session is
 *   read again, so a tab that finds another tab already rotated the refresh token adopts it instead
 *   of presenting the dead one (which the server would treat as theft and end the session).
 * - Expiry times are kept in this tablet's clock: the server's expiry minus its `serverTime`, plus
 *   the local time the reply arrived. A tablet whose clock is an hour off still refreshes on time.
 * - Nothing here deletes local records or outbox entries. Logout and an ended session (refresh
 *   answered 401/403: revoked, disabled, expired) drop the tokens only; unsynced edits stay and go
 *   out after the next login.
 */
import type { AccountUser, Grant, SessionTokens } from '$lib/sync/accounts';
import { normaliseServer, type AuthClient, type AuthResult } from '$lib/sync/authClient';
import type { AssetWalkDB } from '$lib/db/schema';
import { nodeId } from '$lib/db/writer';

export const SESSION_KEY = 'auth.session';
/** Why the last session ended without a logout, for the "log in again" notice. */
export const ENDED_KEY = 'auth.ended';
/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;

export interface StoredSession {
  /** '' for the same origin as the app. */
  server: string;
  sessionId: string;
  accessToken: string;
  /** Local clock. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: AccountUser;
  grants: Grant[];
  /** Client companies this tablet syncs (a subset of the grants). */
  chosen: string[];
}

export interface EndedSession {
  server: string;
  user: AccountUser;
  chosen: string[];
  at: number;
  reason: 'ended';
}

export interface KeeperOptions {
  db: AssetWalkDB;
  client: (server: string) => AuthClient;
  now?: () => number;
  /** Serialises refreshes across tabs; in-process only when absent. */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The chosen client companies that are still granted, in their order. */
export function stillGranted(chosen: readonly string[], grants: readonly Grant[]): string[] {
  return chosen.filter((id) => grants.some((g) => g.tenantId === id));
}

export class SessionKeeper {
  #o: KeeperOptions;
  #now: () => number;
  #inflight: Promise<string | null> | null = null;

  constructor(o: KeeperOptions) {
    this.#o = o;
    this.#now = o.now ?? Date.now;
  }

  async current(): Promise<StoredSession | null> {
    const row = await this.#o.db.meta.get(SESSION_KEY);
    return (row?.value as StoredSession | undefined) ?? null;
  }

  async ended(): Promise<EndedSession | null> {
    const row = await this.#o.db.meta.get(ENDED_KEY);
    return (row?.value as EndedSession | undefined) ?? null;
  }

  /** Logs in as this tablet (its sync node id is the client id the server binds to the user). */
  async login(address: string, login: string, password: string, deviceName: string): Promise<AuthResult<StoredSession>> {
    const server = normaliseServer(address);
    const clientId = await nodeId(this.#o.db);
    const r = await this.#o.client(server).login({ login: login.trim(), password, clientId, deviceName });
    if (!r.ok) return r;
    const before = (await this.current()) ?? (await this.ended());
    const sameUser = before?.user.id === r.value.user.id;
    // A returning user keeps their choice; a first login syncs every granted client company.
    const chosen = sameUser && before ? stillGranted(before.chosen, r.value.grants) : [...new Set(r.value.grants.map((g) => g.tenantId))];
    const s = this.#fromTokens(server, r.value, chosen);
    await this.#o.db.transaction('rw', this.#o.db.meta, async () => {
      await this.#o.db.meta.put({ key: SESSION_KEY, value: s });
      await this.#o.db.meta.delete(ENDED_KEY);
    });
    return { ok: true, value: s };
  }

  /**
   * A valid access token, refreshed first when it expires within a minute, or null when there
   * is no session (or it has just ended). After a 401, pass the token that was refused: it is
   * refreshed unless another caller already did. A refresh that fails for a passing reason
   * (offline, 429, 5xx) returns the token held, so the caller's request fails as "offline" or
   * "retry later" rather than "logged out".
   */
  async accessToken(rejected?: string): Promise<string | null> {
    const s = await this.current();
    if (!s) return null;
    if (this.#fresh(s, rejected)) return s.accessToken;
    if (!this.#inflight) {
      const p = this.#refresh(s, rejected).finally(() => {
        if (this.#inflight === p) this.#inflight = null;
      });
      this.#inflight = p;
    }
    return this.#inflight;
  }

  #fresh(s: StoredSession, rejected: string | undefined): boolean {
    return s.accessToken !== rejected && s.accessExpiresAt - this.#now() > REFRESH_MARGIN_MS;
  }

  #refresh(s: StoredSession, rejected: string | undefined): Promise<string | null> {
    const run = this.#o.lock ?? ((fn) => fn());
    return run(async () => {
      const again = await this.current(); // another tab may have refreshed or logged out meanwhile
      if (!again) return null;
      if (again.refreshToken !== s.refreshToken && this.#fresh(again, rejected)) return again.accessToken;
      const r = await this.#o.client(again.server).refresh(again.refreshToken);
      if (r.ok) {
        const next = this.#fromTokens(again.server, r.value, stillGranted(again.chosen, r.value.grants));
        await this.#o.db.meta.put({ key: SESSION_KEY, value: next });
        return next.accessToken;
      }
      if (r.kind === 'http' && (r.status === 401 || r.status === 403)) {
        await this.#end(again);
        return null;
      }
      return again.accessToken;
    });
  }

  /** Revokes the session on the server when it can be reached, then drops the tokens. Records stay. */
  async logout(): Promise<{ serverReached: boolean }> {
    const s = await this.current();
    if (!s) return { serverReached: true };
    const token = await this.accessToken();
    const r = token ? await this.#o.client(s.server).logout(token) : null;
    await this.#o.db.meta.bulkDelete([SESSION_KEY, ENDED_KEY]);
    return { serverReached: !!r && (r.ok || (r.kind === 'http' && r.status === 401)) };
  }

  /** Reads the user and grants again (after an administrator changed them). */
  async reloadMe(): Promise<AuthResult<StoredSession>> {
    const token = await this.accessToken();
    const s = await this.current();
    if (!token || !s) return { ok: false, kind: 'http', status: 401, error: 'unauthorized', message: 'not logged in', retryAfterS: null };
    const r = await this.#o.client(s.server).me(token);
    if (!r.ok) return r;
    const next: StoredSession = { ...s, user: r.value.user, grants: r.value.grants, chosen: stillGranted(s.chosen, r.value.grants) };
    await this.#o.db.meta.put({ key: SESSION_KEY, value: next });
    return { ok: true, value: next };
  }

  /** Chooses the client companies this tablet syncs (only granted ones are kept). */
  async choose(tenantIds: string[]): Promise<void> {
    await this.#o.db.transaction('rw', this.#o.db.meta, async () => {
      const s = await this.current();
      if (!s) return;
      await this.#o.db.meta.put({ key: SESSION_KEY, value: { ...s, chosen: stillGranted([...new Set(tenantIds)], s.grants) } });
    });
  }

  async #end(s: StoredSession): Promise<void> {
    const ended: EndedSession = { server: s.server, user: s.user, chosen: s.chosen, at: this.#now(), reason: 'ended' };
    await this.#o.db.transaction('rw', this.#o.db.meta, async () => {
      await this.#o.db.meta.delete(SESSION_KEY);
      await this.#o.db.meta.put({ key: ENDED_KEY, value: ended });
    });
  }

  #fromTokens(server: string, t: SessionTokens, chosen: string[]): StoredSession {
    const now = this.#now();
    const local = (serverMs: number) => serverMs - t.serverTime + now;
    return {
      server,
      sessionId: t.sessionId,
      accessToken: t.accessToken,
      accessExpiresAt: local(t.accessExpiresAt),
      refreshToken: t.refreshToken,
      refreshExpiresAt: local(t.refreshExpiresAt),
      user: t.user,
      grants: t.grants,
      chosen
    };
  }
}
