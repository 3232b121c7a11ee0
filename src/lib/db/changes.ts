/**
 * Change records (`changes`, upserted per field) and their CAB decisions (`approvals`, insert-only).
 * The status shown is always effectiveChangeStatus(stored, CAB outcome): approved and rejected
 * come from the approval records, so concurrent offline decisions converge.
 */
import type { Table } from 'dexie';
import { changeChain, cleanChange, effectiveChangeStatus, moveErrors, validateChange, type Change, type ChangeDraft, type ChangeErrors, type ChangeStatus } from '$lib/domain/service/change';
import { canDecide, validateDecision, type ChainOutcome, type Decision } from '$lib/domain/service/approvals';
import { recordNumber } from '$lib/domain/service/request';
import { approvalsOf, approvalsOfMany, ApprovalValidationError, insertApproval, StageNotOpenError, type StoredApproval } from './approvals';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, syncTables, writeInTx, type WriteContext } from './writer';

export type StoredChange = Change & Pick<SyncedRecord, 'clocks' | 'updatedAt'> & { deleted?: string };

export interface ChangeView {
  change: StoredChange;
  status: ChangeStatus;
  cab: ChainOutcome;
  approvals: StoredApproval[];
}

export class ChangeValidationError extends Error {
  constructor(readonly errors: ChangeErrors) {
    super('invalid change: ' + Object.keys(errors).join(', '));
    this.name = 'ChangeValidationError';
  }
}

export class IllegalMoveError extends Error {
  constructor(readonly from: string, readonly to: string) {
    super(`cannot move from ${from} to ${to}`);
    this.name = 'IllegalMoveError';
  }
}

function view(change: StoredChange, approvals: StoredApproval[]): ChangeView {
  const cab = changeChain(approvals);
  return { change, status: effectiveChangeStatus(change.status, cab), cab, approvals };
}

export class ChangeRepository {
  constructor(private readonly db: AssetWalkDB, private readonly ctx: WriteContext) {}

  private get table(): Table<StoredChange, string> {
    return this.db.changes as unknown as Table<StoredChange, string>;
  }

  async get(id: string): Promise<ChangeView | undefined> {
    const c = await this.table.get(id);
    if (!c || c.deleted) return undefined;
    return view(c, await approvalsOf(this.db, 'changeId', id));
  }

  /** A client company's changes, newest first. */
  async list(tenantId: string): Promise<ChangeView[]> {
    const rows = (await this.table.where('tenantId').equals(tenantId).toArray()).filter((c) => !c.deleted);
    const approvals = await approvalsOfMany(this.db, 'changeId', rows.map((c) => c.id));
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number)).map((c) => view(c, approvals.get(c.id) ?? []));
  }

  async create(draft: ChangeDraft, scope: { tenantId: string; siteId: string }): Promise<StoredChange> {
    const d = cleanChange(draft);
    const errors = validateChange(d);
    if (Object.keys(errors).length) throw new ChangeValidationError(errors);
    const { db } = this;
    const id = newId();
    const number = recordNumber('CHG', new Date(this.ctx.now()).toISOString(), id);
    return db.transaction('rw', [db.changes, ...syncTables(db)], async () =>
      (await writeInTx(db, this.table, id, { ...d, ...scope, number, status: 'draft', outcome: '' }, this.ctx)).record);
  }

  /** Edits the plan. Only a draft is edited: once submitted, the board decides on what it saw. */
  async update(id: string, draft: ChangeDraft): Promise<StoredChange> {
    const d = cleanChange(draft);
    const errors = validateChange(d);
    if (Object.keys(errors).length) throw new ChangeValidationError(errors);
    const { db } = this;
    return db.transaction('rw', [db.changes, db.approvals, ...syncTables(db)], async () => {
      const v = await this.get(id);
      if (!v) throw new Error(`change ${id} not found`);
      if (v.status !== 'draft') throw new IllegalMoveError(v.status, 'draft');
      return (await writeInTx(db, this.table, id, { ...d }, this.ctx)).record;
    });
  }

  /** A move by button (submit, schedule, implemented, failed, backed out, close), with the outcome where one is due. */
  async move(id: string, to: ChangeStatus, outcome?: string): Promise<ChangeView> {
    const { db } = this;
    return db.transaction('rw', [db.changes, db.approvals, ...syncTables(db)], async () => {
      const v = await this.get(id);
      if (!v) throw new Error(`change ${id} not found`);
      const next = { ...v.change, outcome: outcome?.trim() ?? v.change.outcome };
      const errors = moveErrors(next, v.status, to);
      if (errors === 'illegal') throw new IllegalMoveError(v.status, to);
      if (Object.keys(errors).length) throw new ChangeValidationError(errors);
      const fields: Record<string, unknown> = { status: to };
      if (outcome !== undefined) fields.outcome = next.outcome;
      await writeInTx(db, this.table, id, fields, this.ctx);
      return (await this.get(id))!;
    });
  }

  /** A board member's decision on a submitted change (insert-only; the status follows from the records). */
  async decide(id: string, d: { decision: Decision; comment: string; by: string }): Promise<ChangeView> {
    const errors = validateDecision(d);
    if (Object.keys(errors).length) throw new ApprovalValidationError(errors);
    const { db } = this;
    return db.transaction('rw', [db.changes, db.approvals, ...syncTables(db)], async () => {
      const v = await this.get(id);
      if (!v) throw new Error(`change ${id} not found`);
      if (v.status !== 'submitted' || !canDecide(v.cab, 'cab')) throw new StageNotOpenError('cab');
      // Only the insert-only record is written (see RequestRepository.decide): the status shown is derived from it.
      await insertApproval(db, this.ctx, { tenantId: v.change.tenantId, siteId: v.change.siteId, changeId: id }, { stage: 'cab', ...d });
      return (await this.get(id))!;
    });
  }
}
