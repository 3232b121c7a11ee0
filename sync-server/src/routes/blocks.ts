/**
 * POST /api/sync/blocks (X-AssetWalk-Tenant with an account token): leases a block of running
 * numbers of the LEASED range for a prefix (src/lib/domain/assetBlocks.ts); technician or admin.
 * The store guarantees that blocks of one tenant and prefix never overlap (store/blocks.ts).
 */
import { z } from 'zod';
import type { RoutePlugin } from '../app.ts';
import { bearerScope, fail, requireRole, WRITERS } from '../auth.ts';
import { MAX_LEASE, PREFIX_RE } from '../store/blocks.ts';

const leaseSchema = z.object({ prefix: z.string().regex(PREFIX_RE), size: z.number().int().min(1).max(MAX_LEASE) });

export const blockRoutes: RoutePlugin = async (app, { store, clock }) => {
  app.post('/api/sync/blocks', async (req, reply) => {
    const now = clock.now();
    const scope = await bearerScope(req, store, now);
    if (!scope) return fail(reply, 401, 'unauthorized', 'missing, expired or revoked token');
    requireRole(scope.role, WRITERS);
    const body = leaseSchema.safeParse(req.body);
    if (!body.success) return fail(reply, 400, 'invalid', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      return await store.leaseBlock({ tenantId: scope.tenantId, ...body.data, clientId: scope.clientId ?? null, accountId: scope.userId }, now);
    } catch (err) {
      if (err instanceof RangeError) return fail(reply, 409, 'exhausted', err.message);
      throw err;
    }
  });
};
