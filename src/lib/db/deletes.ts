/**
 * Deleting and restoring locations, panels and labels (issue 9 "Deletes"; devices have theirs
 * in devices.ts). The rules are in domain/deletes/rules.ts; here they are checked inside the
 * transaction that writes the tombstone, so a device moved into a location meanwhile (another
 * tab) cannot slip past the check. A delete and a restore are ops of the one write path
 * (writeInTx): stamped, queued in the outbox, synced; a restore carries a clock newer than the
 * tombstone (sync-protocol rule 6). Nothing is ever removed from the tablet here.
 */
import type { Table } from 'dexie';
import { canDeleteLabel, canDeleteLocation, canRestorePanel, type DeviceRef } from '$lib/domain/deletes/rules';
import type { Label } from '$lib/domain/labels/record';
import type { Location } from '$lib/domain/org';
import type { AssetWalkDB, SyncedRecord } from './schema';
import type { StoredPanel } from './panels';
import { syncTables, writeInTx, type WriteContext } from './writer';

/** The location still holds live devices: move them first. */
export class LocationInUseError extends Error {
  constructor(readonly devices: DeviceRef[]) {
    super(`location holds ${devices.length} device(s): ${devices.map((d) => d.assetNumber).join(', ')}`);
    this.name = 'LocationInUseError';
  }
}

/** An issued label is voided, never deleted (its number never changes hands). */
export class LabelIssuedError extends Error {
  constructor(readonly assetNumber: string) {
    super(`label ${assetNumber} was issued: void it instead`);
    this.name = 'LabelIssuedError';
  }
}

/** Another live panel carries this panel's label now. */
export class PanelLabelInUseError extends Error {
  constructor(readonly panelId: string) {
    super(`another panel (${panelId}) carries this label`);
    this.name = 'PanelLabelInUseError';
  }
}

export interface DeletedRecords {
  locations: (Location & { deleted: string })[];
  panels: (StoredPanel & { deleted: string })[];
  labels: (Label & { deleted: string })[];
}

type Row = SyncedRecord;
const isDeleted = <T extends { deleted?: unknown }>(r: T): r is T & { deleted: string } => typeof r.deleted === 'string' && r.deleted !== '';
const newestFirst = (a: { updatedAt?: string }, b: { updatedAt?: string }) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '');

export class DeleteRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  private table(name: 'locations' | 'panels' | 'labels'): Table<Row, string> {
    return this.db.table(name) as Table<Row, string>;
  }

  private async op(name: 'locations' | 'panels' | 'labels', id: string, op: 'delete' | 'restore', check: () => Promise<void>, extra: Table[] = []) {
    const { db } = this;
    const table = this.table(name);
    await db.transaction('rw', [table, ...extra, ...syncTables(db)], async () => {
      const row = await table.get(id);
      if (!row) throw new Error(`${name} ${id} not found`);
      if ((op === 'delete') === isDeleted(row)) return; // already so: nothing to write
      await check();
      await writeInTx(db, table, id, {}, this.ctx, op);
    });
  }

  /** Throws LocationInUseError naming the live devices still there. */
  async deleteLocation(id: string): Promise<void> {
    await this.op('locations', id, 'delete', async () => {
      const here = await this.db.devices.where('locationId').equals(id).filter((d) => !d.deleted).toArray();
      const v = canDeleteLocation(here.map((d) => ({ id: d.id, assetNumber: d.assetNumber, name: d.name })));
      if (!v.ok) throw new LocationInUseError(v.devices);
    }, [this.db.devices]);
  }

  restoreLocation(id: string): Promise<void> {
    return this.op('locations', id, 'restore', async () => {});
  }

  /** The panel's checks stay (insert-only history) and show again when it is restored. */
  deletePanel(id: string): Promise<void> {
    return this.op('panels', id, 'delete', async () => {});
  }

  /** Throws PanelLabelInUseError when another live panel took its label meanwhile. */
  async restorePanel(id: string): Promise<void> {
    await this.op('panels', id, 'restore', async () => {
      const me = (await this.table('panels').get(id)) as StoredPanel | undefined;
      const others = me ? await this.table('panels').where('deviceId').equals(me.deviceId).filter((p) => p.id !== id && !p.deleted).toArray() : [];
      const v = canRestorePanel(others.length > 0);
      if (!v.ok) throw new PanelLabelInUseError(others[0]!.id);
    });
  }

  /** Throws LabelIssuedError for a label that was ever issued: void it instead. */
  async deleteLabel(id: string): Promise<void> {
    await this.op('labels', id, 'delete', async () => {
      const label = (await this.table('labels').get(id)) as unknown as Label;
      if (!canDeleteLabel(label).ok) throw new LabelIssuedError(label.assetNumber);
    });
  }

  restoreLabel(id: string): Promise<void> {
    return this.op('labels', id, 'restore', async () => {});
  }

  /** Deleted locations, panels and labels of a client company, most recently changed first. */
  async listDeleted(tenantId: string): Promise<DeletedRecords> {
    const of = async <T>(name: 'locations' | 'panels' | 'labels') => {
      const rows = name === 'labels'
        ? await this.table(name).where('[tenantId+assetNumber]').between([tenantId, ''], [tenantId, '\uffff']).toArray()
        : await this.table(name).where('tenantId').equals(tenantId).toArray();
      return rows.filter(isDeleted).sort(newestFirst) as unknown as T[];
    };
    return { locations: await of('locations'), panels: await of('panels'), labels: await of('labels') };
  }
}
