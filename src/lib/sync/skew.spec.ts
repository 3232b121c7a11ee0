// Clock skew end to end (sync-protocol rules 5 and 9, issue 9 bug 1): tablets an hour fast and an
// hour slow against the real server. Edits ordered on a tablet stay ordered on the env.server, the
// tablet adopts the clocks the env.server stored, and later edits from others still reach it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from '$lib/domain/device';
import type { DeviceRow } from '$lib/db/schema';
import type { HlcState } from './hlc';
import { parseHlc } from './hlc';
import { tablet, useTenantServer, type Tablet } from './testkit';
import { MAX_DRIFT_MS } from './wire';

const HOUR = 3_600_000;
const env = useTenantServer();

async function seedDevice(a: Tablet): Promise<Device> {
  await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, env.tenantId);
  const siteId = (await a.org.createSite({ tenantId: env.tenantId, name: 'HQ', address: '' })).id;
  return a.devices.create({ ...newDeviceFields(env.tenantId, siteId, null), assetNumber: 'AC-000001', name: 'PC-1' });
}

async function rename(t: Tablet, id: string, patch: Partial<Device>): Promise<void> {
  const d = (await t.devices.get(id))!;
  await t.devices.update(id, { ...d, ...patch });
}

async function serverDevice(id: string) {
  return (await env.server.rows(env.tenantId)).find((r) => r.table === 'devices' && r.id === id)!;
}

async function localClocks(t: Tablet, id: string): Promise<Record<string, string>> {
  return ((await t.db.devices.get(id)) as DeviceRow & { clocks: Record<string, string> }).clocks;
}

describe('clock skew against the real server', () => {
  it('a tablet an hour fast: three edits in one push keep their order, the tablet adopts the stored clocks', async () => {
    const fast = tablet('fast', env.server, env.token, HOUR);
    const d = await seedDevice(fast);
    for (const name of ['first', 'second', 'third (final)']) await rename(fast, d.id, { name });
    expect(await fast.sync()).toMatchObject({ status: 'ok', pending: 0, rejected: 0 });

    const row = await serverDevice(d.id);
    expect(row.data.name).toBe('third (final)');
    // The env.server clamped the future clocks; the tablet now holds exactly the clocks it stored.
    expect(parseHlc(row.clocks.name!)!.wall).toBeLessThanOrEqual(Date.now() + MAX_DRIFT_MS);
    expect(await localClocks(fast, d.id)).toMatchObject({ name: row.clocks.name });
    // And its own clock no longer runs an hour ahead of the env.server's.
    const hlc = (await fast.db.meta.get('hlc'))!.value as HlcState;
    expect(hlc.wall).toBeLessThanOrEqual(Date.now() + MAX_DRIFT_MS + 1_000);

    // A second tablet's later edit reaches the fast one, and the fast one's next edit wins after it.
    const other = tablet('other', env.server, env.token);
    await other.sync();
    await rename(other, d.id, { name: 'from the other tablet' });
    await other.sync();
    await fast.sync();
    expect((await fast.devices.get(d.id))?.name).toBe('from the other tablet');
    await rename(fast, d.id, { name: 'fast again' });
    await fast.sync();
    await other.sync();
    expect((await serverDevice(d.id)).data.name).toBe('fast again');
    expect((await other.devices.get(d.id))?.name).toBe('fast again');
  });

  it('a fast clock stays ordered across separate pushes too', async () => {
    const fast = tablet('fast', env.server, env.token, HOUR);
    const d = await seedDevice(fast);
    await fast.sync();
    for (const name of ['one', 'two', 'three']) {
      await rename(fast, d.id, { notes: name });
      expect((await fast.sync()).status).toBe('ok');
    }
    expect((await serverDevice(d.id)).data.notes).toBe('three');
  });

  it('a tablet an hour slow still syncs; once it knows the offset its edits are not ranked an hour old', async () => {
    const fast = tablet('fast', env.server, env.token, HOUR);
    const slow = tablet('slow', env.server, env.token, -HOUR);
    const d = await seedDevice(fast);
    await fast.sync();
    await slow.sync(); // learns the offset and the fast tablet's clocks
    await rename(slow, d.id, { name: 'slow edit' });
    expect(await slow.sync()).toMatchObject({ status: 'ok', pending: 0 });
    expect((await serverDevice(d.id)).data.name).toBe('slow edit');
    await fast.sync();
    expect((await fast.devices.get(d.id))?.name).toBe('slow edit');

    // Both tablets end equal to the env.server, field by field and clock by clock.
    await slow.sync();
    const row = await serverDevice(d.id);
    for (const t of [fast, slow]) {
      const local = (await t.db.devices.get(d.id)) as unknown as Record<string, unknown> & { clocks: Record<string, string> };
      for (const [f, c] of Object.entries(row.clocks)) {
        expect(local.clocks[f], `${t.name}.${f}`).toBe(c);
        expect(JSON.stringify(local[f]), `${t.name}.${f}`).toBe(JSON.stringify(row.data[f]));
      }
    }
  });
});
