import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleClient } from '$lib/domain/sample';
import { IncidentRepository } from './serviceIncidents';
import { ArticleRepository } from './serviceArticles';
import { writeSampleService } from './sampleService';
import { testDb } from './testing';

describe('sample service desk in the database', () => {
  it('writes articles with versions and incidents with their logs, all queued for sync', async () => {
    const { db, ctx, org, devices } = testDb();
    const c = sampleClient(200, 7);
    const tenant = await org.createTenant(c.tenant);
    const site = await org.createSite({ tenantId: tenant.id, name: 'x', address: '' });
    await devices.bulkCreate(c.devices.map(({ siteKey: _s, locationKey: _l, ...d }) => ({ ...d, tenantId: tenant.id, siteId: site.id, locationId: null })));
    await writeSampleService(db, ctx, tenant.id, new Map([['main', site.id], ['east', site.id]]), c);
    const arts = await new ArticleRepository(db, ctx).list(tenant.id);
    expect(arts.length).toBeGreaterThanOrEqual(8);
    expect(arts.some((a) => a.links.some((l) => l.type === 'special'))).toBe(true);
    const incs = await new IncidentRepository(db, ctx).list(tenant.id);
    expect(incs.length).toBe(36);
    expect(new Set(incs.map((i) => i.number)).size).toBe(36);
    expect(incs.some((i) => i.status === 'closed' && i.satisfaction)).toBe(true);
    expect(await db.outbox.where('table').equals('incidentLogs').count()).toBeGreaterThan(36 * 2);
  });
});
