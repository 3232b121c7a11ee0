/**
 * Test-only: the real sync server (testkit.ts) with the accounts part of its store typed, an
 * administrator, a client company with one site, and a technician granted that company.
 */
import { afterEach, beforeEach } from 'vitest';
import type { AccountUser, Grant, Role } from '$lib/sync/accounts';
import { startServer, type ServerStore, type TestServer } from '$lib/sync/testkit';

export interface AccountsStore extends ServerStore {
  createAccount(a: { login: string; name: string; role: Role; password: string }, now: number): Promise<AccountUser>;
  createSite(s: { tenantId: string; name: string }): Promise<{ id: string; tenantId: string; name: string }>;
  setGrants(accountId: string, grants: { tenantId: string; siteIds: '*' | string[] }[]): Promise<Grant[]>;
  revokeSession(id: string, now: number): Promise<boolean>;
  revokeTablet(clientId: string, now: number): Promise<boolean>;
}

export const PASSWORD = 'correct horse battery';

export interface AccountsEnv {
  server: TestServer;
  store: AccountsStore;
  url: string;
  admin: AccountUser;
  tech: AccountUser;
  tenantId: string;
  siteId: string;
}

/** Registers beforeEach/afterEach hooks; the returned object is filled anew before each test. */
export function useAccountsServer(): AccountsEnv {
  const env = {} as AccountsEnv;
  beforeEach(async () => {
    env.server = await startServer();
    env.url = env.server.url;
    env.store = env.server.store as AccountsStore;
    const now = Date.now();
    env.admin = await env.store.createAccount({ login: 'admin', name: 'Wang Admin', role: 'admin', password: PASSWORD }, now);
    env.tech = await env.store.createAccount({ login: 'li', name: '李工', role: 'technician', password: PASSWORD }, now);
    env.tenantId = (await env.store.createTenant({ name: 'ACME Hospital' })).id;
    env.siteId = (await env.store.createSite({ tenantId: env.tenantId, name: 'Main building' })).id;
    await env.store.setGrants(env.tech.id, [{ tenantId: env.tenantId, siteIds: '*' }]);
  });
  afterEach(async () => {
    await env.server.close();
  });
  return env;
}
