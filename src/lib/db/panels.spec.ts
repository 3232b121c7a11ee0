import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { effectiveChecks, newCheckDraft, type CheckDraft } from '$lib/domain/isolation/check';
import { defaultPanelDraft, type PanelDraft } from '$lib/domain/isolation/panel';
import { allPassed, goodReadings } from '$lib/domain/isolation/testing';
import { ValidationError } from './devices';
import { PanelLabelTakenError, PanelRepository, PanelValidationError } from './panels';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let repo: PanelRepository;
let tenantId: string;
let siteId: string;

const draft = (over: PanelDraft = {}): PanelDraft => ({
  ...defaultPanelDraft(), siteId, room: 'OR 3', systemId: 'IT-3A', ratedKva: 6.3, secondaryV: 230,
  imdMake: 'Acrel', imdModel: 'AIM-M10', profileId: 'acrel-aim-m10', ...over
});

function passedDraft(panelId: string, at: number): CheckDraft {
  const d = newCheckDraft({ id: crypto.randomUUID(), panelId, technician: '王工', startedAt: new Date(at).toISOString() });
  return {
    ...d,
    visual: { greenLamp: 'pass', noYellowRed: 'pass', remoteAgrees: 'pass', instructionsPosted: 'pass' },
    test: allPassed(),
    readings: { source: 'manual', readAt: new Date(at).toISOString(), values: goodReadings(at), frames: [] }
  };
}

beforeEach(async () => {
  env = testDb();
  repo = new PanelRepository(env.db, env.ctx, env.devices);
  const t = await env.org.createTenant({ name: '深圳示例医院', assetPrefix: 'SZ', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: '总院', address: '' });
  tenantId = t.id;
  siteId = s.id;
});

describe('PanelRepository: register', () => {
  it('creates a medical device carrying the label and links it to the panel', async () => {
    const { panel, device, linked } = await repo.create(draft(), { tenantId, assetNumber: ' sz-000901-j ', locationId: null });
    expect(linked).toBe(false);
    expect(device).toMatchObject({ type: 'medical', assetNumber: 'SZ-000901-J', manufacturer: 'Acrel', model: 'AIM-M10', siteId });
    expect(panel).toMatchObject({ deviceId: device.id, tenantId, siteId, room: 'OR 3', responseValueKohm: 50 });
    expect((await env.devices.getByAssetNumber(tenantId, 'SZ-000901-J'))?.id).toBe(device.id);
    expect((await repo.byDevice(device.id))?.id).toBe(panel.id);
    const out = await env.db.outbox.where('table').anyOf('panels', 'devices').toArray();
    expect(out.map((o) => o.table).sort()).toEqual(['devices', 'panels']);
  });

  it('links an existing device instead of creating one, and refuses a label already on a panel', async () => {
    const d = await env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: 'SZ-000902-H', type: 'medical', name: 'OR 4 panel' });
    const { panel, linked } = await repo.create(draft({ room: 'OR 4' }), { tenantId, assetNumber: 'SZ-000902-H', locationId: null });
    expect(linked).toBe(true);
    expect(panel.deviceId).toBe(d.id);
    expect(await env.db.devices.count()).toBe(1);
    await expect(repo.create(draft({ room: 'OR 5' }), { tenantId, assetNumber: 'sz-000902-h', locationId: null })).rejects.toBeInstanceOf(PanelLabelTakenError);
    expect(await env.db.panels.count()).toBe(1);
  });

  it('writes nothing for an invalid panel or label', async () => {
    const err = await repo.create(draft({ ra: 40 }), { tenantId, assetNumber: 'SZ-000903-F', locationId: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PanelValidationError);
    expect((err as PanelValidationError).errors.ra).toBe('belowMinimum');
    await expect(repo.create(draft(), { tenantId, assetNumber: 'bad label!', locationId: null })).rejects.toBeInstanceOf(ValidationError);
    expect(await env.db.panels.count()).toBe(0);
    expect(await env.db.devices.count()).toBe(0);
    expect(await env.db.outbox.count()).toBe(2); // tenant and site only
  });

  it('updates only the changed fields', async () => {
    const { panel } = await repo.create(draft(), { tenantId, assetNumber: 'SZ-000904-D', locationId: null });
    env.ctx.set(Date.UTC(2026, 11, 2));
    const u = await repo.update(panel.id, draft({ ra: 100 }));
    expect(u.responseValueKohm).toBe(100);
    expect(u.clocks.responseValueKohm! > panel.clocks.responseValueKohm!).toBe(true);
    expect(u.clocks.room).toBe(panel.clocks.room);
    const last = (await env.db.outbox.toArray()).at(-1)!;
    expect(last.fields).toEqual({ responseValueKohm: 100 });
  });
});

describe('PanelRepository: checks', () => {
  it('signs and stores a check insert-only, with tenant and site for sync', async () => {
    const { panel } = await repo.create(draft(), { tenantId, assetNumber: 'SZ-000905-B', locationId: null });
    const d = passedDraft(panel.id, env.ctx.now());
    const r = await repo.sign(d);
    expect(r.ok).toBe(true);
    const stored = await repo.check(d.id);
    expect(stored).toMatchObject({ verdict: 'normal', complete: true, tenantId, siteId, panelId: panel.id });
    const out = (await env.db.outbox.toArray()).at(-1)!;
    expect(out).toMatchObject({ table: 'checks', op: 'insert', recordId: d.id });
    // Signing the same draft again would edit the record: refused.
    await expect(repo.sign(d)).rejects.toThrow(/insert-only/);
  });

  it('returns errors and writes nothing for an unsigned draft', async () => {
    const { panel } = await repo.create(draft(), { tenantId, assetNumber: 'SZ-000906-9', locationId: null });
    const before = await env.db.outbox.count();
    const r = await repo.sign(newCheckDraft({ id: 'c1', panelId: panel.id, technician: '', startedAt: new Date(env.ctx.now()).toISOString() }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toMatchObject({ technician: 'required', readings: 'required' });
    expect(await env.db.outbox.count()).toBe(before);
  });

  it('stores a correction as a new check that supersedes the old one', async () => {
    const { panel } = await repo.create(draft(), { tenantId, assetNumber: 'SZ-000907-7', locationId: null });
    const first = passedDraft(panel.id, env.ctx.now());
    first.test = { ...first.test, buzzer: 'fail' };
    expect((await repo.sign(first)).ok).toBe(true);
    env.ctx.set(env.ctx.now() + 60_000);
    const fix: CheckDraft = { ...passedDraft(panel.id, env.ctx.now()), correctsCheckId: first.id, remarks: 'Buzzer was ticked by mistake' };
    const r = await repo.sign(fix);
    expect(r.ok).toBe(true);
    const all = await repo.checks(panel.id);
    expect(all.map((c) => c.verdict)).toEqual(['alarm', 'normal']);
    expect(effectiveChecks(all).map((c) => c.id)).toEqual([fix.id]);
    const overview = await repo.siteOverview(siteId);
    expect(overview).toHaveLength(1);
    expect(overview[0]!.checks).toHaveLength(2);
    expect(overview[0]!.label).toBe('SZ-000907-7');
    expect(await repo.labelOf(panel)).toBe('SZ-000907-7');
  });

  it('refuses a correction of a check of another panel', async () => {
    const a = (await repo.create(draft(), { tenantId, assetNumber: 'SZ-000908-5', locationId: null })).panel;
    const b = (await repo.create(draft({ room: 'OR 9' }), { tenantId, assetNumber: 'SZ-000909-3', locationId: null })).panel;
    const first = passedDraft(a.id, env.ctx.now());
    await repo.sign(first);
    const r = await repo.sign({ ...passedDraft(b.id, env.ctx.now()), correctsCheckId: first.id, remarks: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.correctsCheckId).toBe('panelMismatch');
  });
});
