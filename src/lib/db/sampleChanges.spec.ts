import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleClient } from '$lib/domain/sample';
import { ChangeRepository } from './changes';
import { RequestRepository } from './requests';
import { writeSampleChanges } from './sampleChanges';
import { testDb } from './testing';

describe('the sample client’s changes and requests', () => {
  it('shows every stage, with outcomes derived from the approval records', async () => {
    const { db, ctx, devices, org } = testDb();
    const c = sampleClient(200, 7);
    const tenant = await org.createTenant(c.tenant);
    const site = await org.createSite({ tenantId: tenant.id, name: '总院', address: '' });
    await devices.bulkCreate(c.devices.map(({ siteKey: _s, locationKey: _l, ...d }) => ({ ...d, tenantId: tenant.id, siteId: site.id, locationId: null })));
    await writeSampleChanges(db, ctx, tenant.id, site.id, c, '2026-12-03T02:00:00.000Z');

    const changes = await new ChangeRepository(db, ctx).list(tenant.id);
    expect(changes.map((v) => v.status).sort()).toEqual(['backed-out', 'closed', 'draft', 'scheduled', 'submitted']);
    expect(changes.every((v) => v.change.deviceIds.length > 0 || v.status === 'draft')).toBe(true);
    const requests = await new RequestRepository(db, ctx, devices).list(tenant.id);
    expect(requests.map((v) => v.status).sort()).toEqual(['approved-gm', 'approved-it', 'batched', 'rejected', 'submitted']);
    const outbox = await db.outbox.where('table').equals('approvals').toArray();
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((e) => e.op === 'insert')).toBe(true);
  });
});
