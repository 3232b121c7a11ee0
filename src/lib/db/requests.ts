/**
 * Equipment requests (`equipmentRequests`, upserted per field) and their approvals (insert-only).
 * The approval phase shown is derived from the approval records; the later steps (batched,
 * received, assigned, returned, in stock) are stored and each needs the one before. Receiving
 * registers the device through the device repository, in the same transaction.
 */
import type { Table } from 'dexie';
import type { Device } from '$lib/domain/device';
import { canDecide, validateDecision, type ChainOutcome, type Decision, type Stage } from '$lib/domain/service/approvals';
import {
  canMoveRequest, deviceFromRequest, effectiveRequestStatus, purchaseBatch, recordNumber, requestChain, validateInspection, validateRequest,
  type EquipmentRequest, type Inspection, type InspectionErrors, type Receipt, type RequestDraft, type RequestErrors, type RequestStatus
} from '$lib/domain/service/request';
import { approvalsOf, approvalsOfMany, ApprovalValidationError, insertApproval, StageNotOpenError, type StoredApproval } from './approvals';
import type { DeviceRepository } from './devices';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export type StoredRequest = EquipmentRequest & Pick<SyncedRecord, 'clocks' | 'updatedAt'> & { deleted?: string };

export interface RequestView {
  request: StoredRequest;
  status: RequestStatus;
  chain: ChainOutcome;
  approvals: StoredApproval[];
}

export class RequestValidationError extends Error {
  constructor(readonly errors: RequestErrors | InspectionErrors | Record<string, string>) {
    super('invalid request: ' + Object.keys(errors).join(', '));
    this.name = 'RequestValidationError';
  }
}

export class RequestStepError extends Error {
  constructor(readonly from: RequestStatus, readonly to: RequestStatus) {
    super(`cannot move a request from ${from} to ${to}`);
    this.name = 'RequestStepError';
  }
}

function view(request: StoredRequest, approvals: StoredApproval[]): RequestView {
  const chain = requestChain(approvals);
  return { request, status: effectiveRequestStatus(request.status, chain), chain, approvals };
}

export class RequestRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext, private readonly devices: DeviceRepository) {}

  private get table(): Table<StoredRequest, string> {
    return this.db.equipmentRequests as unknown as Table<StoredRequest, string>;
  }

  async get(id: string): Promise<RequestView | undefined> {
    const r = await this.table.get(id);
    if (!r || r.deleted) return undefined;
    return view(r, await approvalsOf(this.db, 'requestId', id));
  }

  /** A client company's requests, newest first. */
  async list(tenantId: string): Promise<RequestView[]> {
    const rows = (await this.table.where('tenantId').equals(tenantId).toArray()).filter((r) => !r.deleted);
    const approvals = await approvalsOfMany(this.db, 'requestId', rows.map((r) => r.id));
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number)).map((r) => view(r, approvals.get(r.id) ?? []));
  }

  async create(draft: RequestDraft, scope: { tenantId: string; siteId: string }): Promise<StoredRequest> {
    const v = validateRequest(draft);
    if (!v.ok) throw new RequestValidationError(v.errors);
    const { db } = this;
    const id = newId();
    const number = recordNumber('REQ', new Date(this.ctx.now()).toISOString(), id);
    return db.transaction('rw', [db.equipmentRequests, ...syncTables(db)], async () =>
      (await writeInTx(db, this.table, id, { ...v.request, ...scope, number, status: 'submitted', batchMonth: '' }, this.ctx)).record);
  }

  /** One approver's decision at the stage that is open now (insert-only). */
  async decide(id: string, d: { stage: Stage; decision: Decision; comment: string; by: string }): Promise<RequestView> {
    const errors = validateDecision(d);
    if (Object.keys(errors).length) throw new ApprovalValidationError(errors);
    const { db } = this;
    return db.transaction('rw', [db.equipmentRequests, db.approvals, ...syncTables(db)], async () => {
      const v = await this.require(id);
      if (!canDecide(v.chain, d.stage)) throw new StageNotOpenError(d.stage);
      // Only the insert-only record is written: mirroring the outcome into the request's status
      // field would make two offline approvers' edits conflict on it, for nothing.
      await insertApproval(db, this.ctx, { tenantId: v.request.tenantId, siteId: v.request.siteId, requestId: id }, d);
      return this.require(id);
    });
  }

  /** Puts every approved, unbatched request of the client into the purchase batch of `month` (YYYY-MM). */
  async batchMonth(tenantId: string, month: string): Promise<RequestView[]> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RequestValidationError({ batchMonth: 'invalidDate' });
    const { db } = this;
    return db.transaction('rw', [db.equipmentRequests, db.approvals, ...syncTables(db)], async () => {
      const all = await this.list(tenantId);
      const batch = purchaseBatch(all.map((v) => ({ ...v.request, effective: v.status, view: v })), month);
      for (const r of batch) if (r.effective === 'approved-gm') await writeInTx(db, this.table, r.id, { status: 'batched', batchMonth: month }, this.ctx);
      return Promise.all(batch.map(async (r) => (await this.get(r.id))!));
    });
  }

  /** The purchase list of a month, urgent first (read only). */
  async batch(tenantId: string, month: string): Promise<RequestView[]> {
    const all = await this.list(tenantId);
    return purchaseBatch(all.map((v) => ({ ...v.request, effective: v.status, view: v })), month).map((r) => r.view);
  }

  /** On receipt the device is registered, prefilled from the request, and linked to it. */
  async receive(id: string, receipt: Receipt): Promise<{ view: RequestView; device: Device }> {
    const { db } = this;
    return db.transaction('rw', [db.equipmentRequests, db.approvals, db.devices, ...syncTables(db)], async () => {
      const v = await this.step(id, 'received');
      const device = await this.devices.create(deviceFromRequest(v.request, receipt));
      await writeInTx(db, this.table, id, { status: 'received', deviceId: device.id }, this.ctx);
      return { view: await this.require(id), device };
    });
  }

  /** Hands the device to its user: the register shows who has it. */
  async assign(id: string, user: string): Promise<RequestView> {
    const to = user.trim();
    if (to === '') throw new RequestValidationError({ assignedTo: 'required' });
    return this.withDevice(id, 'assigned', { assignedTo: to }, { assignedUser: to, status: 'inUse' });
  }

  /** The device comes back; it is inspected before anything else happens to it. */
  async returnWithInspection(id: string, inspection: Omit<Inspection, 'at'>): Promise<RequestView> {
    const full: Inspection = { ...inspection, notes: inspection.notes.trim(), by: inspection.by.trim(), at: new Date(this.ctx.now()).toISOString() };
    const errors = validateInspection(full);
    if (Object.keys(errors).length) throw new RequestValidationError(errors);
    return this.withDevice(id, 'returned', { inspection: full }, { assignedUser: '' });
  }

  /** After the inspection the device goes back to stock. */
  async toStock(id: string): Promise<RequestView> {
    return this.withDevice(id, 'in-stock', {}, { status: 'inStock' });
  }

  private async withDevice(id: string, to: RequestStatus, fields: Record<string, unknown>, deviceFields: Partial<Device>): Promise<RequestView> {
    const { db } = this;
    return db.transaction('rw', [db.equipmentRequests, db.approvals, db.devices, ...syncTables(db)], async () => {
      const v = await this.step(id, to);
      const device = v.request.deviceId ? await this.devices.get(v.request.deviceId) : undefined;
      if (device) {
        const { id: _id, clocks: _c, createdAt: _a, updatedAt: _u, deleted: _d, ...current } = device;
        await this.devices.update(device.id, { ...current, ...deviceFields });
      }
      await writeInTx(db, this.table, id, { ...fields, status: to }, this.ctx);
      return this.require(id);
    });
  }

  private async step(id: string, to: RequestStatus): Promise<RequestView> {
    const v = await this.require(id);
    if (!canMoveRequest(v.status, to)) throw new RequestStepError(v.status, to);
    return v;
  }

  private async require(id: string): Promise<RequestView> {
    const v = await this.get(id);
    if (!v) throw new Error(`request ${id} not found`);
    return v;
  }
}
