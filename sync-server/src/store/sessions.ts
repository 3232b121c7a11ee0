/**
 * Login sessions and the login-failure limiter (issue 9).
 * Invariants:
 * - only SHA-256 hashes of access and refresh tokens are stored;
 * - a refresh rotates both tokens in one conditional UPDATE on the current refresh hash, so of
 *   two concurrent refreshes with one token exactly one wins; the exchanged hash goes to
 *   `spent_refresh` until it would have expired, and presenting it again revokes the session
 *   (a stolen refresh token used by thief and owner kills the session for both);
 * - an access token is valid only while its session, account and tablet are all live;
 * - login failures are rows in the database, so several server processes share the limit;
 * - pruning (the daily gc) removes a session only once it has been expired or revoked for the
 *   retention, so "my sessions" still lists recently ended ones; spent refresh hashes go with their
 *   session (or at their expiry), login failures once they leave the limiter's window.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ACCESS_TTL_MS, REFRESH_TTL_MS, type AccountUser, type Role, type SessionInfo } from '../../../src/lib/sync/accounts.ts';
import type { Db } from './db.ts';

export interface IssuedTokens {
  sessionId: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}
export interface SessionPrincipal {
  sessionId: string;
  clientId: string;
  user: AccountUser;
}

export interface SessionStore {
  createSession(s: { accountId: string; clientId: string; deviceName: string }, now: number): Promise<IssuedTokens>;
  /** New tokens for a live refresh token (the account id too); null otherwise, revoking the session on reuse. */
  refreshSession(refreshToken: string, now: number): Promise<(IssuedTokens & { accountId: string }) | null>;
  verifyAccess(accessToken: string, now: number): Promise<SessionPrincipal | null>;
  /** Revokes one session (of `accountId` when given); false when there is no such live session. */
  revokeSession(id: string, now: number, accountId?: string): Promise<boolean>;
  revokeSessions(filter: { accountId?: string; clientId?: string; exceptId?: string }, now: number): Promise<number>;
  /** Sessions whose refresh token has not expired, most recently used first. */
  listSessions(filter: { accountId?: string }, now: number): Promise<SessionInfo[]>;
  /** Seconds until a login may be tried again (0: now) given failures per key within `windowMs`. */
  loginRetryAfter(keys: readonly { key: string; limit: number }[], windowMs: number, now: number): Promise<number>;
  recordLoginFailure(keys: readonly string[], windowMs: number, now: number): Promise<void>;
  clearLoginFailures(key: string): Promise<void>;
  /** Removes what has ended (see the header); the numbers of rows removed. */
  pruneSessions(opts: { now: number; retentionMs: number; loginWindowMs: number }): Promise<SessionPruneResult>;
}

export interface SessionPruneResult {
  sessions: number;
  spentRefresh: number;
  loginFailures: number;
}

export const ACCESS_PREFIX = 'awa_';
export const REFRESH_PREFIX = 'awr_';
const TOKEN_RE = /^aw[ar]_[A-Za-z0-9_-]{43}$/;
/** last_used_at / last_seen_at are written at most once a minute per session, not on every request. */
const TOUCH_MS = 60_000;

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const token = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

function fresh(now: number) {
  const accessToken = token(ACCESS_PREFIX);
  const refreshToken = token(REFRESH_PREFIX);
  return { accessToken, refreshToken, accessExpiresAt: now + ACCESS_TTL_MS, refreshExpiresAt: now + REFRESH_TTL_MS };
}

type SessionRow = Record<'id' | 'account_id' | 'login' | 'client_id' | 'device_name', string> &
  Record<'created_at' | 'last_used_at' | 'refresh_expires_at' | 'revoked_at', unknown>;

export function sessionMethods(db: Db): SessionStore {
  const revokeSessions: SessionStore['revokeSessions'] = async ({ accountId, clientId, exceptId }, now) => {
    const where = ['revoked_at IS NULL'];
    const params: unknown[] = [now];
    const add = (sql: string, v: string | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      params.push(v);
    };
    add('account_id = ?', accountId);
    add('client_id = ?', clientId);
    add('id <> ?', exceptId);
    return db.run(`UPDATE sessions SET revoked_at = ? WHERE ${where.join(' AND ')}`, params);
  };

  return {
    async createSession({ accountId, clientId, deviceName }, now) {
      const id = randomUUID();
      const t = fresh(now);
      await db.run(
        `INSERT INTO sessions (id, account_id, client_id, device_name, access_hash, access_expires_at, refresh_hash, refresh_expires_at, created_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, accountId, clientId, deviceName, sha(t.accessToken), t.accessExpiresAt, sha(t.refreshToken), t.refreshExpiresAt, now, now]
      );
      return { sessionId: id, ...t };
    },

    async refreshSession(refreshToken, now) {
      if (!TOKEN_RE.test(refreshToken) || !refreshToken.startsWith(REFRESH_PREFIX)) return null;
      const old = sha(refreshToken);
      const s = await db.first<{ id: string; account_id: string; refresh_expires_at: unknown }>(
        `SELECT s.id, s.account_id, s.refresh_expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id
         LEFT JOIN tablets t ON t.client_id = s.client_id
         WHERE s.refresh_hash = ? AND s.revoked_at IS NULL AND a.disabled_at IS NULL AND t.revoked_at IS NULL`,
        [old]
      );
      if (!s || Number(s.refresh_expires_at) <= now) {
        const spent = await db.first<{ session_id: string }>('SELECT session_id FROM spent_refresh WHERE refresh_hash = ?', [old]);
        if (spent) await db.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, spent.session_id]);
        return null;
      }
      const t = fresh(now);
      const won = await db.transaction(async (tx) => {
        const n = await tx.run(
          `UPDATE sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ?, refresh_expires_at = ?, last_used_at = ?
           WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL`,
          [sha(t.accessToken), t.accessExpiresAt, sha(t.refreshToken), t.refreshExpiresAt, now, s.id, old]
        );
        if (n === 1) await tx.run('INSERT INTO spent_refresh (refresh_hash, session_id, expires_at) VALUES (?, ?, ?)', [old, s.id, Number(s.refresh_expires_at)]);
        return n === 1;
      });
      if (!won) {
        // Another request exchanged this token a moment ago: the same reuse, the same answer.
        await db.run('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, s.id]);
        return null;
      }
      await db.run('DELETE FROM spent_refresh WHERE expires_at < ?', [now]);
      return { sessionId: s.id, accountId: s.account_id, ...t };
    },

    async verifyAccess(accessToken, now) {
      if (!TOKEN_RE.test(accessToken) || !accessToken.startsWith(ACCESS_PREFIX)) return null;
      const r = await db.first<Record<'id' | 'client_id' | 'account_id' | 'login' | 'name' | 'role', string> & Record<'access_expires_at' | 'last_used_at', unknown>>(
        `SELECT s.id, s.client_id, s.access_expires_at, s.last_used_at, a.id AS account_id, a.login, a.name, a.role
         FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN tablets t ON t.client_id = s.client_id
         WHERE s.access_hash = ? AND s.revoked_at IS NULL AND a.disabled_at IS NULL AND t.revoked_at IS NULL`,
        [sha(accessToken)]
      );
      if (!r || Number(r.access_expires_at) <= now) return null;
      if (now - Number(r.last_used_at) >= TOUCH_MS) {
        await db.run('UPDATE sessions SET last_used_at = ? WHERE id = ?', [now, r.id]);
        await db.run('UPDATE tablets SET last_seen_at = ? WHERE client_id = ?', [now, r.client_id]);
      }
      return { sessionId: r.id, clientId: r.client_id, user: { id: r.account_id, login: r.login, name: r.name, role: r.role as Role } };
    },

    async revokeSession(id, now, accountId) {
      const own = accountId === undefined ? '' : ' AND account_id = ?';
      return (await db.run(`UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL${own}`, [now, id, ...(accountId === undefined ? [] : [accountId])])) > 0;
    },

    revokeSessions,

    async listSessions({ accountId }, now) {
      const rows = await db.all<SessionRow>(
        `SELECT s.id, s.account_id, a.login, s.client_id, s.device_name, s.created_at, s.last_used_at, s.refresh_expires_at, s.revoked_at
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.refresh_expires_at > ?${accountId === undefined ? '' : ' AND s.account_id = ?'}
         ORDER BY s.last_used_at DESC, s.id`,
        [now, ...(accountId === undefined ? [] : [accountId])]
      );
      return rows.map((r) => ({
        id: r.id, userId: r.account_id, userLogin: r.login, clientId: r.client_id, deviceName: r.device_name,
        createdAt: Number(r.created_at), lastUsedAt: Number(r.last_used_at), expiresAt: Number(r.refresh_expires_at),
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at)
      }));
    },

    async loginRetryAfter(keys, windowMs, now) {
      let waitMs = 0;
      for (const { key, limit } of keys) {
        const ats = await db.all<{ at: unknown }>('SELECT at FROM login_failures WHERE fail_key = ? AND at > ? ORDER BY at', [key, now - windowMs]);
        // Allowed again once enough of the oldest failures leave the window.
        if (ats.length >= limit) waitMs = Math.max(waitMs, Number(ats[ats.length - limit]!.at) + windowMs - now);
      }
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },

    async recordLoginFailure(keys, windowMs, now) {
      await db.transaction(async (tx) => {
        for (const key of keys) await tx.run('INSERT INTO login_failures (fail_key, at) VALUES (?, ?)', [key, now]);
        await tx.run('DELETE FROM login_failures WHERE at <= ?', [now - windowMs]);
      });
    },

    async clearLoginFailures(key) {
      await db.run('DELETE FROM login_failures WHERE fail_key = ?', [key]);
    },

    async pruneSessions({ now, retentionMs, loginWindowMs }) {
      const ended = now - retentionMs;
      // Expired means the refresh token expired: until then a live session can still be refreshed.
      const sessions = await db.run('DELETE FROM sessions WHERE refresh_expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)', [ended, ended]);
      // A spent hash only matters while its session could be revoked by its reuse.
      const spentRefresh = await db.run(
        'DELETE FROM spent_refresh WHERE expires_at < ? OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = spent_refresh.session_id)',
        [now]
      );
      // The same cut recordLoginFailure makes: older rows no longer count against anyone.
      const loginFailures = await db.run('DELETE FROM login_failures WHERE at <= ?', [now - loginWindowMs]);
      return { sessions, spentRefresh, loginFailures };
    }
  };
}
