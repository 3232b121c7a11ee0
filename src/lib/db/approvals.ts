/**
 * Approval records (insert-only, `approvals`): one per decision, never edited. Shared by the
 * change and equipment-request repositories; the outcome is computed from the set of records
 * (domain/service/approvals.ts), never stored.
 */
import type { Table } from 'dexie';
import { compareApprovals, type ApprovalRecord, type Decision, type Stage } from '$lib/domain/service/approvals';
import type { AssetWalkDB, SyncedRecord } from './schema';
import { newId, writeInTx, type WriteContext } from './writer';

export interface StoredApproval extends ApprovalRecord, Pick<SyncedRecord, 'clocks' | 'createdAt' | 'updatedAt'> {
  tenantId: string;
  siteId: string;
  requestId?: string;
  changeId?: string;
}

export class ApprovalValidationError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super('invalid decision: ' + Object.keys(errors).join(', '));
    this.name = 'ApprovalValidationError';
  }
}

/** The stage may not decide now (an earlier stage is open, or the chain has ended). */
export class StageNotOpenError extends Error {
  constructor(readonly stage: Stage) {
    super(`stage ${stage} cannot decide now`);
    this.name = 'StageNotOpenError';
  }
}

export function approvalTable(db: AssetWalkDB): Table<StoredApproval, string> {
  return db.approvals as unknown as Table<StoredApproval, string>;
}

/** A stored record as the domain sees it: its clock is the HLC it was written with. */
function toRecord(r: StoredApproval): StoredApproval {
  return { ...r, hlc: r.clocks.stage ?? r.clocks.decision };
}

/** The approvals of one request or change, in decision order. */
export async function approvalsOf(db: AssetWalkDB, parent: 'requestId' | 'changeId', id: string): Promise<StoredApproval[]> {
  return (await approvalTable(db).where(parent).equals(id).toArray()).map(toRecord).sort(compareApprovals);
}

/** Approvals of many parents at once, by parent id. */
export async function approvalsOfMany(db: AssetWalkDB, parent: 'requestId' | 'changeId', ids: readonly string[]): Promise<Map<string, StoredApproval[]>> {
  const out = new Map<string, StoredApproval[]>();
  if (ids.length === 0) return out;
  for (const r of await approvalTable(db).where(parent).anyOf([...ids]).toArray()) {
    const key = String(r[parent]);
    const list = out.get(key);
    if (list) list.push(toRecord(r));
    else out.set(key, [toRecord(r)]);
  }
  for (const list of out.values()) list.sort(compareApprovals);
  return out;
}

export interface DecisionInput {
  stage: Stage;
  decision: Decision;
  comment: string;
  by: string;
}

/** Writes one decision, insert-only, inside the caller's transaction. */
export async function insertApproval(
  db: AssetWalkDB, ctx: WriteContext, parent: { tenantId: string; siteId: string; requestId?: string; changeId?: string }, d: DecisionInput
): Promise<StoredApproval> {
  const fields = { ...parent, stage: d.stage, decision: d.decision, comment: d.comment.trim(), by: d.by.trim(), at: new Date(ctx.now()).toISOString() };
  const { record } = await writeInTx(db, approvalTable(db), newId(), fields, ctx, 'insert');
  return toRecord(record);
}
