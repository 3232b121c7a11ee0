// The device register's repository: the only code that reads or writes devices.
import type { Device, DeviceFields } from '$lib/domain/device';
import { normalizeDevice, normalizeMac, normalizeAssetNumber, validateDevice, type FieldErrors } from '$lib/domain/validate';
import type { AssetWalkDB, DeviceRow } from './schema';
import { bulkCreateInTx, newId, syncTables, writeInTx, type WriteContext } from './writer';
import type { AuditEntry } from './types';

export class ValidationError extends Error {
  constructor(public readonly errors: FieldErrors) {
    super('invalid: ' + Object.keys(errors).join(', '));
    this.name = 'ValidationError';
  }
}

export class DuplicateAssetNumberError extends Error {
  constructor(public readonly assetNumber: string, public readonly holder: Pick<Device, 'id' | 'name' | 'model' | 'assetNumber'>) {
    super(`asset number ${assetNumber} belongs to ${holder.id}`);
    this.name = 'DuplicateAssetNumberError';
  }
}

/**
 * Index-only fields of a device row (never synced). Exported for the sync engine, which must
 * recompute them for pulled rows; tolerant of partial rows (a pulled tombstone may carry no hardware).
 */
export function deriveDevice(d: DeviceRow): Partial<DeviceRow> {
  const nics = Array.isArray(d.hardware?.nics) ? d.hardware.nics : [];
  const macs = nics.map((n) => normalizeMac(typeof n?.mac === 'string' ? n.mac : '')).filter((m): m is string => m !== null);
  return { _macs: [...new Set(macs)] };
}
const derive = deriveDevice;

function strip(row: DeviceRow): Device {
  const { _macs: _, ...device } = row;
  return device;
}

export class DeviceRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  async get(id: string): Promise<Device | undefined> {
    const row = await this.db.devices.get(id);
    return row && !row.deleted ? strip(row) : undefined;
  }

  async getByAssetNumber(tenantId: string, assetNumber: string): Promise<Device | undefined> {
    const row = await this.db.devices.where('[tenantId+assetNumber]').equals([tenantId, normalizeAssetNumber(assetNumber)]).first();
    return row && !row.deleted ? strip(row) : undefined;
  }

  async findBySerial(serial: string): Promise<Device[]> {
    const rows = await this.db.devices.where('serial').equalsIgnoreCase(serial.trim()).toArray();
    return rows.filter((r) => !r.deleted).map(strip);
  }

  async findByMac(mac: string): Promise<Device[]> {
    const m = normalizeMac(mac);
    if (!m) return [];
    const rows = await this.db.devices.where('_macs').equals(m).toArray();
    return rows.filter((r) => !r.deleted).map(strip);
  }

  async listByLocation(locationId: string): Promise<Device[]> {
    const rows = await this.db.devices.where('locationId').equals(locationId).toArray();
    return rows.filter((r) => !r.deleted).map(strip);
  }

  async listBySite(siteId: string): Promise<Device[]> {
    const rows = await this.db.devices.where('siteId').equals(siteId).toArray();
    return rows.filter((r) => !r.deleted).map(strip);
  }

  async create(fields: DeviceFields): Promise<Device> {
    return this.save(newId(), fields, true);
  }

  async update(id: string, fields: DeviceFields): Promise<Device> {
    return this.save(id, fields, false);
  }

  private async save(id: string, input: DeviceFields, creating: boolean): Promise<Device> {
    const fields = normalizeDevice(input);
    const errors = validateDevice(fields);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const { db } = this;
    return db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
      const holder = await db.devices.where('[tenantId+assetNumber]').equals([fields.tenantId, fields.assetNumber]).first();
      if (holder && holder.id !== id) throw new DuplicateAssetNumberError(fields.assetNumber, holder);
      if (!creating && !(await db.devices.get(id))) throw new Error(`device ${id} not found`);
      const { record } = await writeInTx(db, db.devices, id, { ...fields }, this.ctx, 'upsert', derive);
      return strip(record);
    });
  }

  /** Retiring is a status; deleting leaves a tombstone. The asset number stays taken either way. */
  async remove(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
      await writeInTx(db, db.devices, id, {}, this.ctx, 'delete');
    });
  }

  /** Brings a deleted device back, with a clock newer than its tombstone. */
  async restore(id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
      await writeInTx(db, db.devices, id, {}, this.ctx, 'restore');
    });
  }

  /** A deleted device, for its page's "deleted — restore" view (get() hides tombstones). */
  async getDeleted(id: string): Promise<Device | undefined> {
    const row = await this.db.devices.get(id);
    return row?.deleted ? strip(row) : undefined;
  }

  /** Deleted devices of a client company, most recently changed first. */
  async listDeleted(tenantId: string): Promise<Device[]> {
    const rows = await this.db.devices.where('tenantId').equals(tenantId).filter((r) => Boolean(r.deleted)).toArray();
    return rows.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '')).map(strip);
  }

  async history(id: string): Promise<AuditEntry[]> {
    const rows = await this.db.audit.where('[table+recordId]').equals(['devices', id]).toArray();
    return rows.reverse();
  }

  /**
   * Bulk import (sample data, inventories): validated, stamped and queued like single saves.
   * Asset numbers must be new and distinct; the unique index refuses the chunk otherwise.
   */
  async bulkCreate(list: DeviceFields[]): Promise<number> {
    const { db } = this;
    const chunk = 2000;
    for (let i = 0; i < list.length; i += chunk) {
      const rows = list.slice(i, i + chunk).map((f) => {
        const n = normalizeDevice(f);
        const errors = validateDevice(n);
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        return { ...n } as Record<string, unknown>;
      });
      await db.transaction('rw', [db.devices, ...syncTables(db)], async () => {
        await bulkCreateInTx(db, db.devices, rows, this.ctx, derive);
      });
    }
    return list.length;
  }
}
