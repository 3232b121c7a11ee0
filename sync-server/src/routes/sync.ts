/**
 * POST /api/sync/push and GET /api/sync/pull (sync-protocol rules 4, 7, 8, 10, 11, 12).
 * - scope comes from the bearer token alone; 401 changes nothing, so the outbox stays intact;
 * - `X-AssetWalk-Protocol` is required; the current and the previous version are served,
 *   older ones get 426 (update the service worker);
 * - a malformed body is 400 and nothing of the batch is applied; over the body limit is 413; an
 *   issue inside a mutation names its `mutationId` and the field path (protocol.ts limits);
 * - ids are per tenant, so another tenant's id is simply a new record of ours (rule 10); a batch
 *   sent with a clientId the token is not bound to is 403 and nothing of it is applied;
 * - pull pages are bounded in rows and bytes; rows the server cannot serve are skipped, logged
 *   and named in `skipped`, never a 500 for the whole page; the reply is built as text with the
 *   stored data spliced in (store/pull-page.ts);
 * - `clocks=compact` sends each row's most common clock once (protocol/compact-clocks.ts): a
 *   first sync's JSON is ~40 % smaller; without it rows carry the full map, as before;
 * - replies carry `serverTime` so the client can measure its clock offset (rule 5);
 * - a pull from a cursor older than the tombstone collection horizon is 410 resync-required;
 * - GET /api/sync/conflicts serves the tenant's recorded conflicts to every token that may
 *   read their records (store/conflict-feed.ts), so tablets show losers the server kept.
 */
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutePlugin } from '../app.ts';
import { conflictFeedQuerySchema, MIN_PROTOCOL_VERSION, pullQuerySchema, pushRequestSchema } from '../protocol.ts';
import { ForbiddenError, GoneError, type Store, type TokenScope } from '../store/index.ts';
import { bearerScope, requireRole, WRITERS } from '../auth.ts';

/** The mutationId of the mutation an issue path points into, when the body names one. */
function mutationIdAt(body: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'mutations' || typeof path[1] !== 'number') return undefined;
  const list = (body as { mutations?: unknown } | null)?.mutations;
  const m = Array.isArray(list) ? (list[path[1]] as { mutationId?: unknown } | undefined) : undefined;
  return typeof m?.mutationId === 'string' ? m.mutationId : undefined;
}

type Gate = { scope: TokenScope } | { status: number; body: { error: string; message: string } };

async function gate(req: FastifyRequest, store: Store, now: number): Promise<Gate> {
  const raw = req.headers['x-assetwalk-protocol'];
  const version = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(version)) return { status: 400, body: { error: 'bad-request', message: 'X-AssetWalk-Protocol header required' } };
  if (version < MIN_PROTOCOL_VERSION) return { status: 426, body: { error: 'upgrade-required', message: `protocol ${version} is no longer served` } };
  const scope = await bearerScope(req, store, now);
  if (!scope) return { status: 401, body: { error: 'unauthorized', message: 'missing, expired or revoked token' } };
  return { scope };
}

function refuse(reply: FastifyReply, g: Exclude<Gate, { scope: TokenScope }>) {
  if (g.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(g.status).send(g.body);
}

/**
 * Pull pages are large (~0.5 MiB of JSON each) and a first sync asks for hundreds: brotli at
 * quality 1 takes a third of the time of quality 4 (the plugin's default) for a reply ~15 %
 * larger, and gzip level 1 likewise (BENCHMARKS.md, "Sync"). The server's CPU is the scarcer.
 */
const PULL_COMPRESSION = {
  brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
  zlibOptions: { level: 1 }
};

export const syncRoutes: RoutePlugin = async (app, { store, clock }) => {
  app.post('/api/sync/push', async (req, reply) => {
    const now = clock.now();
    const g = await gate(req, store, now);
    if (!('scope' in g)) return refuse(reply, g);
    requireRole(g.scope.role, WRITERS); // a viewer may pull, never push (403)
    const parsed = pushRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message, mutationId: mutationIdAt(req.body, i.path) }));
      return reply.code(400).send({ error: 'invalid', issues });
    }
    try {
      const results = await store.applyMutations(g.scope, parsed.data.mutations, { now });
      const clamped = results.filter((r) => r.status === 'applied' && r.clamped).length;
      if (clamped > 0) req.log.warn({ tokenId: g.scope.tokenId, clamped }, 'clamped HLC timestamps from the future');
      return { results, serverTime: now };
    } catch (err) {
      if (err instanceof ForbiddenError) return reply.code(403).send({ error: 'forbidden', message: err.message });
      throw err;
    }
  });

  app.get('/api/sync/pull', { compress: PULL_COMPRESSION }, async (req, reply) => {
    const now = clock.now();
    const g = await gate(req, store, now);
    if (!('scope' in g)) return refuse(reply, g);
    const q = pullQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'invalid', issues: q.error.issues.map((i) => ({ path: i.path, message: i.message })) });
    let page: Awaited<ReturnType<Store['pullJson']>>;
    try {
      page = await store.pullJson(g.scope, q.data.cursor, q.data.limit, { resync: q.data.resync === '1', compact: q.data.clocks === 'compact', serverTime: now });
    } catch (err) {
      // A cursor older than the tombstone collection horizon: the tablet resyncs from 0 (gc.ts).
      if (err instanceof GoneError) return reply.code(410).send({ error: 'resync-required', message: err.message, serverTime: now });
      throw err;
    }
    if (page.skipped.length > 0) req.log.error({ tenantId: g.scope.tenantId, skipped: page.skipped }, 'pull skipped rows it cannot serve');
    return reply.type('application/json; charset=utf-8').send(page.json);
  });

  // The tenant's conflicts as a feed, scoped as pull (store/conflict-feed.ts); viewers may read it.
  app.get('/api/sync/conflicts', async (req, reply) => {
    const now = clock.now();
    const g = await gate(req, store, now);
    if (!('scope' in g)) return refuse(reply, g);
    const q = conflictFeedQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'invalid', issues: q.error.issues.map((i) => ({ path: i.path, message: i.message })) });
    return { ...(await store.conflictFeed(g.scope, q.data.since, q.data.after, q.data.limit)), serverTime: now };
  });
};
