/**
 * Team accounts over the Db wrapper (issue 9): accounts with roles, grants of client companies
 * and sites, and tablets bound to the account that first logged in with them. Sessions and the
 * login limiter are in sessions.ts, asset-number blocks in blocks.ts; accountMethods joins them.
 * Invariants: a login is unique (stored trimmed, lower-cased); a clientId is bound to one account
 * for good; a tablet code is unique; the team always keeps an enabled administrator; disabling
 * an account, changing its password or revoking a tablet revokes the sessions concerned.
 */
import { randomUUID } from 'node:crypto';
import type { AccountUser, Grant, Role, TabletInfo } from '../../../src/lib/sync/accounts.ts';
import { isValidTabletCode } from '../../../src/lib/domain/assetBlocks.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { blockMethods, type BlockStore } from './blocks.ts';
import type { Db, Queryable } from './db.ts';
import { sessionMethods, type SessionStore } from './sessions.ts';

export class ConflictError extends Error {
  readonly statusCode = 409;
  constructor(readonly code: 'login-taken' | 'tablet-taken' | 'code-taken', message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
export class InvalidError extends Error {
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidError';
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const normLogin = (login: string): string => login.trim().normalize('NFKC').toLowerCase();

export interface AccountRecord extends AccountUser {
  disabled: boolean;
  createdAt: number;
}
export interface GrantInput {
  tenantId: string;
  siteIds: '*' | string[];
}
export interface TenantInfo {
  id: string;
  name: string;
  sites: { id: string; name: string }[];
}

export interface AccountStore extends SessionStore, BlockStore {
  countAccounts(): Promise<number>;
  /** Throws ConflictError('login-taken'). */
  createAccount(a: { id?: string; login: string; name: string; role: Role; password: string }, now: number): Promise<AccountUser>;
  /** The account when login and password match and it is enabled; the same work and null otherwise. */
  checkPassword(login: string, password: string): Promise<AccountUser | null>;
  account(id: string): Promise<AccountRecord | null>;
  accountByLogin(login: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<(AccountRecord & { grants: Grant[] })[]>;
  /** Null for an unknown id; InvalidError when it would leave the team without an enabled admin. */
  updateAccount(id: string, patch: { name?: string; role?: Role; disabled?: boolean }, now: number): Promise<AccountUser | null>;
  /** Revokes the account's sessions except `keepSession`; false for an unknown id. */
  setPassword(id: string, password: string, now: number, keepSession?: string): Promise<boolean>;
  grantsOf(accountId: string): Promise<Grant[]>;
  /** Replaces every grant; InvalidError for an unknown tenant or site. */
  setGrants(accountId: string, grants: readonly GrantInput[]): Promise<Grant[]>;
  /** Adds or replaces one grant (admin CLI). */
  putGrant(accountId: string, grant: GrantInput): Promise<Grant[]>;
  removeGrant(accountId: string, tenantId: string): Promise<boolean>;
  listTenants(): Promise<TenantInfo[]>;
  tenantName(id: string): Promise<string | null>;
  /** Registers the tablet to the account at its first login. */
  bindTablet(t: { clientId: string; accountId: string; deviceName: string }, now: number): Promise<'ok' | 'taken' | 'revoked'>;
  tablet(clientId: string): Promise<TabletInfo | null>;
  listTablets(): Promise<TabletInfo[]>;
  /** Revokes the tablet and its sessions; false for an unknown tablet. */
  revokeTablet(clientId: string, now: number): Promise<boolean>;
  /** Null for an unknown tablet; ConflictError('code-taken'); InvalidError outside 0..8999. */
  setTabletCode(clientId: string, code: number): Promise<TabletInfo | null>;
}

type AccountRow = { id: string; login: string; name: string; role: string; disabled_at: unknown; created_at: unknown; password_hash?: string };
const toRecord = (r: AccountRow): AccountRecord => ({
  id: r.id, login: r.login, name: r.name, role: r.role as Role, disabled: r.disabled_at !== null, createdAt: Number(r.created_at)
});
const toUser = ({ id, login, name, role }: AccountRecord): AccountUser => ({ id, login, name, role });

type TabletRow = Record<'client_id' | 'account_id' | 'login' | 'device_name', string> & Record<'code' | 'registered_at' | 'last_seen_at' | 'revoked_at', unknown>;
const TABLET_SQL = `SELECT t.client_id, t.account_id, a.login, t.device_name, t.code, t.registered_at, t.last_seen_at, t.revoked_at
  FROM tablets t JOIN accounts a ON a.id = t.account_id`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const toTablet = (r: TabletRow): TabletInfo => ({
  clientId: r.client_id, userId: r.account_id, userLogin: r.login, deviceName: r.device_name, code: num(r.code),
  registeredAt: Number(r.registered_at), lastSeenAt: num(r.last_seen_at), revokedAt: num(r.revoked_at)
});

async function grantsIn(q: Queryable, accountId: string): Promise<Grant[]> {
  const rows = await q.all<{ tenant_id: string; name: string; site_ids: string | null }>(
    'SELECT g.tenant_id, t.name, g.site_ids FROM grants g JOIN tenants t ON t.id = g.tenant_id WHERE g.account_id = ? ORDER BY t.name, g.tenant_id',
    [accountId]
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, tenantName: r.name, siteIds: r.site_ids === null ? '*' : (JSON.parse(r.site_ids) as string[]) }));
}

async function writeGrant(q: Queryable, accountId: string, g: GrantInput): Promise<void> {
  if (!(await q.first('SELECT id FROM tenants WHERE id = ?', [g.tenantId]))) throw new InvalidError(`unknown client company ${g.tenantId}`);
  if (g.siteIds !== '*') {
    for (const s of g.siteIds) {
      if (!(await q.first('SELECT id FROM sites WHERE tenant_id = ? AND id = ?', [g.tenantId, s]))) throw new InvalidError(`unknown site ${s}`);
    }
  }
  await q.run('DELETE FROM grants WHERE account_id = ? AND tenant_id = ?', [accountId, g.tenantId]);
  const sites = g.siteIds === '*' ? null : JSON.stringify([...new Set(g.siteIds)]);
  await q.run('INSERT INTO grants (account_id, tenant_id, site_ids) VALUES (?, ?, ?)', [accountId, g.tenantId, sites]);
}

export function accountMethods(db: Db): AccountStore {
  const sessions = sessionMethods(db);
  const getAccount = async (where: string, v: string) => {
    const r = await db.first<AccountRow>(`SELECT id, login, name, role, disabled_at, created_at FROM accounts WHERE ${where} = ?`, [v]);
    return r ? toRecord(r) : null;
  };
  const getTablet = async (clientId: string) => {
    const r = await db.first<TabletRow>(`${TABLET_SQL} WHERE t.client_id = ?`, [clientId]);
    return r ? toTablet(r) : null;
  };
  const requireAccount = async (q: Queryable, id: string) => {
    if (!(await q.first('SELECT id FROM accounts WHERE id = ?', [id]))) throw new InvalidError(`unknown account ${id}`);
  };

  return {
    ...sessions,
    ...blockMethods(db),

    async countAccounts() {
      return Number((await db.first<{ n: unknown }>('SELECT COUNT(*) AS n FROM accounts'))?.n ?? 0);
    },

    async createAccount({ id = randomUUID(), login, name, role, password }, now) {
      const hash = await hashPassword(password);
      const l = normLogin(login);
      try {
        await db.run('INSERT INTO accounts (id, login, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, l, name, role, hash, now]);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('login-taken', `the login "${l}" exists`);
        throw e;
      }
      return { id, login: l, name, role };
    },

    async checkPassword(login, password) {
      const r = await db.first<AccountRow>(
        'SELECT id, login, name, role, disabled_at, created_at, password_hash FROM accounts WHERE login = ?',
        [normLogin(login)]
      );
      const ok = await verifyPassword(password, r?.password_hash ?? null);
      return ok && r && r.disabled_at === null ? toUser(toRecord(r)) : null;
    },

    account: (id) => getAccount('id', id),
    accountByLogin: (login) => getAccount('login', normLogin(login)),

    async listAccounts() {
      const rows = await db.all<AccountRow>('SELECT id, login, name, role, disabled_at, created_at FROM accounts ORDER BY login');
      return Promise.all(rows.map(async (r) => ({ ...toRecord(r), grants: await grantsIn(db, r.id) })));
    },

    async updateAccount(id, patch, now) {
      const out = await db.transaction(async (tx) => {
        const r = await tx.first<AccountRow>('SELECT id, login, name, role, disabled_at, created_at FROM accounts WHERE id = ?', [id]);
        if (!r) return null;
        const cur = toRecord(r);
        const next = { ...cur, name: patch.name ?? cur.name, role: patch.role ?? cur.role, disabled: patch.disabled ?? cur.disabled };
        if (cur.role === 'admin' && !cur.disabled && (next.role !== 'admin' || next.disabled)) {
          const others = await tx.first<{ n: unknown }>("SELECT COUNT(*) AS n FROM accounts WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?", [id]);
          if (Number(others?.n ?? 0) === 0) throw new InvalidError('the team needs at least one enabled administrator');
        }
        const disabledAt = next.disabled ? (cur.disabled ? r.disabled_at : now) : null;
        await tx.run('UPDATE accounts SET name = ?, role = ?, disabled_at = ? WHERE id = ?', [next.name, next.role, disabledAt, id]);
        return next;
      });
      if (!out) return null;
      if (out.disabled) await sessions.revokeSessions({ accountId: id }, now);
      return toUser(out);
    },

    async setPassword(id, password, now, keepSession) {
      const hash = await hashPassword(password);
      if ((await db.run('UPDATE accounts SET password_hash = ? WHERE id = ?', [hash, id])) === 0) return false;
      await sessions.revokeSessions({ accountId: id, exceptId: keepSession }, now);
      return true;
    },

    grantsOf: (accountId) => grantsIn(db, accountId),

    setGrants: (accountId, grants) =>
      db.transaction(async (tx) => {
        await requireAccount(tx, accountId);
        await tx.run('DELETE FROM grants WHERE account_id = ?', [accountId]);
        for (const g of grants) await writeGrant(tx, accountId, g);
        return grantsIn(tx, accountId);
      }),

    putGrant: (accountId, grant) =>
      db.transaction(async (tx) => {
        await requireAccount(tx, accountId);
        await writeGrant(tx, accountId, grant);
        return grantsIn(tx, accountId);
      }),

    async removeGrant(accountId, tenantId) {
      return (await db.run('DELETE FROM grants WHERE account_id = ? AND tenant_id = ?', [accountId, tenantId])) > 0;
    },

    async listTenants() {
      const tenants = await db.all<{ id: string; name: string }>('SELECT id, name FROM tenants ORDER BY name, id');
      const sites = await db.all<{ id: string; tenant_id: string; name: string }>('SELECT id, tenant_id, name FROM sites ORDER BY name, id');
      return tenants.map((t) => ({ id: t.id, name: t.name, sites: sites.filter((s) => s.tenant_id === t.id).map(({ id, name }) => ({ id, name })) }));
    },

    async tenantName(id) {
      return (await db.first<{ name: string }>('SELECT name FROM tenants WHERE id = ?', [id]))?.name ?? null;
    },

    async bindTablet({ clientId, accountId, deviceName }, now) {
      await db.run(
        `INSERT INTO tablets (client_id, account_id, device_name, registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (client_id) DO NOTHING`,
        [clientId, accountId, deviceName, now, now]
      );
      const t = await db.first<{ account_id: string; revoked_at: unknown }>('SELECT account_id, revoked_at FROM tablets WHERE client_id = ?', [clientId]);
      if (!t || t.account_id !== accountId) return 'taken';
      if (t.revoked_at !== null) return 'revoked';
      await db.run('UPDATE tablets SET device_name = ?, last_seen_at = ? WHERE client_id = ?', [deviceName, now, clientId]);
      return 'ok';
    },

    tablet: getTablet,

    async listTablets() {
      return (await db.all<TabletRow>(`${TABLET_SQL} ORDER BY t.registered_at, t.client_id`)).map(toTablet);
    },

    async revokeTablet(clientId, now) {
      if ((await db.run('UPDATE tablets SET revoked_at = COALESCE(revoked_at, ?) WHERE client_id = ?', [now, clientId])) === 0) return false;
      await sessions.revokeSessions({ clientId }, now);
      return true;
    },

    async setTabletCode(clientId, code) {
      if (!isValidTabletCode(code)) throw new InvalidError('a tablet code is a whole number from 0 to 8999');
      try {
        const taken = await db.first<{ client_id: string }>('SELECT client_id FROM tablets WHERE code = ? AND client_id <> ?', [code, clientId]);
        if (taken) throw new ConflictError('code-taken', `code ${code} belongs to another tablet`);
        if ((await db.run('UPDATE tablets SET code = ? WHERE client_id = ?', [code, clientId])) === 0) return null;
      } catch (e) {
        if (isUniqueViolation(e)) throw new ConflictError('code-taken', `code ${code} belongs to another tablet`);
        throw e;
      }
      return getTablet(clientId);
    }
  };
}
