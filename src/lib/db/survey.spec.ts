import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { newDeviceFields } from '$lib/domain/device';
import { guessMapping, parseCsvTable } from '$lib/domain/survey/csvMapping';
import { planImport } from '$lib/domain/survey/csvRows';
import { matchInventories } from '$lib/domain/survey/glpiBulk';
import { defaultDecision, inventoryWrites } from '$lib/domain/survey/glpiPlan';
import { parseBackup } from '$lib/domain/survey/backup';
import { DuplicateAssetNumberError } from './devices';
import { SurveyRepository, SurveyValidationError } from './survey';
import { applyInventories, existingIdentifiers, importDevices, knownDevices, locator } from './surveyImport';
import { exportClient, restoreClient } from './surveyBackup';
import { testDb } from './testing';

let env: ReturnType<typeof testDb>;
let tenantId: string;
let siteId: string;

beforeEach(async () => {
  env = testDb();
  tenantId = (await env.org.createTenant({ name: 'Acme', assetPrefix: 'ACME', serviceDeskPhone: '' })).id;
  siteId = (await env.org.createSite({ tenantId, name: 'HQ', address: '' })).id;
  await env.org.createLocation({ tenantId, siteId, building: 'A', floor: '3F', room: '301' });
});

async function plan(csv: string) {
  const t = parseCsvTable(csv);
  const ids = await existingIdentifiers(env.db, tenantId);
  return planImport(t, guessMapping(t.headers), { tenantId, siteId, existingAssetNumbers: ids.assetNumbers, existingSerials: ids.serials, locate: await locator(env.db, siteId) });
}

describe('CSV import into the register', () => {
  it('writes the valid rows, queued for sync, and finds locations', async () => {
    const p = await plan('Asset Tag,Serial,Location\nA-1,S1,A / 3F / 301\nA-2,S2,301\nA-3,S3,Nowhere\n');
    const seen: number[] = [];
    expect(await importDevices(env.db, env.ctx, p.valid.map((r) => r.fields), (d) => seen.push(d))).toBe(3);
    const list = await env.devices.listBySite(siteId);
    expect(list.sort((a, b) => a.assetNumber.localeCompare(b.assetNumber)).map((d) => d.locationId === null)).toEqual([false, false, true]);
    expect(seen).toEqual([3]);
    expect(await env.db.outbox.where('table').equals('devices').count()).toBe(3);
    // A second import of the same file finds every row taken.
    const again = await plan('Asset Tag,Serial\nA-1,S9\nA-9,S2\n');
    expect(again.invalid.map((r) => r.errors[0]!.code)).toEqual(['duplicateAssetNumber', 'duplicateSerial']);
  });

  it('writes nothing when one asset number was taken since the preview', async () => {
    const p = await plan('Asset Tag\nA-1\nA-2\n');
    await env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: 'A-2' });
    await expect(importDevices(env.db, env.ctx, p.valid.map((r) => r.fields))).rejects.toBeInstanceOf(DuplicateAssetNumberError);
    expect((await env.devices.listBySite(siteId)).map((d) => d.assetNumber)).toEqual(['A-2']);
  });
});

describe('GLPI inventories in bulk', () => {
  it('creates new devices and updates matched ones in one go', async () => {
    const existing = await env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: 'ACME-OLD', serial: '640HP72', name: 'kept' });
    const files = ['computer_1.json', 'computer_2.json', 'printer_1.json'].map((f) => ({ name: f, text: readFileSync(`tests/fixtures/glpi/${f}`, 'utf8') }));
    const results = matchInventories(files, await knownDevices(env.db, tenantId));
    const w = inventoryWrites(results, results.map(defaultDecision), tenantId, siteId, (await existingIdentifiers(env.db, tenantId)).assetNumbers);
    expect(await applyInventories(env.db, env.ctx, w)).toEqual({ created: 2, updated: 1 });
    const d = (await env.devices.get(existing.id))!;
    expect(d).toMatchObject({ name: 'kept', model: 'XPS 13 9350' });
    expect(d.hardware.memoryGb).toBe(8);
    const printer = (await env.devices.findBySerial('PHCVN191TG'))[0]!;
    expect(printer).toMatchObject({ type: 'printer', assetNumber: 'GLPI-PHCVN191TG' });
    // Run again: everything matches now, nothing is created twice.
    const again = matchInventories(files, await knownDevices(env.db, tenantId));
    expect(again.map((r) => r.outcome.kind)).toEqual(['match', 'match', 'match']);
  });
});

describe('drivers, licences and images', () => {
  it('stores only the masked licence key, never the full one', async () => {
    const repo = new SurveyRepository(env.db, env.ctx);
    const l = await repo.saveLicence(tenantId, { product: 'Office 2019', vendor: 'Microsoft', seats: 5, key: 'NKJFK-GPHP7-G8C3J-P6JXR-HQRJR', supplier: 'JD', expiresAt: '2027-01-01' });
    expect(l.keyMasked).toBe('XXXXX-…-QRJR');
    const everything = JSON.stringify([await env.db.licences.toArray(), await env.db.outbox.toArray(), await env.db.audit.toArray()]);
    expect(everything).not.toContain('GPHP7');
    // Editing without retyping keeps the mask.
    expect((await repo.saveLicence(tenantId, { ...l, key: l.keyMasked, seats: 6 })).keyMasked).toBe('XXXXX-…-QRJR');
    await expect(repo.saveLicence(tenantId, { product: 'x', vendor: '', seats: -1, key: '', supplier: '' })).rejects.toBeInstanceOf(SurveyValidationError);
  });

  it('keeps drivers and images per client', async () => {
    const repo = new SurveyRepository(env.db, env.ctx);
    await repo.saveDriver(tenantId, { model: 'M720t', os: 'Windows 10', name: 'Chipset', version: '1', vendor: 'Intel', notes: '', lanPath: '\\\\nas\\d' });
    await repo.saveImage(tenantId, { groupKey: 'k', imageId: 'IMG-1', hash: 'ab', location: 'nas', takenAt: '2026-11-01' });
    expect((await repo.drivers(tenantId)).map((d) => d.name)).toEqual(['Chipset']);
    expect((await repo.images(tenantId))[0]).toMatchObject({ imageId: 'IMG-1', takenAt: '2026-11-01' });
    expect(await repo.drivers('other')).toEqual([]);
  });
});

describe('client backup', () => {
  it('restores into an empty tablet, queued for sync, and merges into a changed one', async () => {
    await env.devices.create({ ...newDeviceFields(tenantId, siteId, null), assetNumber: 'A-1', hardware: { ...newDeviceFields('', '', null).hardware, nics: [{ name: 'eth', mac: '00:11:22:33:44:55', ip: '' }] } });
    await new SurveyRepository(env.db, env.ctx).saveDriver(tenantId, { model: 'M', os: '', name: 'D', version: '1', vendor: '', notes: '' });
    const other = (await env.org.createTenant({ name: 'Other', assetPrefix: 'OTH', serviceDeskPhone: '' })).id;
    const file = JSON.stringify(await exportClient(env.db, tenantId));
    expect(file).not.toContain(other);
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.reason);

    const empty = testDb();
    const r = await restoreClient(empty.db, empty.ctx, parsed.backup);
    expect(r).toMatchObject({ merged: 0, unchanged: 0 });
    expect(r.created).toBe(parsed.rows);
    expect((await empty.devices.findByMac('00:11:22:33:44:55')).map((d) => d.assetNumber)).toEqual(['A-1']);
    expect(await empty.db.outbox.count()).toBe(parsed.rows);

    const d = (await empty.devices.listBySite(siteId))[0]!;
    await empty.devices.update(d.id, { ...d, name: 'changed here' });
    const again = await restoreClient(empty.db, empty.ctx, parsed.backup);
    expect(again).toMatchObject({ created: 0, merged: 1 });
    expect((await empty.devices.get(d.id))!.name).toBe('');
  });
});
