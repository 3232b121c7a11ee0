// Pruning what sessions leave behind (store/sessions.ts pruneSessions, run by ops/gc-run.ts):
// sessions ended longer than the retention, spent refresh hashes of sessions gone, login failures
// out of the limiter's window. SQLite and PostgreSQL alike; every time is passed in.
import { describe, expect, it } from 'vitest';
import { REFRESH_TTL_MS } from '../../src/lib/sync/accounts.ts';
import { gcLines, runGc } from '../src/ops/gc-run.ts';
import { LOGIN_WINDOW_MS } from '../src/routes/auth.ts';
import { backends, NOW, storeFixture } from './helpers.ts';

const DAY = 24 * 3_600_000;
const RETENTION = 30 * DAY;

describe.each(backends)('session pruning on $name', (b) => {
  const f = storeFixture(b);
  const ids = async (table: 'sessions' | 'spent_refresh', col: string) => (await f.o.raw(`SELECT ${col} AS v FROM ${table} ORDER BY ${col}`)).map((r) => String(r.v));

  async function account(login: string) {
    return f.store.createAccount({ login, name: login, role: 'technician', password: 'correct horse battery' }, NOW - 200 * DAY);
  }

  it.skipIf(b.skip)('removes sessions ended longer ago than the retention and keeps recent and live ones', async () => {
    const u = await account('tech');
    const open = (name: string, at: number) => f.store.createSession({ accountId: u.id, clientId: `tab-${name}`, deviceName: name }, at);
    // Refresh token expired 31 days ago; expired 29 days ago; revoked 31 and 29 days ago; live.
    const expiredOld = await open('expired-old', NOW - REFRESH_TTL_MS - 31 * DAY);
    await open('expired-recent', NOW - REFRESH_TTL_MS - 29 * DAY);
    const revokedOld = await open('revoked-old', NOW - 40 * DAY);
    await f.store.revokeSession(revokedOld.sessionId, NOW - 31 * DAY);
    const revokedRecent = await open('revoked-recent', NOW - 29 * DAY - 3_600_000);
    await f.store.revokeSession(revokedRecent.sessionId, NOW - 29 * DAY);
    const live = await open('live', NOW - 2 * DAY);

    const r = await f.store.pruneSessions({ now: NOW, retentionMs: RETENTION, loginWindowMs: LOGIN_WINDOW_MS });
    expect(r.sessions).toBe(2);
    expect(await ids('sessions', 'device_name')).toEqual(['expired-recent', 'live', 'revoked-recent']);
    expect(await ids('sessions', 'id')).not.toContain(expiredOld.sessionId);
    // "My sessions" still lists the one revoked recently, and the live one.
    expect((await f.store.listSessions({ accountId: u.id }, NOW)).map((s) => s.deviceName).sort()).toEqual(['live', 'revoked-recent']);
    expect(await f.store.verifyAccess(live.accessToken, NOW - 2 * DAY + 60_000)).not.toBeNull();
    // A second run finds nothing more; the retention is configurable.
    expect((await f.store.pruneSessions({ now: NOW, retentionMs: RETENTION, loginWindowMs: LOGIN_WINDOW_MS })).sessions).toBe(0);
    expect((await f.store.pruneSessions({ now: NOW, retentionMs: 28 * DAY, loginWindowMs: LOGIN_WINDOW_MS })).sessions).toBe(2);
    expect(await ids('sessions', 'device_name')).toEqual(['live']);
  });

  it.skipIf(b.skip)('removes spent refresh hashes whose session is gone, and keeps those that still guard a session', async () => {
    const u = await account('tech');
    // Rotated 7 days ago: its spent hash would last 23 more days, but the session ends 6 days ago.
    const gone = await f.store.createSession({ accountId: u.id, clientId: 'tab-gone', deviceName: 'gone' }, NOW - 8 * DAY);
    expect(await f.store.refreshSession(gone.refreshToken, NOW - 7 * DAY)).not.toBeNull();
    await f.store.revokeSession(gone.sessionId, NOW - 6 * DAY);
    const kept = await f.store.createSession({ accountId: u.id, clientId: 'tab-kept', deviceName: 'kept' }, NOW - DAY);
    const rotated = await f.store.refreshSession(kept.refreshToken, NOW - DAY + 60_000);
    expect(rotated).not.toBeNull();
    expect((await ids('spent_refresh', 'session_id')).sort()).toEqual([gone.sessionId, kept.sessionId].sort());

    const r = await f.store.pruneSessions({ now: NOW, retentionMs: 5 * DAY, loginWindowMs: LOGIN_WINDOW_MS });
    expect(r).toMatchObject({ sessions: 1, spentRefresh: 1 });
    expect(await ids('sessions', 'id')).toEqual([kept.sessionId]);
    expect(await ids('spent_refresh', 'session_id')).toEqual([kept.sessionId]);
    // The kept hash still does its work: presenting it again ends its session.
    expect(await f.store.refreshSession(kept.refreshToken, NOW)).toBeNull();
    expect(await f.store.verifyAccess(rotated!.accessToken, NOW - DAY + 120_000)).toBeNull();
  });

  it.skipIf(b.skip)('removes login failures that left the window; those inside it still count', async () => {
    const keys = [{ key: 'login:tech', limit: 2 }];
    await f.store.recordLoginFailure(['login:tech'], LOGIN_WINDOW_MS, NOW - LOGIN_WINDOW_MS - 1);
    await f.store.recordLoginFailure(['login:tech'], LOGIN_WINDOW_MS, NOW - 60_000);
    await f.store.recordLoginFailure(['login:tech'], LOGIN_WINDOW_MS, NOW - 30_000);
    const r = await f.store.pruneSessions({ now: NOW, retentionMs: RETENTION, loginWindowMs: LOGIN_WINDOW_MS });
    expect(r.loginFailures).toBe(1);
    expect((await f.o.raw('SELECT at FROM login_failures ORDER BY at')).map((x) => Number(x.at))).toEqual([NOW - 60_000, NOW - 30_000]);
    expect(await f.store.loginRetryAfter(keys, LOGIN_WINDOW_MS, NOW)).toBeGreaterThan(0);
  });

  it.skipIf(b.skip)('runs in the gc run and says what it removed', async () => {
    const u = await account('tech');
    await f.store.createSession({ accountId: u.id, clientId: 'tab-1', deviceName: 'one' }, NOW - REFRESH_TTL_MS - 40 * DAY);
    await f.store.recordLoginFailure(['ip:10.0.0.9'], LOGIN_WINDOW_MS, NOW - 2 * LOGIN_WINDOW_MS);
    const settings = { tombstoneTtlDays: 30, blobGraceDays: 7, partialUploadHours: 24, sessionRetentionDays: 30 };
    const r = await runGc(f.store, settings, NOW);
    expect(r.sessions).toEqual({ sessions: 1, spentRefresh: 0, loginFailures: 1 });
    expect(r.errors).toEqual([]);
    expect(gcLines(r, settings)).toEqual([
      'Collected 0 tombstones older than 30 days in 0 client companies.',
      'Dropped 0 unfinished uploads untouched for 24 hours (0.0 MiB) and 0 files no record names, untouched for 7 days (0.0 MiB), in 0 client companies: 0 bytes freed.',
      'Removed 1 sessions ended more than 30 days ago, 0 spent refresh tokens and 1 old login failures.'
    ]);
  });
});
