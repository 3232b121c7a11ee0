// Deletes and restores end to end (sync-protocol rule 6, must-pass case 5) against the real
// server: the tombstone beats a concurrent edit in both orders, the lost edit is kept as a
// conflict, nothing comes back by itself, and an explicit restore brings the record back everywhere.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from '$lib/domain/device';
import { tablet, useTenantServer, type Tablet } from './testkit';

const env = useTenantServer();

async function twoTablets(): Promise<{ a: Tablet; b: Tablet; d: Device }> {
  const a = tablet('tabA', env.server, env.token);
  await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
  const siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
  const d = await a.devices.create({ ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000001', name: 'PC-1' });
  await a.sync();
  const b = tablet('tabB', env.server, env.token);
  await b.sync();
  expect((await b.devices.get(d.id))?.name).toBe('PC-1');
  return { a, b, d };
}

const serverRow = async (id: string) => (await env.server.rows(env.tenantId)).find((r) => r.id === id)!;

describe('deletes and restores between two tablets', () => {
  for (const order of ['delete first', 'edit first'] as const) {
    it(`a delete beats a concurrent edit (${order}); the edit is kept`, async () => {
      const { a, b, d } = await twoTablets();
      await a.devices.remove(d.id);
      await b.devices.update(d.id, { ...(await b.devices.get(d.id))!, assignedUser: '张三' });
      const [first, second] = order === 'delete first' ? [a, b] : [b, a];
      await first.sync();
      await second.sync();
      await first.sync();
      expect((await serverRow(d.id)).deletedHlc).not.toBeNull();
      for (const t of [a, b]) {
        expect(await t.devices.get(d.id), t.name).toBeUndefined();
        expect((await t.devices.getDeleted(d.id))?.assetNumber).toBe('AC-000001');
      }
      if (order === 'delete first') {
        // B's edit reached a tombstone: it is not lost, it is listed as a conflict on B.
        const lost = await b.db.conflicts.where('[table+recordId]').equals(['devices', d.id]).toArray();
        expect(lost.map((c) => [c.field, c.value])).toContainEqual(['assignedUser', '张三']);
      }
      // Either way the edit stays in the record's hidden data, so a restore brings it back.
      expect((await serverRow(d.id)).data.assignedUser).toBe('张三');
      // Nothing comes back by itself on later syncs.
      await a.sync();
      await b.sync();
      expect(await b.devices.get(d.id)).toBeUndefined();
    });
  }

  it('a restore brings the device back on every tablet, with the edits it carried', async () => {
    const { a, b, d } = await twoTablets();
    await a.devices.remove(d.id);
    await a.sync();
    await b.sync();
    expect(await b.devices.get(d.id)).toBeUndefined();
    expect((await b.devices.listDeleted(env.tenantId)).map((x) => x.id)).toEqual([d.id]);

    await b.devices.restore(d.id);
    expect((await b.devices.get(d.id))?.name).toBe('PC-1');
    // A pull before the restore is pushed must not delete it again here.
    await b.sync();
    expect((await b.devices.get(d.id))?.name).toBe('PC-1');
    expect((await serverRow(d.id)).deletedHlc).toBeNull();
    await a.sync();
    expect((await a.devices.get(d.id))?.name).toBe('PC-1');
    expect(await a.devices.listDeleted(env.tenantId)).toEqual([]);
    const history = await b.devices.history(d.id);
    expect(history.map((h) => h.field)).toContain('restored');
  });
});
