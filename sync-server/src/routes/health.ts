import type { RoutePlugin } from '../app.ts';

/** Liveness plus what is behind it; 503 when the database does not answer. */
export const healthRoutes: RoutePlugin = async (app, { store, version }) => {
  app.get('/api/health', async (req, reply) => {
    try {
      return { ...(await store.health()), version };
    } catch (err) {
      req.log.error({ err }, 'health check failed');
      return reply.code(503).send({ ok: false, store: store.kind, version, error: 'store-unavailable' });
    }
  });
};
