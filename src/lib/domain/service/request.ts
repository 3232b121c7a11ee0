/**
 * Equipment requests, the lifecycle of the client's IT policy:
 * submitted → approved by the department manager → IT → the general manager (approvals.ts) →
 * in the monthly purchase batch → received (registered as a device) → assigned to the user →
 * returned with an inspection → back in stock.
 *
 * The approval phase is never read from the stored `status`: it is derived from the approval
 * records (resolveChain), so concurrent offline decisions show one outcome everywhere. The stored
 * status carries the later steps, which count only once the chain is approved.
 */
import { DEVICE_TYPES, newDeviceFields, type DeviceFields, type DeviceType } from '../device';
import { REQUEST_CHAIN, resolveChain, type ApprovalRecord, type ChainOutcome } from './approvals';

export const REQUEST_STATUSES = [
  'submitted', 'approved-dept', 'approved-it', 'approved-gm', 'rejected',
  'batched', 'received', 'assigned', 'returned', 'in-stock'
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The last approval, then the statuses after it: stored on the record, each reached from the one before. */
const STEPS: readonly RequestStatus[] = ['approved-gm', 'batched', 'received', 'assigned', 'returned', 'in-stock'];
const AFTER_APPROVAL_ORDER = STEPS.slice(1);

export interface RequestItem { type: DeviceType; model: string; spec: string }

export const INSPECTION_ITEMS = ['powersOn', 'noDamage', 'accessories', 'dataWiped', 'labelIntact'] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number];
export interface Inspection {
  checklist: Partial<Record<InspectionItem, boolean>>;
  notes: string;
  by: string;
  at: string;
}

export interface RequestDraft {
  requester: string;
  department: string;
  item: RequestItem;
  reason: string;
  urgent: boolean;
}

export interface EquipmentRequest extends RequestDraft {
  id: string;
  tenantId: string;
  siteId: string;
  number: string;
  status: RequestStatus;
  batchMonth: string; // YYYY-MM, '' until batched
  deviceId?: string;
  assignedTo?: string;
  inspection?: Inspection;
  createdAt: string;
}

export type RequestErrors = Partial<Record<'requester' | 'department' | 'item.type' | 'item.model' | 'reason', 'required' | 'invalidChoice' | 'tooLong'>>;

export function emptyRequest(): RequestDraft {
  return { requester: '', department: '', item: { type: 'laptop', model: '', spec: '' }, reason: '', urgent: false };
}

export function validateRequest(d: RequestDraft): { ok: true; request: RequestDraft } | { ok: false; errors: RequestErrors } {
  const e: RequestErrors = {};
  const clean: RequestDraft = {
    requester: d.requester.trim(), department: d.department.trim(), reason: d.reason.trim(), urgent: d.urgent === true,
    item: { type: d.item.type, model: d.item.model.trim(), spec: d.item.spec.trim() }
  };
  if (clean.requester === '') e.requester = 'required';
  if (clean.department === '') e.department = 'required';
  if (!DEVICE_TYPES.includes(clean.item.type)) e['item.type'] = 'invalidChoice';
  if (clean.item.model === '') e['item.model'] = 'required';
  if (clean.reason === '') e.reason = 'required';
  else if (clean.reason.length > 2000) e.reason = 'tooLong';
  return Object.keys(e).length ? { ok: false, errors: e } : { ok: true, request: clean };
}

/** A readable number made offline without a counter: kind, day, and four characters of the id. */
export function recordNumber(prefix: 'REQ' | 'CHG', iso: string, id: string): string {
  return `${prefix}-${iso.slice(0, 10).replace(/-/g, '')}-${id.replace(/-/g, '').slice(0, 4).toUpperCase()}`;
}

export function requestChain(approvals: readonly ApprovalRecord[]): ChainOutcome {
  return resolveChain(approvals, REQUEST_CHAIN);
}

/** The status everyone sees: the approval phase from the records, later steps from the record. */
export function effectiveRequestStatus(stored: RequestStatus, chain: ChainOutcome): RequestStatus {
  if (chain.status === 'rejected') return 'rejected';
  if (chain.status === 'approved') return AFTER_APPROVAL_ORDER.includes(stored) ? stored : 'approved-gm';
  return chain.next === 'dept' ? 'submitted' : chain.next === 'it' ? 'approved-dept' : 'approved-it';
}

/** The one step that may follow `status` after the approvals, or null. */
export function nextRequestStep(status: RequestStatus): RequestStatus | null {
  const i = STEPS.indexOf(status);
  return i >= 0 ? (STEPS[i + 1] ?? null) : null;
}

export function canMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return nextRequestStep(from) === to;
}

/**
 * The purchase batch of a month: approved requests not yet batched, plus those already in this
 * month's batch; urgent ones first, then the oldest request first (then by number, for a total order).
 */
export function purchaseBatch<R extends Pick<EquipmentRequest, 'urgent' | 'createdAt' | 'number' | 'batchMonth'> & { effective: RequestStatus }>(
  requests: readonly R[], month: string
): R[] {
  return requests
    .filter((r) => r.effective === 'approved-gm' || (r.effective !== 'rejected' && r.batchMonth === month))
    .sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.createdAt.localeCompare(b.createdAt) || a.number.localeCompare(b.number));
}

export interface Receipt {
  assetNumber: string;
  serial: string;
  manufacturer: string;
  supplier: string;
  purchaseCost: number | null;
  receivedOn: string; // YYYY-MM-DD
}

/** The device a received request registers: what the request already says, plus the receipt. */
export function deviceFromRequest(r: Pick<EquipmentRequest, 'tenantId' | 'siteId' | 'number' | 'department' | 'item' | 'requester'>, receipt: Receipt): DeviceFields {
  return {
    ...newDeviceFields(r.tenantId, r.siteId, null),
    assetNumber: receipt.assetNumber,
    name: `${r.item.model}`,
    type: r.item.type,
    manufacturer: receipt.manufacturer.trim(),
    model: r.item.model,
    serial: receipt.serial.trim(),
    purchaseDate: receipt.receivedOn || null,
    supplier: receipt.supplier.trim(),
    purchaseCost: receipt.purchaseCost,
    department: r.department,
    status: 'inStock',
    notes: r.item.spec,
    custom: { request: r.number }
  };
}

export type InspectionErrors = Partial<Record<InspectionItem | 'notes' | 'by', 'required'>>;

/** Every item must be answered; a failed item needs a note saying what is wrong. */
export function validateInspection(i: Inspection): InspectionErrors {
  const e: InspectionErrors = {};
  for (const k of INSPECTION_ITEMS) if (typeof i.checklist[k] !== 'boolean') e[k] = 'required';
  if (INSPECTION_ITEMS.some((k) => i.checklist[k] === false) && i.notes.trim() === '') e.notes = 'required';
  if (i.by.trim() === '') e.by = 'required';
  return e;
}

export function inspectionPassed(i: Inspection): boolean {
  return INSPECTION_ITEMS.every((k) => i.checklist[k] === true);
}
