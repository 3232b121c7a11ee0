/**
 * createApp builds the HTTP server around a store; it opens nothing and starts nothing
 * (main.ts does), so tests build as many apps as they like with `app.inject`.
 *
 * Design: thin route plugins (parse → store → respond) over one Store interface with a
 * SQLite and a PostgreSQL implementation (src/store). Every synced table lives in one generic
 * `records` table with per-field HLC clocks; see src/store/apply.ts and merge.ts for the
 * sync invariants. Scope (tenant, sites, clientId) comes from the bearer token only.
 */
import { join } from 'node:path';
import compress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { blockRoutes } from './routes/blocks.ts';
import { healthRoutes } from './routes/health.ts';
import { printRoutes } from './routes/print.ts';
import { blobRoutes } from './routes/blobs.ts';
import { syncRoutes } from './routes/sync.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { BusyError } from './gate.ts';
import { API_LIMIT, RateLimiter, type Limit } from './ratelimit.ts';
import { headersFor } from './security.ts';
import type { Store } from './store/index.ts';
import { ConflictError, InvalidError } from './store/accounts.ts';
import { VERSION } from './version.ts';
import { registerWeb } from './web.ts';

export interface Clock {
  now(): number;
}

export interface AppOptions {
  store: Store;
  clock: Clock;
  /** The built SPA (adapter-static output). Without it only /api is served. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer };
  bodyLimit?: number;
  /** Requests to /api per client address (RATE_LIMIT_PER_MINUTE); the default suits a team. */
  apiLimit?: Limit;
}

/** What every route plugin receives. */
export interface RouteDeps {
  store: Store;
  clock: Clock;
  version: string;
}
export type RoutePlugin = FastifyPluginAsync<RouteDeps>;

/** Route modules, one plugin per file in src/routes. Add a feature's routes with one line. */
const routes: RoutePlugin[] = [healthRoutes, syncRoutes, printRoutes, blobRoutes, authRoutes, adminRoutes, blockRoutes, tenantRoutes];

export const BODY_LIMIT = 1024 * 1024;

const ERROR_CODES: Record<number, string> = { 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 413: 'payload-too-large', 415: 'unsupported-media-type' };

export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  const base = {
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? BODY_LIMIT,
    return503OnClosing: true
  } satisfies FastifyServerOptions;
  // The https variant has a different server type; routes only use the common surface.
  const app = (opts.https ? Fastify({ ...base, https: opts.https }) : Fastify(base)) as unknown as FastifyInstance;

  // gzip/br for replies over 1 KiB when the client asks (a pull page of 4 MiB shrinks a lot).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

  const headers = headersFor(opts.staticDir ? join(opts.staticDir, 'index.html') : undefined);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(headers());
    // Over TLS, tell browsers never to try plain HTTP for this host again (a year).
    if (opts.https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });

  // Every /api route is rate limited per client address: 429 with Retry-After, before any work.
  const limiter = new RateLimiter(opts.apiLimit ?? API_LIMIT);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const v = limiter.take(req.ip, opts.clock.now());
    if (!v.ok) {
      reply.header('retry-after', String(v.retryAfterS));
      return reply.code(429).send({ error: 'rate-limited', message: `too many requests; retry in ${v.retryAfterS} s` });
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    // 503, not 429: the refusal is about the server's load (passwords.ts), not this client's rate.
    if (err instanceof BusyError) return reply.code(503).header('retry-after', String(err.retryAfterS)).send({ error: 'busy', message: err.message });
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(500).send({ error: 'internal' });
    }
    const error = err instanceof ConflictError ? err.code : err instanceof InvalidError ? 'invalid' : (ERROR_CODES[status] ?? 'error');
    return reply.code(status).send({ error, message: err.message });
  });

  const deps: RouteDeps = { store: opts.store, clock: opts.clock, version: VERSION };
  for (const plugin of routes) await app.register(plugin, deps);
  await registerWeb(app, opts.staticDir);
  return app;
}
