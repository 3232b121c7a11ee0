// Issue 9 bug 2: two tablets finishing the same room audit wrote one record id with different
// findings; the env.server answered "duplicate" and the tablets diverged for good. Now both end with
// the env.server's (first) record and the other findings are a visible conflict on the second tablet.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { RoomAuditRepository } from '$lib/db/roomAudits';
import { clientConflicts, recordConflicts } from './resolve';
import { tablet, useTenantServer } from './testkit';

const env = useTenantServer();

describe('two tablets finish the same room audit', () => {
  it('end equal, with the second finding kept as a conflict', async () => {
    const a = tablet('tabA', env.server, env.token);
    await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
    const siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
    const room = await a.org.createLocation({ tenantId: env.tenantId, siteId, building: 'A', floor: '3F', room: '301' });
    const pc = await a.devices.create({ ...newDeviceFields(env.tenantId, siteId, room.id), assetNumber: 'AC-000001', name: 'PC-1' });
    const auditsA = new RoomAuditRepository(a.db, a.ctx, a.devices);
    const header = await auditsA.start({ tenantId: env.tenantId, siteId, locationId: room.id });
    await a.sync();
    const b = tablet('tabB', env.server, env.token);
    await b.sync();
    const auditsB = new RoomAuditRepository(b.db, b.ctx, b.devices);

    // A finds the PC, B (offline, same room) does not: same finish id, different findings.
    await auditsA.addScan(header.id, 'AC-000001', 'camera', { type: 'device', deviceId: pc.id, assetNumber: 'AC-000001', name: 'PC-1', locationId: room.id });
    await auditsA.finish(header.id);
    await auditsB.finish(header.id);
    await a.sync();
    await b.sync();
    await a.sync();

    const finishId = `${header.id}:finish`;
    const onServer = (await env.server.rows(env.tenantId)).find((r) => r.id === finishId)!;
    for (const t of [a, b]) {
      const row = (await t.db.roomAudits.get(finishId))!;
      expect(JSON.stringify(row.findings), t.name).toBe(JSON.stringify(onServer.data.findings));
      expect(JSON.stringify((await new RoomAuditRepository(t.db, t.ctx, t.devices).get(header.id))!.findings.found), t.name).toContain(pc.id);
    }
    const lines = await clientConflicts(b.db, env.tenantId);
    expect(lines.map((l) => [l.table, l.field])).toContainEqual(['roomAudits', 'findings']);
    // The audit's own page lists the same line, and only that record's.
    const own = await recordConflicts(b.db, 'roomAudits', finishId);
    expect(own.map((l) => l.field)).toContain('findings');
    expect(own).toEqual(lines.filter((l) => l.table === 'roomAudits' && l.recordId === finishId));
    expect(await recordConflicts(b.db, 'devices', pc.id)).toEqual([]);
    expect(await a.db.conflicts.count()).toBe(0);
  });
});
