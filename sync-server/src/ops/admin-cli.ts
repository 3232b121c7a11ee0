/**
 * `npm run admin -- <command> [options]`: the team's accounts from the shell, on the store of
 * DATA_DIR or DATABASE_URL (the same as npm start). Passwords are read from stdin when it is a
 * pipe (`echo … | npm run admin -- create-user …`), else generated and printed once. Prints
 * results on stdout, problems on stderr with exit code 1 (2 for a usage error).
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../../src/lib/sync/accounts.ts';
import { readConfig } from '../config.ts';
import { generatePassword, passwordProblem } from '../passwords.ts';
import { gcLines, runGc, type GcSettings } from './gc-run.ts';
import { ConflictError, InvalidError, normLogin } from '../store/accounts.ts';
import { openStore, type Store } from '../store/index.ts';

export const USAGE = `usage: npm run admin -- <command>
  create-tenant --name NAME                       a client company; prints its id
  create-site --tenant ID --name NAME             a site of it; prints its id
  create-user --login L --name N --role admin|technician|viewer   password from stdin, or generated
  grant --login L --tenant ID [--sites a,b]       all sites unless --sites
  revoke --login L --tenant ID
  reset-password --login L                        password from stdin, or generated; ends its sessions
  list-tenants | list-users | list-tablets
  revoke-tablet --client ID                       ends its sessions; it cannot log in again
  token --tenant ID [--sites a,b] [--client ID]   a legacy integration token, shown once
  gc                                              now: tombstones older than TOMBSTONE_TTL_DAYS, unused files
                                                  and unfinished uploads, ended sessions (as the server does daily)`;

class UsageError extends Error {}
/** A gc run with a failed step: everything it did is printed, with exit code 1. */
class GcError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The password from stdin, or a generated one (then also returned as `shown` to print once). */
async function newPassword(): Promise<{ password: string; shown: string | null }> {
  const typed = await readStdin();
  if (typed === '') {
    const password = generatePassword();
    return { password, shown: password };
  }
  const problem = passwordProblem(typed);
  if (problem) throw new InvalidError(problem);
  return { password: typed, shown: null };
}

async function run(store: Store, argv: string[], now: number, cfg: GcSettings): Promise<string[]> {
  const [command, ...rest] = argv;
  const { values: o } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, tenant: { type: 'string' }, login: { type: 'string' }, role: { type: 'string' }, sites: { type: 'string' }, client: { type: 'string' } },
    strict: true
  });
  const need = (k: keyof typeof o): string => {
    const v = o[k]?.trim();
    if (!v) throw new UsageError(`${command} needs --${k}`);
    return v;
  };
  const sites = (): '*' | string[] => (o.sites === undefined ? '*' : o.sites.split(',').map((s) => s.trim()).filter(Boolean));
  const account = async () => {
    const a = await store.accountByLogin(need('login'));
    if (!a) throw new InvalidError(`no user with the login "${normLogin(need('login'))}"`);
    return a;
  };

  switch (command) {
    case 'create-tenant': {
      const t = await store.createTenant({ name: need('name') });
      return [`Client company "${t.name}" created: ${t.id}`];
    }
    case 'create-site': {
      const tenant = need('tenant');
      if ((await store.tenantName(tenant)) === null) throw new InvalidError(`no client company ${tenant}`);
      const s = await store.createSite({ tenantId: tenant, name: need('name') });
      return [`Site "${s.name}" created: ${s.id}`];
    }
    case 'create-user': {
      const role = need('role');
      if (!ROLES.includes(role as Role)) throw new UsageError(`--role is one of ${ROLES.join(', ')}`);
      const login = need('login');
      const name = need('name');
      const { password, shown } = await newPassword();
      const u = await store.createAccount({ login, name, role: role as Role, password }, now);
      return [`User "${u.login}" (${u.role}) created: ${u.id}`, ...(shown ? [`Password (shown once): ${shown}`] : [])];
    }
    case 'grant': {
      const a = await account();
      const grants = await store.putGrant(a.id, { tenantId: need('tenant'), siteIds: sites() });
      return grants.map((g) => `${a.login}: ${g.tenantName} (${g.tenantId}) ${g.siteIds === '*' ? 'all sites' : g.siteIds.join(', ')}`);
    }
    case 'revoke': {
      const a = await account();
      const done = await store.removeGrant(a.id, need('tenant'));
      return [done ? `${a.login} no longer holds ${o.tenant}` : `${a.login} held no grant of ${o.tenant}`];
    }
    case 'reset-password': {
      const a = await account();
      const { password, shown } = await newPassword();
      await store.setPassword(a.id, password, now);
      return [`Password of "${a.login}" reset; its sessions ended.`, ...(shown ? [`Password (shown once): ${shown}`] : [])];
    }
    case 'list-tenants':
      return (await store.listTenants()).map((t) => `${t.id}\t${t.name}\t${t.sites.map((s) => `${s.name} (${s.id})`).join(', ')}`);
    case 'list-users':
      return (await store.listAccounts()).map((u) => `${u.login}\t${u.role}\t${u.disabled ? 'disabled' : 'enabled'}\t${u.name}\t${u.grants.map((g) => g.tenantName).join(', ')}`);
    case 'list-tablets': {
      const date = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));
      const rows = (await store.listTablets()).map((t) =>
        [t.clientId, t.userLogin, t.deviceName, t.code ?? '-', date(t.lastSeenAt), t.revokedAt === null ? 'active' : `revoked ${date(t.revokedAt)}`].join('\t'));
      return rows.length ? ['client\tuser\tdevice\tcode\tlast seen\tstate', ...rows] : ['No tablets registered yet.'];
    }
    case 'revoke-tablet': {
      const client = need('client');
      if (!(await store.revokeTablet(client, now))) throw new InvalidError(`no tablet ${client}`);
      return [`Tablet ${client} revoked; its sessions ended.`];
    }
    case 'token': {
      const tenant = need('tenant');
      if ((await store.tenantName(tenant)) === null) throw new InvalidError(`no client company ${tenant}`);
      const { token } = await store.createToken({ tenantId: tenant, siteIds: sites(), clientId: o.client ?? null });
      return [`Integration token (shown once, stored only as a hash): ${token}`];
    }
    case 'gc': {
      const r = await runGc(store, cfg, now);
      if (r.errors.length > 0) throw new GcError(gcLines(r, cfg).join('\n'));
      return gcLines(r, cfg);
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  }
}

async function main(): Promise<void> {
  const cfg = readConfig(process.env, process.cwd());
  const store = openStore(cfg.database);
  try {
    await store.migrate();
    for (const line of await run(store, process.argv.slice(2), Date.now(), cfg)) console.log(line);
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  const known = usage || err instanceof InvalidError || err instanceof ConflictError || err instanceof GcError;
  console.error(usage ? `${(err as Error).message}\n${USAGE}` : known ? (err as Error).message : `failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(usage ? 2 : 1);
});
