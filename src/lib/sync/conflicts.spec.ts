// Two tablets through the real server: per-field merge, same-field LWW with visible losers,
// delete against edit, sequential overwrites, unknown fields, clock offset.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields, type Device } from '$lib/domain/device';
import { writeInTx, syncTables } from '$lib/db/writer';
import { useConflictValue } from './resolve';
import { startServer, tablet, type Tablet, type TestServer } from './testkit';

let server: TestServer;
let tenantId: string;
let a: Tablet;
let b: Tablet;
let device: Device;

beforeEach(async () => {
  server = await startServer();
  tenantId = crypto.randomUUID();
  await server.store.createTenant({ id: tenantId, name: 'ACME' });
  const token = (await server.store.createToken({ tenantId, siteIds: '*' })).token;
  // A's clock runs 5 s slow: on the same field B's later edit has the higher HLC.
  a = tablet('tabA', server, token, -5_000);
  a.adoptOffset = false; // stays slow unless a test corrects it
  b = tablet('tabB', server, token);
  await a.org.createTenant({ name: 'ACME', assetPrefix: 'AC', serviceDeskPhone: '' }, tenantId);
  const site = await a.org.createSite({ tenantId, name: 'HQ', address: '' });
  device = await a.devices.create({ ...newDeviceFields(tenantId, site.id, null), assetNumber: 'AC-000001', name: 'PC-1', assignedUser: 'Li' });
  expect((await a.sync()).status).toBe('ok');
  expect((await b.sync()).status).toBe('ok');
});
afterEach(async () => {
  await server.close();
});

const edit = (t: Tablet, fields: Partial<Device>) => t.devices.get(device.id).then((d) => t.devices.update(device.id, { ...d!, ...fields }));
const syncAll = async (...ts: Tablet[]) => {
  for (const t of ts) expect((await t.sync()).status).toBe('ok');
};

describe('two tablets', () => {
  it('edits to different fields of one device both survive, without conflicts', async () => {
    await edit(a, { name: 'PC-1 (finance)' });
    await edit(b, { notes: 'fan noisy' });
    await syncAll(a, b, a);
    for (const t of [a, b]) {
      expect(await t.devices.get(device.id)).toMatchObject({ name: 'PC-1 (finance)', notes: 'fan noisy' });
      expect(await t.db.conflicts.toArray()).toEqual([]);
    }
  });

  it.each([
    ['the winner syncs first', () => [b, a, b]],
    ['the loser syncs first', () => [a, b, a]]
  ])('same field: the higher HLC wins on both, the loser is in conflicts on the losing side (%s)', async (_n, order) => {
    await edit(a, { assignedUser: 'Wang (A)' });
    await edit(b, { assignedUser: 'Zhao (B)' });
    await syncAll(...order());
    for (const t of [a, b]) expect((await t.devices.get(device.id))?.assignedUser).toBe('Zhao (B)');
    const lost = await a.db.conflicts.where('[table+recordId]').equals(['devices', device.id]).toArray();
    expect(lost).toHaveLength(1);
    const bClock = (await b.devices.get(device.id))!.clocks.assignedUser!;
    expect(lost[0]).toMatchObject({ field: 'assignedUser', value: 'Wang (A)', winnerHlc: bClock });
    expect(lost[0]!.hlc < bClock).toBe(true);
    // The server kept the loser too (thanks to the `base` clocks the writer now sends).
    expect((await server.store.conflicts({ tenantId, siteIds: '*' }, 'devices', device.id)).map((c) => c.value)).toEqual(['Wang (A)']);
  });

  it('"use this value" writes the loser back with a newer clock, and it wins on both tablets', async () => {
    await edit(a, { assignedUser: 'Wang (A)' });
    await edit(b, { assignedUser: 'Zhao (B)' });
    await syncAll(b);
    // A adopts the server's clock offset on this sync, as the app does on every sync: rule (c)
    // of merge.ts reads "stamped before the ack" as concurrent, so an uncorrected slow clock
    // would make B see A's sequential overwrite below as a loss (a false positive, not a loss).
    expect((await a.sync({ setClockOffset: (ms) => (a.offsetMs = ms) })).status).toBe('ok');
    const [lost] = await a.db.conflicts.toArray();
    expect(lost?.value).toBe('Wang (A)');
    expect(await useConflictValue(a.db, a.ctx, lost!.id!)).toBe(true);
    expect(await a.db.conflicts.count()).toBe(0);
    const mine = (await a.devices.get(device.id))!;
    expect(mine.clocks.assignedUser! > lost!.winnerHlc).toBe(true);
    await syncAll(a, b);
    expect((await b.devices.get(device.id))?.assignedUser).toBe('Wang (A)');
    expect(await b.db.conflicts.count()).toBe(0);
  });

  it('an edit made after pulling the other value is sequential: no conflict anywhere', async () => {
    await edit(a, { assignedUser: 'Wang' });
    await syncAll(a, b);
    await edit(b, { assignedUser: 'Zhao' });
    await syncAll(b, a);
    expect((await a.devices.get(device.id))?.assignedUser).toBe('Zhao');
    expect(await a.db.conflicts.count()).toBe(0);
    expect(await b.db.conflicts.count()).toBe(0);
    expect(await server.store.conflicts({ tenantId, siteIds: '*' }, 'devices', device.id)).toEqual([]);
  });

  it.each([
    ['delete first', () => [a, b, a]],
    ['edit first', () => [b, a, b]]
  ])('delete against edit: the tombstone wins everywhere, nothing is resurrected (%s)', async (_n, order) => {
    await a.devices.remove(device.id);
    await edit(b, { notes: 'still here?' });
    await syncAll(...order());
    await syncAll(a, b);
    for (const t of [a, b]) {
      expect(await t.devices.get(device.id)).toBeUndefined();
      expect((await t.db.devices.get(device.id))?.deleted).toBeTruthy();
    }
    const server = await serverRow();
    expect(server?.deletedHlc).toBeTruthy();
  });

  it('a newer client’s unknown field is stored by the tablet, never dropped, and survives a local edit', async () => {
    await a.db.transaction('rw', [a.db.devices, ...syncTables(a.db)], async () => {
      await writeInTx(a.db, a.db.devices, device.id, { rfidTag: 'E200-1234' }, a.ctx);
    });
    await syncAll(a, b);
    expect((await b.db.devices.get(device.id)) as unknown as Record<string, unknown>).toMatchObject({ rfidTag: 'E200-1234' });
    await edit(b, { name: 'renamed' });
    await syncAll(b, a);
    const row = (await a.db.devices.get(device.id)) as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ rfidTag: 'E200-1234', name: 'renamed' });
  });

  it('adopts the server clock offset, so a slow tablet’s edits are stamped near server time', async () => {
    const offsets: number[] = [];
    await a.sync({ setClockOffset: (ms) => offsets.push(ms) });
    expect(offsets.length).toBeGreaterThan(0);
    expect(Math.abs(offsets.at(-1)! - 5_000)).toBeLessThan(1_000);
  });
});

async function serverRow() {
  return (await server.rows(tenantId)).find((r) => r.id === device.id);
}
