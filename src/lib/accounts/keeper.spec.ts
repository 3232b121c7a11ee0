// The tablet's session keeper against the real sync server: tokens in Dexie meta, one refresh
// shared by concurrent callers, refresh after a 401, an ended session that keeps unsynced edits,
// logout that keeps every record, and a tablet clock an hour off.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { authClient } from '$lib/sync/authClient';
import { testDb } from '$lib/db/testing';
import { newDeviceFields } from '$lib/domain/device';
import { AssetWalkDB } from '$lib/db/schema';
import { ENDED_KEY, REFRESH_MARGIN_MS, SESSION_KEY, SessionKeeper, type StoredSession } from './keeper';
import { PASSWORD, useAccountsServer } from './serverkit';

const env = useAccountsServer();

function setup(skewMs = 0) {
  const t = testDb();
  let offset = skewMs;
  let refreshes = 0;
  const keeper = new SessionKeeper({
    db: t.db,
    now: () => Date.now() + offset,
    client: (server) => {
      const c = authClient({ baseUrl: server });
      return { ...c, refresh: (rt: string) => (refreshes++, c.refresh(rt)) };
    }
  });
  return { ...t, keeper, refreshes: () => refreshes, advance: (ms: number) => (offset += ms) };
}

async function loggedIn(skewMs = 0) {
  const s = setup(skewMs);
  const r = await s.keeper.login(env.url, 'li', PASSWORD, 'Test tablet');
  if (!r.ok) throw new Error(`login failed: ${JSON.stringify(r)}`);
  return { ...s, session: r.value };
}

const me = (token: string | null) => authClient({ baseUrl: env.url }).me(token ?? '');

describe('SessionKeeper', () => {
  it('keeps the tokens in meta, registers the tablet by its node id and chooses every granted client', async () => {
    const { db, keeper, session } = await loggedIn();
    const stored = (await db.meta.get(SESSION_KEY))?.value as StoredSession;
    expect(stored.refreshToken).toBe(session.refreshToken);
    expect(stored.chosen).toEqual([env.tenantId]);
    const node = (await db.meta.get('nodeId'))?.value;
    const mine = await me(await keeper.accessToken());
    expect(mine.ok && mine.value.tablet?.clientId).toBe(node);
  });

  it('refreshes a token about to expire once, shared by concurrent callers, and the session lives on', async () => {
    const s = await loggedIn();
    s.advance(s.session.accessExpiresAt - Date.now() - REFRESH_MARGIN_MS / 2);
    const [a, b, c] = await Promise.all([s.keeper.accessToken(), s.keeper.accessToken(), s.keeper.accessToken()]);
    expect(s.refreshes()).toBe(1);
    expect(a).not.toBe(s.session.accessToken);
    expect(new Set([a, b, c]).size).toBe(1);
    expect((await me(a)).ok).toBe(true); // a second refresh with the old token would have ended it
  });

  it('two tabs refreshing at once: the second adopts the first one\'s rotated token, the session lives on', async () => {
    const s = await loggedIn();
    // A second tab: another Dexie connection to the same database, the same Web Lock.
    let chain: Promise<unknown> = Promise.resolve();
    const lock = <T,>(fn: () => Promise<T>): Promise<T> => {
      const run = chain.then(fn);
      chain = run.catch(() => {});
      return run;
    };
    let refreshes = 0;
    const tab = (db: AssetWalkDB) =>
      new SessionKeeper({
        db,
        lock,
        now: () => s.session.accessExpiresAt - REFRESH_MARGIN_MS / 2,
        client: (server) => {
          const c = authClient({ baseUrl: server });
          return { ...c, refresh: (rt: string) => (refreshes++, c.refresh(rt)) };
        }
      });
    const [one, two] = [tab(s.db), tab(new AssetWalkDB(s.db.name))];
    const [a, b] = await Promise.all([one.accessToken(), two.accessToken()]);
    expect(refreshes).toBe(1);
    expect(a).toBe(b);
    expect((await me(a)).ok).toBe(true);
  });

  it('after a 401, refreshes once for every caller that passes the refused token', async () => {
    const s = await loggedIn();
    const old = s.session.accessToken;
    const first = await s.keeper.accessToken(old);
    const late = await s.keeper.accessToken(old); // a caller whose request failed with the old token
    expect(first).not.toBe(old);
    expect(late).toBe(first);
    expect(s.refreshes()).toBe(1);
  });

  it('a tablet an hour fast neither refreshes at once nor lets its token lapse', async () => {
    const s = await loggedIn(3_600_000);
    expect(await s.keeper.accessToken()).toBe(s.session.accessToken);
    expect(s.refreshes()).toBe(0);
    s.advance(14.5 * 60_000); // 30 s before the server's expiry
    expect(await s.keeper.accessToken()).not.toBe(s.session.accessToken);
    expect(s.refreshes()).toBe(1);
  });

  it('a revoked session ends: tokens dropped, "log in again" recorded, unsynced edits kept', async () => {
    const s = await loggedIn();
    await s.devices.create({ ...newDeviceFields(env.tenantId, env.siteId, null), assetNumber: 'AC-000001', name: 'PC' });
    const outbox = await s.db.outbox.count();
    expect(outbox).toBeGreaterThan(0);
    await env.store.revokeSession(s.session.sessionId, Date.now());
    expect(await s.keeper.accessToken(s.session.accessToken)).toBeNull();
    expect(await s.db.meta.get(SESSION_KEY)).toBeUndefined();
    expect(((await s.db.meta.get(ENDED_KEY))?.value as { user: { login: string } }).user.login).toBe('li');
    expect(await s.db.outbox.count()).toBe(outbox);
    expect(await s.db.devices.count()).toBe(1);
    // Logging in again restores the choice and clears the notice.
    expect((await s.keeper.login(env.url, 'li', PASSWORD, 'Test tablet')).ok).toBe(true);
    expect(await s.keeper.ended()).toBeNull();
    expect((await s.keeper.current())?.chosen).toEqual([env.tenantId]);
  });

  it('logout ends the session on the server and drops the tokens, keeping records and outbox', async () => {
    const s = await loggedIn();
    await s.devices.create({ ...newDeviceFields(env.tenantId, env.siteId, null), assetNumber: 'AC-000002', name: 'PC' });
    const outbox = await s.db.outbox.count();
    expect(await s.keeper.logout()).toEqual({ serverReached: true });
    expect(await s.keeper.accessToken()).toBeNull();
    expect(await s.keeper.ended()).toBeNull();
    expect(await me(s.session.accessToken)).toMatchObject({ ok: false, status: 401 });
    expect(await s.db.outbox.count()).toBe(outbox);
    expect(await s.db.devices.count()).toBe(1);
  });

  it('keeps only granted client companies in the choice, and reads new grants on reload', async () => {
    const s = await loggedIn();
    await s.keeper.choose([]);
    expect((await s.keeper.current())?.chosen).toEqual([]);
    await s.keeper.choose([env.tenantId, 'not-granted']);
    expect((await s.keeper.current())?.chosen).toEqual([env.tenantId]);
    const other = await env.store.createTenant({ name: 'Second client' });
    await env.store.setGrants(env.tech.id, [{ tenantId: env.tenantId, siteIds: '*' }, { tenantId: other.id, siteIds: '*' }]);
    const r = await s.keeper.reloadMe();
    expect(r.ok && r.value.grants.map((g) => g.tenantName).sort()).toEqual(['ACME Hospital', 'Second client']);
  });
});
