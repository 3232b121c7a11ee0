/**
 * An app with team accounts for the accounts*.spec.ts files: client companies ACME (sites HQ and
 * Ward) and Globex, and the accounts admin, tech (ACME, all sites), viewer (ACME) and ward
 * (technician, ACME's Ward only), all with PASSWORD. The app's clock is `f.now`, moved by tests.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../src/app.ts';
import { PROTOCOL_VERSION } from '../src/protocol.ts';
import type { Store } from '../src/store/index.ts';
import { TENANT_HEADER, type SessionTokens } from '../../src/lib/sync/accounts.ts';
import { NOW, type Backend, type Opened } from './helpers.ts';

export const PASSWORD = 'correct horse battery';

export function accountsFixture(b: Backend, opts: { noAccounts?: boolean } = {}) {
  const f = {} as {
    o: Opened;
    store: Store;
    app: FastifyInstance;
    now: number;
    acme: { id: string; hq: string; ward: string };
    globex: { id: string };
    ids: Record<'admin' | 'tech' | 'viewer' | 'ward', string>;
  };
  beforeEach(async () => {
    if (b.skip) return;
    f.o = await b.open();
    f.store = f.o.store;
    f.now = NOW;
    await f.store.migrate();
    const acme = await f.store.createTenant({ name: 'ACME' });
    const hq = await f.store.createSite({ tenantId: acme.id, name: 'HQ' });
    const ward = await f.store.createSite({ tenantId: acme.id, name: 'Ward 3' });
    f.acme = { id: acme.id, hq: hq.id, ward: ward.id };
    f.globex = { id: (await f.store.createTenant({ name: 'Globex' })).id };
    if (!opts.noAccounts) {
      const make = (login: string, role: 'admin' | 'technician' | 'viewer') => f.store.createAccount({ login, name: login, role, password: PASSWORD }, NOW);
      const [admin, tech, viewer, wardTech] = await Promise.all([make('admin', 'admin'), make('tech', 'technician'), make('viewer', 'viewer'), make('ward', 'technician')]);
      f.ids = { admin: admin.id, tech: tech.id, viewer: viewer.id, ward: wardTech.id };
      await f.store.setGrants(tech.id, [{ tenantId: acme.id, siteIds: '*' }]);
      await f.store.setGrants(viewer.id, [{ tenantId: acme.id, siteIds: '*' }]);
      await f.store.setGrants(wardTech.id, [{ tenantId: acme.id, siteIds: [ward.id] }]);
    }
    f.app = await createApp({ store: f.store, clock: { now: () => f.now } });
  });
  afterEach(async () => {
    if (b.skip) return;
    await f.app.close();
    await f.o.cleanup();
  });
  return f;
}

type F = ReturnType<typeof accountsFixture>;

/** Requests as a tablet would send them. */
export function client(f: F) {
  const auth = (token?: string | null, tenant?: string | null): Record<string, string> => ({
    'x-assetwalk-protocol': String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(tenant ? { [TENANT_HEADER]: tenant } : {})
  });
  const call = (method: InjectOptions['method'], url: string, token?: string | null, payload?: object, tenant?: string | null) =>
    f.app.inject({ method, url, headers: auth(token, tenant), ...(payload ? { payload } : {}) });
  return {
    call,
    login: (login: string, clientId = `tab-${login}`, password = PASSWORD, remote = '10.0.0.1') =>
      f.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: remote, payload: { login, password, clientId, deviceName: `${login}'s tablet` } }),
    /** Logs in and returns the tokens (throws unless 200). */
    async session(login: string, clientId = `tab-${login}`): Promise<SessionTokens> {
      const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: PASSWORD, clientId, deviceName: 'Tablet' } });
      if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
      return res.json<SessionTokens>();
    },
    refresh: (refreshToken: string) => f.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } }),
    push: (token: string | null, tenant: string | null, mutations: object[]) => call('POST', '/api/sync/push', token, { mutations }, tenant),
    pull: (token: string | null, tenant: string | null) => call('GET', '/api/sync/pull?cursor=0&limit=100', token, undefined, tenant)
  };
}
