// Deleting and restoring locations, panels and labels by their rules (issue 9 "Deletes").
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { newCheckDraft } from '$lib/domain/isolation/check';
import { defaultPanelDraft } from '$lib/domain/isolation/panel';
import { allPassed, goodReadings } from '$lib/domain/isolation/testing';
import { DeleteRepository, LabelIssuedError, LocationInUseError, PanelLabelInUseError } from './deletes';
import { LabelRepository } from './labels';
import { PanelRepository } from './panels';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let repo: DeleteRepository;
let tenantId: string;
let siteId: string;

beforeEach(async () => {
  env = testDb();
  repo = new DeleteRepository(env.db, env.ctx);
  tenantId = (await env.org.createTenant({ name: '华东医院', assetPrefix: 'HD', serviceDeskPhone: '' })).id;
  siteId = (await env.org.createSite({ tenantId, name: '总院', address: '' })).id;
});

const ops = async (table: string) => (await env.db.outbox.where('table').equals(table).toArray()).map((e) => e.op);

describe('deleting a location', () => {
  it('is refused while live devices are there, naming them; allowed once they moved or were deleted; restorable', async () => {
    const room = await env.org.createLocation({ tenantId, siteId, building: 'A', floor: '3', room: '301' });
    const other = await env.org.createLocation({ tenantId, siteId, building: 'A', floor: '3', room: '302' });
    const pc = await env.devices.create({ ...newDeviceFields(tenantId, siteId, room.id), assetNumber: 'HD-000001', name: 'PC-1' });
    const pr = await env.devices.create({ ...newDeviceFields(tenantId, siteId, room.id), assetNumber: 'HD-000002', name: 'Printer' });

    const err = await repo.deleteLocation(room.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocationInUseError);
    expect((err as LocationInUseError).devices.map((d) => d.assetNumber)).toEqual(['HD-000001', 'HD-000002']);
    expect(await env.db.locations.get(room.id)).not.toHaveProperty('deleted');

    await env.devices.update(pc.id, { ...(await env.devices.get(pc.id))!, locationId: other.id });
    await env.devices.remove(pr.id);
    await repo.deleteLocation(room.id);
    expect((await env.org.locations(siteId)).map((l) => l.room)).toEqual(['302']);
    expect((await repo.listDeleted(tenantId)).locations.map((l) => l.id)).toEqual([room.id]);
    expect(await ops('locations')).toEqual(['upsert', 'upsert', 'delete']);

    await repo.restoreLocation(room.id);
    expect((await env.org.locations(siteId)).map((l) => l.room)).toEqual(['301', '302']);
    expect((await repo.listDeleted(tenantId)).locations).toEqual([]);
    expect(await ops('locations')).toEqual(['upsert', 'upsert', 'delete', 'restore']);
  });
});

describe('deleting a panel', () => {
  it('keeps its checks; a restore brings the panel and its checks back', async () => {
    const panels = new PanelRepository(env.db, env.ctx, env.devices);
    const draft = { ...defaultPanelDraft(), siteId, room: 'OR 3', systemId: 'IT-3A', ratedKva: 6.3, secondaryV: 230, imdMake: 'Acrel', imdModel: 'AIM-M10', profileId: 'acrel-aim-m10' };
    const { panel, device } = await panels.create(draft, { tenantId, assetNumber: 'HD-000901', locationId: null });
    const at = env.ctx.now();
    const check = { ...newCheckDraft({ id: crypto.randomUUID(), panelId: panel.id, technician: '王工', startedAt: new Date(at).toISOString() }),
      visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' } as const,
      test: allPassed(), readings: { source: 'manual' as const, readAt: new Date(at).toISOString(), values: goodReadings(at), frames: [] } };
    expect((await panels.sign(check)).ok).toBe(true);

    await repo.deletePanel(panel.id);
    expect(await panels.get(panel.id)).toBeUndefined();
    expect(await panels.byDevice(device.id)).toBeUndefined();
    expect(await panels.checks(panel.id)).toHaveLength(1); // history stays
    expect((await repo.listDeleted(tenantId)).panels.map((p) => p.id)).toEqual([panel.id]);

    await repo.restorePanel(panel.id);
    expect((await panels.get(panel.id))?.room).toBe('OR 3');
    expect(await panels.checks(panel.id)).toHaveLength(1);
  });

  it('is not restored while another panel carries its label', async () => {
    const panels = new PanelRepository(env.db, env.ctx, env.devices);
    const draft = { ...defaultPanelDraft(), siteId, room: 'OR 3', systemId: 'IT-3A', ratedKva: 6.3, secondaryV: 230, imdMake: 'Acrel', imdModel: 'AIM-M10', profileId: 'acrel-aim-m10' };
    const { panel } = await panels.create(draft, { tenantId, assetNumber: 'HD-000901', locationId: null });
    await repo.deletePanel(panel.id);
    const { panel: next } = await panels.create({ ...draft, systemId: 'IT-3B' }, { tenantId, assetNumber: 'HD-000901', locationId: null });
    await expect(repo.restorePanel(panel.id)).rejects.toBeInstanceOf(PanelLabelInUseError);
    expect((await panels.get(next.id))?.systemId).toBe('IT-3B');
    expect(await panels.get(panel.id)).toBeUndefined();
  });
});

describe('deleting a label', () => {
  it('an unissued pre-printed label can be deleted and restored; an issued one only voided', async () => {
    const labels = new LabelRepository(env.db, env.ctx);
    await labels.setTabletCode(42);
    const [spare, used] = await labels.mintUnclaimed(tenantId, 2);
    const d = await env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: used!.assetNumber, name: 'PC' });
    await labels.claimLabel(used!.assetNumber, d.id);
    const issued = await labels.ensureForDevice(d);

    await expect(repo.deleteLabel(issued.id)).rejects.toBeInstanceOf(LabelIssuedError);
    expect((await labels.get(issued.id))?.state).not.toBe('voided');
    await repo.deleteLabel(spare!.id);
    expect(await labels.get(spare!.id)).toBeUndefined();
    expect((await labels.unclaimed(tenantId)).map((l) => l.id)).toEqual([]);
    expect((await repo.listDeleted(tenantId)).labels.map((l) => l.assetNumber)).toEqual([spare!.assetNumber]);
    // Its number stays taken while deleted: a restore gives back the same label.
    await repo.restoreLabel(spare!.id);
    expect((await labels.unclaimed(tenantId)).map((l) => l.id)).toEqual([spare!.id]);
  });
});
