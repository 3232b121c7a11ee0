/**
 * Label records: one per asset number, one to one, and their history.
 *
 * States:  unclaimed  minted with no device (pre-printed sheets), waiting to be claimed;
 *          issued     bound to a device, not (yet) confirmed on it;
 *          attached   confirmed stuck on its device;
 *          damaged    on the device but unreadable: reprint it (same number);
 *          voided     withdrawn for good; its number is never used again.
 * Events:  minted, printed (template, job), claimed, attached, damaged, voided, reissued
 *          (on a voided label, naming the number that replaced it).
 * Reprinting keeps the number; reissuing voids the number and gives the device a new one.
 */
import type { Symbology } from './templates';

export const LABEL_STATES = ['unclaimed', 'issued', 'attached', 'damaged', 'voided'] as const;
export type LabelState = (typeof LABEL_STATES)[number];

export const LABEL_EVENT_KINDS = ['minted', 'printed', 'claimed', 'attached', 'damaged', 'voided', 'reissued'] as const;
export type LabelEventKind = (typeof LABEL_EVENT_KINDS)[number];

export interface LabelFields {
  tenantId: string;
  assetNumber: string;
  deviceId: string | null;
  state: LabelState;
  printCount: number;
  lastPrintedAt: string | null;
  /** contentFingerprint() of what the last print showed. */
  lastPrintedHash: string | null;
  replaces: string | null;
  replacedBy: string | null;
}

export interface Label extends LabelFields {
  id: string;
  clocks: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  deleted?: string;
}

export interface LabelEvent {
  id: string;
  labelId: string;
  kind: LabelEventKind;
  at: string;
  actor: string;
  deviceId: string | null;
  template?: string;
  symbology?: Symbology;
  jobId?: string;
  note?: string;
  /** reissued: the new number; claimed: the number the device had before, if any. */
  assetNumber?: string;
}

export class LabelStateError extends Error {
  constructor(public readonly from: LabelState, public readonly kind: LabelEventKind) {
    super(`label ${from} cannot be ${kind}`);
    this.name = 'LabelStateError';
  }
}

/** The state after `kind`, or a LabelStateError when the event makes no sense in `from`. */
export function nextState(from: LabelState, kind: LabelEventKind): LabelState {
  const bad = (): never => { throw new LabelStateError(from, kind); };
  if (from === 'voided') return kind === 'reissued' ? 'voided' : bad();
  switch (kind) {
    case 'minted': return bad();
    case 'printed': return from === 'damaged' ? 'issued' : from;
    case 'claimed': return from === 'unclaimed' ? 'attached' : bad();
    case 'attached': return from === 'issued' || from === 'damaged' || from === 'attached' ? 'attached' : bad();
    case 'damaged': return from === 'issued' || from === 'attached' ? 'damaged' : bad();
    case 'voided': return 'voided';
    case 'reissued': return bad();
  }
}

export function newLabelFields(tenantId: string, assetNumber: string, deviceId: string | null): LabelFields {
  return {
    tenantId, assetNumber, deviceId, state: deviceId ? 'issued' : 'unclaimed',
    printCount: 0, lastPrintedAt: null, lastPrintedHash: null, replaces: null, replacedBy: null
  };
}
