/**
 * Label records and their history, and the tablet's asset-number blocks (meta 'assetBlocks').
 * Every write goes through writeInTx; label events are insert-only. Minting reads and writes
 * the block state inside the same transaction that records the number, so two tabs (two
 * connections) serialise on it and never hand out one number twice.
 */
import { loadBlocks, mintNext, addLease as addLeaseTo, setTabletCode as setCode, type BlockState, type Lease } from '$lib/domain/assetBlocks';
import { parseAssetNumber } from '$lib/domain/assetNumber';
import type { Device } from '$lib/domain/device';
import { contentFingerprint, labelDataForDevice, type ContentContext } from '$lib/domain/labels/content';
import { newLabelFields, nextState, type Label, type LabelEvent, type LabelEventKind } from '$lib/domain/labels/record';
import { matches, type Candidate, type PrintFilter } from '$lib/domain/labels/select';
import type { Symbology } from '$lib/domain/labels/templates';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export const BLOCKS_KEY = 'assetBlocks';

export type LabelErrorReason = 'notFound' | 'deviceNotFound' | 'claimedByOther' | 'voided' | 'noPrefix';
export class LabelError extends Error {
  constructor(public readonly reason: LabelErrorReason, public readonly detail = '') {
    super(`label: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'LabelError';
  }
}

export interface PrintedEntry { labelId: string; fingerprint: string }
export interface PrintJobInfo { jobId: string; template: string; symbology: Symbology }

const asLabel = (r: SyncedRecord | undefined): Label | undefined => (r && !r.deleted ? (r as unknown as Label) : undefined);

export function normalizeNumber(n: string): string {
  const p = parseAssetNumber(n);
  return p.ok ? p.value : n.trim().toUpperCase();
}

export class LabelRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  private tables() {
    const { db } = this;
    return [db.labels, db.labelEvents, db.devices, db.tenants, ...syncTables(db)];
  }

  private tx<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction('rw', this.tables(), fn);
  }

  // ── blocks ──────────────────────────────────────────────────────────────
  async blocks(): Promise<BlockState> {
    return loadBlocks((await this.db.meta.get(BLOCKS_KEY))?.value);
  }

  private async updateBlocks(f: (s: BlockState) => BlockState): Promise<BlockState> {
    return this.db.transaction('rw', this.db.meta, async () => {
      const next = f(await this.blocks());
      await this.db.meta.put({ key: BLOCKS_KEY, value: next });
      return next;
    });
  }

  setTabletCode(code: number): Promise<BlockState> { return this.updateBlocks((s) => setCode(s, code)); }
  addLease(lease: Omit<Lease, 'next'>): Promise<BlockState> { return this.updateBlocks((s) => addLeaseTo(s, lease)); }

  /** Mints `count` new numbers for a tenant, each recorded as an unclaimed label (so never reused). */
  async mintUnclaimed(tenantId: string, count: number): Promise<Label[]> {
    return this.tx(async () => {
      const out: Label[] = [];
      for (let i = 0; i < count; i++) out.push(await this.mintInTx(tenantId, null));
      return out;
    });
  }

  /** One new number for a device about to be created (the label is bound when the device is). */
  async mintNumber(tenantId: string): Promise<string> {
    return (await this.mintUnclaimed(tenantId, 1))[0]!.assetNumber;
  }

  private async mintInTx(tenantId: string, deviceId: string | null): Promise<Label> {
    const { db } = this;
    const prefix = (await db.tenants.get(tenantId))?.assetPrefix ?? '';
    if (!prefix) throw new LabelError('noPrefix', tenantId);
    let state = await this.blocks();
    for (;;) {
      const m = mintNext(state, prefix);
      state = m.state;
      const taken = await db.labels.where('[tenantId+assetNumber]').equals([tenantId, m.assetNumber]).count()
        + await db.devices.where('[tenantId+assetNumber]').equals([tenantId, m.assetNumber]).count();
      if (taken > 0) continue;
      await db.meta.put({ key: BLOCKS_KEY, value: state });
      const label = await this.write(newId(), { ...newLabelFields(tenantId, m.assetNumber, deviceId) });
      await this.event(label, 'minted', { note: m.scheme });
      return label;
    }
  }

  // ── writes ──────────────────────────────────────────────────────────────
  private async write(id: string, fields: Record<string, unknown>): Promise<Label> {
    return (await writeInTx(this.db, this.db.labels, id, fields, this.ctx)).record as unknown as Label;
  }

  private async event(label: Label, kind: LabelEventKind, extra: Partial<LabelEvent> = {}): Promise<void> {
    const e: Record<string, unknown> = { labelId: label.id, kind, at: new Date(this.ctx.now()).toISOString(), actor: this.ctx.actor, deviceId: label.deviceId };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) e[k] = v;
    await writeInTx(this.db, this.db.labelEvents, newId(), e, this.ctx, 'insert');
  }

  private async transition(label: Label, kind: LabelEventKind, fields: Record<string, unknown> = {}, extra: Partial<LabelEvent> = {}): Promise<Label> {
    const state = nextState(label.state, kind);
    const next = await this.write(label.id, { ...fields, state });
    await this.event(next, kind, extra);
    return next;
  }

  private async mustGet(labelId: string): Promise<Label> {
    const l = asLabel(await this.db.labels.get(labelId));
    if (!l) throw new LabelError('notFound', labelId);
    return l;
  }

  /** The label of the device's current number, created (or claimed, if pre-printed) when missing. */
  async ensureForDevice(device: Pick<Device, 'id' | 'tenantId' | 'assetNumber'>): Promise<Label> {
    return this.tx(async () => {
      const n = normalizeNumber(device.assetNumber);
      const l = await this.byNumber(device.tenantId, n);
      if (!l) {
        const label = await this.write(newId(), { ...newLabelFields(device.tenantId, n, device.id) });
        await this.event(label, 'minted', { note: 'device' });
        return label;
      }
      if (l.state === 'voided') throw new LabelError('voided', n);
      if (l.deviceId === device.id) return l;
      if (l.deviceId !== null) throw new LabelError('claimedByOther', l.deviceId);
      return this.transition(l, 'claimed', { deviceId: device.id }, { deviceId: device.id });
    });
  }

  /**
   * Binds a scanned, pre-printed unclaimed label to a device (called by the scan feature). The
   * device takes the label's number; a label it had before is voided and marked reissued.
   */
  async claimLabel(assetNumber: string, deviceId: string): Promise<Label> {
    const { db } = this;
    return this.tx(async () => {
      const device = await db.devices.get(deviceId);
      if (!device || device.deleted) throw new LabelError('deviceNotFound', deviceId);
      const n = normalizeNumber(assetNumber);
      const label = await this.byNumber(device.tenantId, n);
      if (!label) throw new LabelError('notFound', n);
      if (label.state === 'voided') throw new LabelError('voided', n);
      if (label.deviceId === deviceId) return label;
      const holder = await db.devices.where('[tenantId+assetNumber]').equals([device.tenantId, n]).first();
      if (label.deviceId !== null || (holder && holder.id !== deviceId)) throw new LabelError('claimedByOther', label.deviceId ?? holder?.id ?? '');
      const claimed = await this.transition(label, 'claimed', { deviceId }, { deviceId, assetNumber: device.assetNumber || undefined });
      if (device.assetNumber !== n) {
        const old = device.assetNumber ? await this.byNumber(device.tenantId, normalizeNumber(device.assetNumber)) : undefined;
        if (old && old.deviceId === deviceId && old.state !== 'voided') await this.retire(old, claimed, 'claimed another label');
        await writeInTx(db, db.devices, deviceId, { assetNumber: n }, this.ctx);
      }
      return claimed;
    });
  }

  private async retire(old: Label, replacement: Label, note: string): Promise<void> {
    const voided = old.state === 'voided'
      ? await this.write(old.id, { replacedBy: replacement.id })
      : await this.transition(old, 'voided', { replacedBy: replacement.id }, { note });
    await this.event(voided, 'reissued', { assetNumber: replacement.assetNumber });
    await this.write(replacement.id, { replaces: old.id });
  }

  async recordPrint(job: PrintJobInfo, entries: readonly PrintedEntry[]): Promise<void> {
    const chunk = 200;
    for (let i = 0; i < entries.length; i += chunk) {
      await this.tx(async () => {
        for (const e of entries.slice(i, i + chunk)) {
          const l = await this.mustGet(e.labelId);
          const at = new Date(this.ctx.now()).toISOString();
          await this.transition(l, 'printed', { printCount: l.printCount + 1, lastPrintedAt: at, lastPrintedHash: e.fingerprint }, { ...job });
        }
      });
    }
  }

  markAttached(labelId: string): Promise<Label> { return this.tx(async () => this.transition(await this.mustGet(labelId), 'attached')); }
  markDamaged(labelId: string, note?: string): Promise<Label> { return this.tx(async () => this.transition(await this.mustGet(labelId), 'damaged', {}, { note })); }
  voidLabel(labelId: string, note?: string): Promise<Label> { return this.tx(async () => this.transition(await this.mustGet(labelId), 'voided', {}, { note })); }

  /** Voids a device's label and gives the device a new number (and label) from this tablet's block. */
  async reissue(labelId: string, note = 'reissued'): Promise<Label> {
    const { db } = this;
    return this.tx(async () => {
      const old = await this.mustGet(labelId);
      if (!old.deviceId) throw new LabelError('notFound', 'label has no device');
      const fresh = await this.mintInTx(old.tenantId, old.deviceId);
      await this.retire(old, fresh, note);
      await writeInTx(db, db.devices, old.deviceId, { assetNumber: fresh.assetNumber }, this.ctx);
      return this.mustGet(fresh.id);
    });
  }

  // ── reads ───────────────────────────────────────────────────────────────
  async get(id: string): Promise<Label | undefined> { return asLabel(await this.db.labels.get(id)); }

  async byNumber(tenantId: string, assetNumber: string): Promise<Label | undefined> {
    return asLabel(await this.db.labels.where('[tenantId+assetNumber]').equals([tenantId, normalizeNumber(assetNumber)]).first());
  }

  /** Any tenant: a scanned label carries only its number. */
  async findByNumber(assetNumber: string): Promise<Label | undefined> {
    const n = normalizeNumber(assetNumber);
    return asLabel(await this.db.labels.filter((l) => l.assetNumber === n && !l.deleted).first());
  }

  async labelsOfDevice(deviceId: string): Promise<Label[]> {
    const rows = (await this.db.labels.where('deviceId').equals(deviceId).toArray()).map(asLabel).filter((l): l is Label => !!l);
    const hlc = (l: Label) => l.clocks.assetNumber ?? '';
    return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || hlc(a).localeCompare(hlc(b)));
  }

  /** The device's current label (not voided). */
  async forDevice(deviceId: string): Promise<Label | undefined> {
    return (await this.labelsOfDevice(deviceId)).find((l) => l.state !== 'voided');
  }

  async history(labelId: string): Promise<LabelEvent[]> {
    const rows = await this.db.labelEvents.where('labelId').equals(labelId).toArray();
    // Events of one transaction share `at`: the HLC stamped on them orders them.
    const hlc = (r: SyncedRecord) => r.clocks.kind ?? '';
    return rows.sort((a, b) => String(a.at).localeCompare(String(b.at)) || hlc(a).localeCompare(hlc(b))) as unknown as LabelEvent[];
  }

  async deviceHistory(deviceId: string): Promise<{ label: Label; events: LabelEvent[] }[]> {
    const labels = await this.labelsOfDevice(deviceId);
    return Promise.all(labels.map(async (label) => ({ label, events: await this.history(label.id) })));
  }

  async unclaimed(tenantId: string): Promise<Label[]> {
    const rows = (await this.db.labels.where('state').equals('unclaimed').toArray()).map(asLabel);
    return rows.filter((l): l is Label => !!l && l.tenantId === tenantId).sort((a, b) => a.assetNumber.localeCompare(b.assetNumber));
  }

  /** Devices of a tenant for a print job, with their labels and the content they would print. */
  async candidates(tenantId: string, filter: PrintFilter, origin: string): Promise<Candidate[]> {
    const { db } = this;
    const [tenant, sites, locations, devices, labels] = await Promise.all([
      db.tenants.get(tenantId), db.sites.where('tenantId').equals(tenantId).toArray(),
      db.locations.where('tenantId').equals(tenantId).toArray(), db.devices.where('tenantId').equals(tenantId).toArray(),
      db.labels.where('[tenantId+assetNumber]').between([tenantId, ''], [tenantId, '\uffff']).toArray()
    ]);
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const locById = new Map(locations.map((l) => [l.id, l]));
    const labelByNumber = new Map(labels.map((l) => [l.assetNumber as string, asLabel(l)]));
    const out: Candidate[] = [];
    for (const row of devices) {
      if (row.deleted) continue;
      const { _macs: _, ...device } = row;
      const location = device.locationId ? locById.get(device.locationId) : undefined;
      const ctx: ContentContext = { origin, tenant, site: siteById.get(device.siteId), location };
      const c: Candidate = { device, label: labelByNumber.get(normalizeNumber(device.assetNumber)), data: labelDataForDevice(device, ctx) };
      if (matches(filter, c, location)) out.push(c);
    }
    return out.sort((a, b) => a.device.assetNumber.localeCompare(b.device.assetNumber, 'zh-CN', { numeric: true }));
  }
}

export { contentFingerprint };
