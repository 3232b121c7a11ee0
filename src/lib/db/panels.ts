/**
 * Isolation panels and their checks.
 *
 * A panel is a synced record (`panels`, upserted, per-field clocks) and a device of the register:
 * registering a panel creates a device of type 'medical' whose asset number is the panel's label,
 * or links the device that already holds that number, so the label scans to it. Both writes happen
 * in one transaction (DeviceRepository's own transaction nests inside this one).
 *
 * A check is insert-only (`checks`, op 'insert'): signed once, never changed. A mistake is fixed by
 * a new check with `correctsCheckId` (see domain/isolation/check.ts, effectiveChecks).
 */
import type { Table } from 'dexie';
import { newDeviceFields, type Device } from '$lib/domain/device';
import { signCheck, type CheckDraft, type SignedCheck, type SignResult } from '$lib/domain/isolation/check';
import { explain } from '$lib/domain/isolation/explain';
import { validatePanel, type Panel, type PanelDraft, type PanelErrors, type PanelFields } from '$lib/domain/isolation/panel';
import { normalizeAssetNumber } from '$lib/domain/validate';
import type { DeviceRepository } from './devices';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

type Meta = Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt'> & { deleted?: string };

/** A stored panel: its fields, the client it belongs to and the device that carries its label. */
export interface StoredPanel extends Panel, Meta {
  tenantId: string;
  deviceId: string;
}

/** A stored check: the signed record plus the scope sync needs (tenant, site). */
export type StoredCheck = SignedCheck & Meta & { tenantId: string; siteId: string };

export class PanelValidationError extends Error {
  constructor(readonly errors: PanelErrors) {
    super('invalid panel: ' + Object.keys(errors).join(', '));
    this.name = 'PanelValidationError';
  }
}

/** The label already belongs to a device that is the label of another panel. */
export class PanelLabelTakenError extends Error {
  constructor(readonly assetNumber: string, readonly panelId: string) {
    super(`label ${assetNumber} already belongs to panel ${panelId}`);
    this.name = 'PanelLabelTakenError';
  }
}

export interface PanelLabel {
  tenantId: string;
  assetNumber: string;
  locationId: string | null;
}

/** The device a new panel creates: enough to find it in the register and scan its label (byDevice leads back). */
export function panelDeviceFields(p: PanelFields, label: PanelLabel) {
  return {
    ...newDeviceFields(label.tenantId, p.siteId, label.locationId),
    assetNumber: normalizeAssetNumber(label.assetNumber),
    name: `${p.systemId} · ${p.room}`,
    type: 'medical' as const,
    manufacturer: p.imd.make,
    model: p.imd.model
  };
}

const live = <T extends { deleted?: string }>(rows: T[]): T[] => rows.filter((r) => !r.deleted);

/** Signing order; checks signed in the same millisecond keep their write order (HLC strings sort in time order). */
const bySigning = (a: StoredCheck, b: StoredCheck): number =>
  a.signedAt.localeCompare(b.signedAt) || (a.clocks.panelId ?? '').localeCompare(b.clocks.panelId ?? '');

export class PanelRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext, private readonly devices: DeviceRepository) {}

  private get panelTable(): Table<StoredPanel, string> {
    return this.db.panels as unknown as Table<StoredPanel, string>;
  }

  private get checkTable(): Table<StoredCheck, string> {
    return this.db.checks as unknown as Table<StoredCheck, string>;
  }

  async get(id: string): Promise<StoredPanel | undefined> {
    const p = await this.panelTable.get(id);
    return p && !p.deleted ? p : undefined;
  }

  async listBySite(siteId: string): Promise<StoredPanel[]> {
    const rows = live(await this.panelTable.where('siteId').equals(siteId).toArray());
    return rows.sort((a, b) => a.room.localeCompare(b.room, 'zh-CN', { numeric: true }) || a.systemId.localeCompare(b.systemId, 'zh-CN', { numeric: true }));
  }

  async byDevice(deviceId: string): Promise<StoredPanel | undefined> {
    return live(await this.panelTable.where('deviceId').equals(deviceId).toArray())[0];
  }

  /**
   * Registers a panel. The label's device is created (type 'medical') or, when the number is
   * already in the register, linked. Throws PanelValidationError, PanelLabelTakenError, or the
   * device repository's ValidationError (a malformed asset number).
   */
  async create(draft: PanelDraft, label: PanelLabel): Promise<{ panel: StoredPanel; device: Device; linked: boolean }> {
    const v = validatePanel(draft);
    if (!v.ok) throw new PanelValidationError(v.errors);
    const { db } = this;
    const id = newId();
    return db.transaction('rw', [db.panels, db.devices, ...syncTables(db)], async () => {
      const existing = await this.devices.getByAssetNumber(label.tenantId, label.assetNumber);
      if (existing) {
        const holder = await this.byDevice(existing.id);
        if (holder) throw new PanelLabelTakenError(existing.assetNumber, holder.id);
      }
      const device = existing ?? (await this.devices.create(panelDeviceFields(v.panel, label)));
      const { record } = await writeInTx(db, this.panelTable, id, { ...v.panel, tenantId: label.tenantId, deviceId: device.id }, this.ctx);
      return { panel: record, device, linked: existing !== undefined };
    });
  }

  /** Changes the panel's configuration; its label (device) stays. Only changed fields are stamped. */
  async update(id: string, draft: PanelDraft): Promise<StoredPanel> {
    const v = validatePanel(draft);
    if (!v.ok) throw new PanelValidationError(v.errors);
    const { db } = this;
    return db.transaction('rw', [db.panels, ...syncTables(db)], async () => {
      if (!(await this.get(id))) throw new Error(`panel ${id} not found`);
      return (await writeInTx(db, this.panelTable, id, { ...v.panel }, this.ctx)).record;
    });
  }

  /** Every check of a panel, superseded ones included, in signing order. */
  async checks(panelId: string): Promise<StoredCheck[]> {
    const rows = await this.checkTable.where('panelId').equals(panelId).toArray();
    return rows.sort(bySigning);
  }

  async check(id: string): Promise<StoredCheck | undefined> {
    return this.checkTable.get(id);
  }

  /** The asset number on a panel's label (its device's), '' when the device is gone. */
  async labelOf(panel: Pick<StoredPanel, 'deviceId'>): Promise<string> {
    return (await this.devices.get(panel.deviceId))?.assetNumber ?? '';
  }

  /** The panels of a site with their labels and all their checks: what the dashboard and the site report need. */
  async siteOverview(siteId: string): Promise<{ panel: StoredPanel; label: string; checks: StoredCheck[] }[]> {
    const panels = await this.listBySite(siteId);
    if (panels.length === 0) return [];
    const [checks, devices] = await Promise.all([
      this.checkTable.where('panelId').anyOf(panels.map((p) => p.id)).toArray(),
      this.db.devices.bulkGet(panels.map((p) => p.deviceId))
    ]);
    const byPanel = new Map<string, StoredCheck[]>();
    for (const c of checks) byPanel.set(c.panelId, [...(byPanel.get(c.panelId) ?? []), c]);
    return panels.map((panel, i) => ({ panel, label: devices[i]?.assetNumber ?? '', checks: (byPanel.get(panel.id) ?? []).sort(bySigning) }));
  }

  /**
   * Signs a draft against the panel's current configuration and stores it, insert-only, with its
   * outbox entry. A correction must name a check of the same panel. Nothing is written when the
   * draft does not sign; the errors come back as data.
   */
  async sign(draft: CheckDraft): Promise<SignResult> {
    const { db } = this;
    return db.transaction('rw', [db.panels, db.checks, ...syncTables(db)], async () => {
      const panel = await this.get(draft.panelId);
      if (!panel) return { ok: false, errors: { panelId: 'required' }, explanations: { panelId: explain('check.required', { field: 'panelId' }) } };
      if (draft.correctsCheckId !== undefined) {
        const original = await this.checkTable.get(draft.correctsCheckId);
        if (!original || original.panelId !== panel.id) {
          return { ok: false, errors: { correctsCheckId: 'panelMismatch' }, explanations: { correctsCheckId: explain('check.panelMismatch') } };
        }
      }
      const r = signCheck(draft, panel, new Date(this.ctx.now()).toISOString());
      if (!r.ok) return r;
      await writeInTx(db, this.checkTable, r.check.id, { ...r.check, tenantId: panel.tenantId, siteId: panel.siteId }, this.ctx, 'insert');
      return r;
    });
  }
}
