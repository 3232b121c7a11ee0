/**
 * Writes of the imports: a CSV's valid rows, and a batch of GLPI inventories. Each import is ONE
 * Dexie transaction (with the outbox and audit), so an import is all in or all out: a failure
 * (a full disk, an asset number taken meanwhile) leaves the register as it was. Inside it the
 * rows go in chunks, reporting progress between chunks while IndexedDB works.
 */
import { numberHolders } from './numberHolders';
import { normalizeAssetNumber } from '$lib/domain/validate';
import { locationLabel } from '$lib/domain/org';
import type { DeviceFields } from '$lib/domain/device';
import { knownDevice, updateFromInventory, type KnownDevice } from '$lib/domain/survey/glpiBulk';
import type { InventoryWrites } from '$lib/domain/survey/glpiPlan';
import { deriveDevice, DuplicateAssetNumberError } from './devices';
import type { AssetWalkDB, DeviceRow } from './schema';
import { bulkCreateInTx, syncTables, writeInTx, type WriteContext } from './writer';

export type OnProgress = (done: number, total: number) => void;
export const IMPORT_CHUNK = 500;

/** Asset numbers (deleted devices' too: they stay taken) and serials of a client. */
export async function existingIdentifiers(db: AssetWalkDB, tenantId: string): Promise<{ assetNumbers: Set<string>; serials: Set<string> }> {
  const rows = await db.devices.where('tenantId').equals(tenantId).toArray();
  return {
    assetNumbers: new Set(rows.map((r) => r.assetNumber)),
    serials: new Set(rows.filter((r) => !r.deleted && r.serial).map((r) => r.serial.trim().toUpperCase()))
  };
}

/** Finds a site's location by its full label ("Building / Floor / Room") or its room name alone. */
export async function locator(db: AssetWalkDB, siteId: string): Promise<(text: string) => string | null> {
  const locs = await db.locations.where('siteId').equals(siteId).toArray();
  const k = (s: string) => s.toLowerCase().replace(/\s+/g, '').replace(/[\\>|]/g, '/');
  const byLabel = new Map(locs.map((l) => [k(locationLabel(l)), l.id]));
  const byRoom = new Map<string, string | null>();
  for (const l of locs) byRoom.set(k(l.room), byRoom.has(k(l.room)) ? null : l.id); // an ambiguous room name matches nothing
  return (text) => byLabel.get(k(text)) ?? byRoom.get(k(text)) ?? null;
}

export async function knownDevices(db: AssetWalkDB, tenantId: string): Promise<KnownDevice[]> {
  const rows = await db.devices.where('tenantId').equals(tenantId).toArray();
  return rows.filter((r) => !r.deleted).map(knownDevice);
}

/** Imports already validated devices in one transaction; returns how many went in. */
export async function importDevices(db: AssetWalkDB, ctx: WriteContext, list: readonly DeviceFields[], onProgress?: OnProgress): Promise<number> {
  await db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
    // Re-checked inside the transaction: another tab or a sync may have taken a number since the preview.
    const [holder] = await numberHolders(db.devices, list.map((f) => [f.tenantId, normalizeAssetNumber(f.assetNumber)] as const));
    if (holder) throw new DuplicateAssetNumberError(holder.assetNumber, holder);
    for (let i = 0; i < list.length; i += IMPORT_CHUNK) {
      await bulkCreateInTx(db, db.devices, list.slice(i, i + IMPORT_CHUNK).map((f) => ({ ...f }) as Record<string, unknown>), ctx, deriveDevice);
      onProgress?.(Math.min(i + IMPORT_CHUNK, list.length), list.length);
    }
  });
  return list.length;
}

/** Creates and updates from GLPI inventories in one transaction. */
export async function applyInventories(db: AssetWalkDB, ctx: WriteContext, w: InventoryWrites, onProgress?: OnProgress): Promise<{ created: number; updated: number }> {
  const total = w.creates.length + w.updates.length;
  let updated = 0;
  await db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
    for (let i = 0; i < w.creates.length; i += IMPORT_CHUNK) {
      await bulkCreateInTx(db, db.devices, w.creates.slice(i, i + IMPORT_CHUNK).map((f) => ({ ...f }) as Record<string, unknown>), ctx, deriveDevice);
      onProgress?.(Math.min(i + IMPORT_CHUNK, w.creates.length), total);
    }
    let n = 0;
    for (const u of w.updates) {
      const row = (await db.devices.get(u.deviceId)) as DeviceRow | undefined;
      if (row && !row.deleted) {
        const fields = updateFromInventory(row, u.proposal, u.identity);
        if (Object.keys(fields).length > 0) {
          await writeInTx(db, db.devices, u.deviceId, fields as Record<string, unknown>, ctx, 'upsert', deriveDevice);
          updated++;
        }
      }
      if (++n % 50 === 0 || n === w.updates.length) onProgress?.(w.creates.length + n, total);
    }
  });
  return { created: w.creates.length, updated };
}
