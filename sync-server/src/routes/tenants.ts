/**
 * POST /api/sync/tenants { id, name } (account token, technician or admin): registers a client
 * company created on a tablet, under the id the tablet gave it, at its first sync (issue 9).
 * The creator receives a grant of it with all sites (an administrator holds it anyway). A retry
 * by someone who holds it answers the same; an id that exists without a grant of the caller is
 * 403, like any company not granted. Replies 201 (created) or 200 with the caller's Grant.
 * Not in /tmp/aw/api.md's first draft: an addition, named in the accounts report.
 */
import { z } from 'zod';
import type { Grant } from '../../../src/lib/sync/accounts.ts';
import type { RoutePlugin } from '../app.ts';
import { bearerPrincipal, effectiveGrants, fail, requireRole, roleOf, WRITERS } from '../auth.ts';
import { isUniqueViolation } from '../store/accounts.ts';

const bodySchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), name: z.string().trim().min(1).max(200) });

export const tenantRoutes: RoutePlugin = async (app, { store, clock }) => {
  app.post('/api/sync/tenants', async (req, reply) => {
    const p = await bearerPrincipal(req, store, clock.now());
    if (!p) return fail(reply, 401, 'unauthorized', 'missing, expired or revoked token');
    requireRole(roleOf(p), WRITERS);
    if (p.kind !== 'session') return fail(reply, 403, 'forbidden', 'an integration token is bound to its client company');
    const body = bodySchema.safeParse(req.body);
    if (!body.success) return fail(reply, 400, 'invalid', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { id, name } = body.data;
    const user = p.session.user;
    let created = true;
    try {
      await store.createTenant({ id, name });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      created = false;
    }
    if (created && user.role !== 'admin') await store.putGrant(user.id, { tenantId: id, siteIds: '*' });
    const grant: Grant | undefined = (await effectiveGrants(store, user)).find((g) => g.tenantId === id);
    if (!grant) return fail(reply, 403, 'forbidden', 'this client company is not granted to the account');
    return reply.code(created ? 201 : 200).send(grant);
  });
};
