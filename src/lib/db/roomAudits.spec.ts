import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { formatAssetNumber } from '$lib/domain/assetNumber';
import { AuditClosedError, RoomAuditRepository } from './roomAudits';
import { testDb } from './testing';
import type { AuditScanResult } from '$lib/domain/scan/audit';
import type { Device } from '$lib/domain/device';

let env: ReturnType<typeof testDb>;
let audits: RoomAuditRepository;
let ids: { tenantId: string; siteId: string; room: string; other: string };
let inRoom: Device[];
let elsewhere: Device;

const asResult = (d: Device): AuditScanResult => ({ type: 'device', deviceId: d.id, assetNumber: d.assetNumber, name: d.name, locationId: d.locationId });

beforeEach(async () => {
  env = testDb();
  audits = new RoomAuditRepository(env.db, env.ctx, env.devices);
  const t = await env.org.createTenant({ name: '市一医院', assetPrefix: 'SY', serviceDeskPhone: '' });
  const s = await env.org.createSite({ tenantId: t.id, name: '门诊楼', address: '' });
  const room = await env.org.createLocation({ tenantId: t.id, siteId: s.id, building: '门诊楼', floor: '3', room: '301' });
  const other = await env.org.createLocation({ tenantId: t.id, siteId: s.id, building: '门诊楼', floor: '3', room: '302' });
  ids = { tenantId: t.id, siteId: s.id, room: room.id, other: other.id };
  const mk = (n: number, locationId: string, extra: Partial<Device> = {}) =>
    env.devices.create({ ...newDeviceFields(t.id, s.id, locationId), assetNumber: formatAssetNumber('SY', n), name: `PC ${n}`, ...extra });
  inRoom = [await mk(1, room.id), await mk(2, room.id), await mk(3, room.id)];
  await mk(4, room.id, { status: 'retired' });
  elsewhere = await mk(5, other.id);
});

describe('RoomAuditRepository', () => {
  it('snapshots the expected devices (not retired ones) and starts empty', async () => {
    const h = await audits.start({ tenantId: ids.tenantId, siteId: ids.siteId, locationId: ids.room });
    expect(h.expected.map((e) => e.assetNumber)).toEqual(inRoom.map((d) => d.assetNumber));
    const a = (await audits.get(h.id))!;
    expect(a.findings.missing).toHaveLength(3);
    expect(a.finish).toBeNull();
  });

  it('records scans insert-only, survives a reopen, and finishes once', async () => {
    const h = await audits.start({ tenantId: ids.tenantId, siteId: ids.siteId, locationId: ids.room });
    await audits.addScan(h.id, inRoom[0]!.assetNumber, 'wedge', asResult(inRoom[0]!));
    await audits.addScan(h.id, inRoom[0]!.assetNumber, 'camera', asResult(inRoom[0]!));
    await audits.addScan(h.id, elsewhere.assetNumber, 'camera', asResult(elsewhere));
    await audits.addScan(h.id, 'SY-000999-X', 'manual', { type: 'unknown', reason: 'checkChar' });

    // A second repository on the same database: what a reload sees.
    const reopened = new RoomAuditRepository(env.db, env.ctx, env.devices);
    const a = (await reopened.get(h.id))!;
    expect(a.scans.map((s) => s.source)).toEqual(['wedge', 'camera', 'camera', 'manual']);
    expect(a.findings.found.map((d) => d.deviceId)).toEqual([inRoom[0]!.id]);
    expect(a.findings.misplaced.map((d) => d.deviceId)).toEqual([elsewhere.id]);
    expect(a.findings.unknown.map((u) => u.text)).toEqual(['SY-000999-X']);
    expect(a.findings.duplicates).toBe(1);
    expect(a.findings.missing).toHaveLength(2);

    const f = await audits.finish(h.id);
    expect(f.findings).toMatchObject({ expected: 3, found: [inRoom[0]!.id], missing: [inRoom[1]!.id, inRoom[2]!.id], duplicates: 1, scans: 4 });
    await expect(audits.finish(h.id)).rejects.toBeInstanceOf(AuditClosedError);
    await expect(audits.addScan(h.id, 'x', 'manual', { type: 'unknown', reason: 'notFound' })).rejects.toBeInstanceOf(AuditClosedError);

    // Every record went out as an insert and none was ever updated.
    const out = await env.db.outbox.where('table').equals('roomAudits').toArray();
    expect(out).toHaveLength(1 + 4 + 1);
    expect(out.every((o) => o.op === 'insert')).toBe(true);
    expect(new Set(out.map((o) => o.recordId)).size).toBe(out.length);
  });

  it('moves a misplaced device here in the same transaction as the move record', async () => {
    const h = await audits.start({ tenantId: ids.tenantId, siteId: ids.siteId, locationId: ids.room });
    await audits.addScan(h.id, elsewhere.assetNumber, 'camera', asResult(elsewhere));
    await audits.moveHere(h.id, elsewhere.id);
    expect((await env.devices.get(elsewhere.id))?.locationId).toBe(ids.room);
    const a = (await audits.get(h.id))!;
    expect(a.findings.misplaced).toEqual([expect.objectContaining({ deviceId: elsewhere.id, registeredAt: ids.other, moved: true })]);
    expect(a.moves).toHaveLength(1);
    const devOut = await env.db.outbox.where('table').equals('devices').toArray();
    expect(devOut.at(-1)?.fields).toEqual({ locationId: ids.room });
  });

  it('lists open and finished audits and the last audit per room and device', async () => {
    const first = await audits.start({ tenantId: ids.tenantId, siteId: ids.siteId, locationId: ids.room });
    await audits.addScan(first.id, 'a', 'wedge', asResult(inRoom[1]!));
    env.ctx.set(Date.UTC(2026, 11, 2, 9));
    await audits.finish(first.id);
    const second = await audits.start({ tenantId: ids.tenantId, siteId: ids.siteId, locationId: ids.other });
    const list = await audits.listForSite(ids.siteId);
    expect(list.open.map((h) => h.id)).toEqual([second.id]);
    expect(list.finished.map((f) => f.header.id)).toEqual([first.id]);
    const last = await audits.lastAudits(ids.siteId);
    expect(last.byLocation.get(ids.room)).toBe('2026-12-02T09:00:00.000Z');
    expect(last.byLocation.has(ids.other)).toBe(false);
    expect([...last.byDevice.keys()]).toEqual([inRoom[1]!.id]);
  });
});
