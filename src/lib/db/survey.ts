/**
 * Drivers, licences and OS image records of a client company (SHARED tables: a row without a
 * site is seen by every token of the tenant). Written through writer.ts like every synced row.
 * Licence keys: only the masked form is ever written (domain/survey/licenceKey.ts); the full key
 * passed to saveLicence is dropped here and never reaches IndexedDB or the server.
 */
import type { Table } from 'dexie';
import type { DriverRecord } from '$lib/domain/survey/drivers';
import type { ImageRecord } from '$lib/domain/survey/images';
import type { LicenceRecord } from '$lib/domain/survey/licences';
import { isMaskedKey, maskLicenceKey } from '$lib/domain/survey/licenceKey';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

type Stored<T> = T & SyncedRecord & { tenantId: string; siteId?: string | null };
export type StoredDriver = Stored<DriverRecord>;
export type StoredLicence = Stored<LicenceRecord>;
export type StoredImage = Stored<ImageRecord>;

export type DriverInput = Omit<DriverRecord, 'id'> & { id?: string; attachmentId?: string | null };
export type LicenceInput = Omit<LicenceRecord, 'id' | 'keyMasked'> & { id?: string; key: string };
export type ImageInput = Omit<ImageRecord, 'id'> & { id?: string };

export class SurveyValidationError extends Error {
  constructor(readonly field: string) {
    super(`invalid ${field}`);
    this.name = 'SurveyValidationError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (s: unknown, max = 500) => (typeof s === 'string' ? s.trim().slice(0, max) : '');

export class SurveyRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  private async all<T>(table: Table<SyncedRecord, string>, tenantId: string): Promise<T[]> {
    const rows = await table.where('tenantId').equals(tenantId).toArray();
    return rows.filter((r) => !r.deleted) as T[];
  }

  private async write<T>(table: Table<SyncedRecord, string>, id: string, fields: Record<string, unknown>): Promise<T> {
    const { db } = this;
    return db.transaction('rw', [table, ...syncTables(db)], async () => (await writeInTx(db, table, id, fields, this.ctx)).record as T);
  }

  private async del(table: Table<SyncedRecord, string>, id: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [table, ...syncTables(db)], async () => { await writeInTx(db, table, id, {}, this.ctx, 'delete'); });
  }

  drivers(tenantId: string): Promise<StoredDriver[]> {
    return this.all<StoredDriver>(this.db.drivers, tenantId).then((r) => r.sort((a, b) => a.name.localeCompare(b.name)));
  }
  async driver(id: string): Promise<StoredDriver | undefined> {
    const r = await this.db.drivers.get(id);
    return r && !r.deleted ? (r as StoredDriver) : undefined;
  }
  async saveDriver(tenantId: string, d: DriverInput): Promise<StoredDriver> {
    const name = text(d.name, 200);
    if (name === '') throw new SurveyValidationError('name');
    if (text(d.model) === '' && text(d.component) === '') throw new SurveyValidationError('model');
    if (d.sha256 && !/^[0-9a-f]{64}$/.test(d.sha256)) throw new SurveyValidationError('sha256');
    return this.write(this.db.drivers, d.id ?? newId(), {
      tenantId, siteId: null, model: text(d.model), component: text(d.component), os: text(d.os, 100), name,
      version: text(d.version, 100), vendor: text(d.vendor, 200), sha256: d.sha256 ?? null, fileName: d.fileName ?? null,
      attachmentId: d.attachmentId ?? null, lanPath: text(d.lanPath, 1000) || null, notes: text(d.notes, 5000)
    });
  }
  removeDriver(id: string): Promise<void> { return this.del(this.db.drivers, id); }

  licences(tenantId: string): Promise<StoredLicence[]> {
    return this.all<StoredLicence>(this.db.licences, tenantId).then((r) => r.sort((a, b) => a.product.localeCompare(b.product)));
  }
  /** `key`: the full key as typed, or a masked one kept from before; only the mask is stored. */
  async saveLicence(tenantId: string, l: LicenceInput): Promise<StoredLicence> {
    const product = text(l.product, 200);
    if (product === '') throw new SurveyValidationError('product');
    if (!Number.isInteger(l.seats) || l.seats < 0 || l.seats > 1_000_000) throw new SurveyValidationError('seats');
    if (l.expiresAt && !DATE.test(l.expiresAt)) throw new SurveyValidationError('expiresAt');
    const key = l.key.trim();
    return this.write(this.db.licences, l.id ?? newId(), {
      tenantId, siteId: null, product, vendor: text(l.vendor, 200), seats: l.seats,
      keyMasked: isMaskedKey(key) ? key : maskLicenceKey(key), expiresAt: l.expiresAt || null,
      supplier: text(l.supplier, 200), installerPath: text(l.installerPath, 1000) || null
    });
  }
  removeLicence(id: string): Promise<void> { return this.del(this.db.licences, id); }

  images(tenantId: string): Promise<StoredImage[]> {
    return this.all<StoredImage>(this.db.osImages, tenantId).then((r) => r.sort((a, b) => b.takenAt.localeCompare(a.takenAt)));
  }
  async saveImage(tenantId: string, im: ImageInput): Promise<StoredImage> {
    if (text(im.imageId, 200) === '') throw new SurveyValidationError('imageId');
    if (!im.groupKey && !(im.deviceIds ?? []).length) throw new SurveyValidationError('groupKey');
    if (!DATE.test(im.takenAt)) throw new SurveyValidationError('takenAt');
    if (im.restoreTestedAt && !DATE.test(im.restoreTestedAt)) throw new SurveyValidationError('restoreTestedAt');
    return this.write(this.db.osImages, im.id ?? newId(), {
      tenantId, siteId: null, groupKey: im.groupKey, imageId: text(im.imageId, 200), hash: text(im.hash, 200),
      location: text(im.location, 1000), takenAt: im.takenAt, restoreTestedAt: im.restoreTestedAt || null, deviceIds: im.deviceIds ?? []
    });
  }
  removeImage(id: string): Promise<void> { return this.del(this.db.osImages, id); }
}
