/**
 * Room-audit arithmetic. An audit is a snapshot of the devices expected in a room when it started
 * plus an append-only list of scans (each already resolved when it was made) and of accepted
 * moves. Everything shown is derived from those, in scan order:
 *  - found:     scanned devices registered in this room (expected, or registered here since);
 *  - misplaced: scanned devices registered elsewhere or nowhere; `moved` once moved here;
 *  - unknown:   scans that matched no device (unregistered labels, foreign codes, typos);
 *  - missing:   expected devices not found (a misplaced device moved here is not "expected");
 *  - duplicate: any scan of a device or text already seen; flagged, never counted twice.
 * Invariants (tested): found + missing = expected ∪ found; every item is counted once;
 * scans = found + misplaced + unknown + duplicates.
 */
import type { DeviceRef, ScanOutcome } from './resolve';

export interface ExpectedDevice {
  deviceId: string;
  assetNumber: string;
  name: string;
}

export type AuditScanResult =
  | { type: 'device'; deviceId: string; assetNumber: string; name: string; locationId: string | null; voidedLabel?: string | null }
  | { type: 'unknown'; reason: string; detail?: string };

export interface AuditScan {
  id: string;
  at: string;
  text: string;
  result: AuditScanResult;
}

export interface AuditMove {
  deviceId: string;
  from: string | null;
  at: string;
}

export type ScanVerdict = 'found' | 'misplaced' | 'unknown' | 'duplicate';

export interface MisplacedDevice extends ExpectedDevice {
  registeredAt: string | null;
  moved: boolean;
}

export interface UnknownScan {
  text: string;
  reason: string;
  detail?: string;
}

export interface Findings {
  expected: ExpectedDevice[];
  found: ExpectedDevice[];
  misplaced: MisplacedDevice[];
  unknown: UnknownScan[];
  missing: ExpectedDevice[];
  /** Scan id → what that scan counted as, for the running list. */
  verdicts: Record<string, ScanVerdict>;
  duplicates: number;
  scans: number;
}

/** Unknown scans are the same item when their text is the same once trimmed and upper-cased. */
function itemKey(s: AuditScan): string {
  return s.result.type === 'device' ? 'd:' + s.result.deviceId : 't:' + s.text.trim().toUpperCase();
}

export function computeFindings(locationId: string, expected: readonly ExpectedDevice[], scans: readonly AuditScan[], moves: readonly AuditMove[] = []): Findings {
  const expectedIds = new Set(expected.map((e) => e.deviceId));
  const movedIds = new Set(moves.map((m) => m.deviceId));
  const seen = new Set<string>();
  const verdicts: Record<string, ScanVerdict> = {};
  const found: ExpectedDevice[] = [];
  const extraExpected: ExpectedDevice[] = [];
  const misplaced: MisplacedDevice[] = [];
  const unknown: UnknownScan[] = [];
  let duplicates = 0;

  for (const s of scans) {
    const key = itemKey(s);
    if (seen.has(key)) {
      verdicts[s.id] = 'duplicate';
      duplicates++;
      continue;
    }
    seen.add(key);
    const r = s.result;
    if (r.type === 'unknown') {
      verdicts[s.id] = 'unknown';
      unknown.push({ text: s.text, reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) });
      continue;
    }
    const item: ExpectedDevice = { deviceId: r.deviceId, assetNumber: r.assetNumber, name: r.name };
    if (expectedIds.has(r.deviceId) || (r.locationId === locationId && !movedIds.has(r.deviceId))) {
      verdicts[s.id] = 'found';
      found.push(item);
      if (!expectedIds.has(r.deviceId)) extraExpected.push(item);
    } else {
      verdicts[s.id] = 'misplaced';
      misplaced.push({ ...item, registeredAt: r.locationId, moved: movedIds.has(r.deviceId) });
    }
  }

  const foundIds = new Set(found.map((f) => f.deviceId));
  return {
    expected: [...expected, ...extraExpected],
    found,
    misplaced,
    unknown,
    missing: expected.filter((e) => !foundIds.has(e.deviceId)),
    verdicts,
    duplicates,
    scans: scans.length
  };
}

/** The summary stored when an audit is finished (ids and texts only; names may change later). */
export interface FindingsSummary {
  expected: number;
  found: string[];
  misplaced: { deviceId: string; from: string | null; moved: boolean }[];
  unknown: string[];
  missing: string[];
  duplicates: number;
  scans: number;
}

export function summarize(f: Findings): FindingsSummary {
  return {
    expected: f.expected.length,
    found: f.found.map((d) => d.deviceId),
    misplaced: f.misplaced.map((d) => ({ deviceId: d.deviceId, from: d.registeredAt, moved: d.moved })),
    unknown: f.unknown.map((u) => u.text),
    missing: f.missing.map((d) => d.deviceId),
    duplicates: f.duplicates,
    scans: f.scans
  };
}

export type AuditStatus = 'never' | 'ok' | 'dueSoon' | 'overdue';

/** Overdue when the last audit is older than `intervalDays`; due soon within the last `soonDays`. */
export function auditStatus(lastAudit: string | null | undefined, today: string, intervalDays = 365, soonDays = 30): AuditStatus {
  if (!lastAudit) return 'never';
  const age = (Date.parse(today.slice(0, 10) + 'T00:00:00Z') - Date.parse(lastAudit.slice(0, 10) + 'T00:00:00Z')) / 86_400_000;
  if (age > intervalDays) return 'overdue';
  if (age > intervalDays - soonDays) return 'dueSoon';
  return 'ok';
}

/** What a resolved scan counts as in an audit; null for a room label (not a scan of this room's contents). */
export function auditResultOf(o: ScanOutcome): AuditScanResult | null {
  const device = (d: DeviceRef, voidedLabel?: string | null): AuditScanResult => ({
    type: 'device', deviceId: d.id, assetNumber: d.assetNumber, name: d.name, locationId: d.locationId,
    ...(voidedLabel !== undefined ? { voidedLabel } : {})
  });
  switch (o.type) {
    case 'device': return device(o.device);
    case 'voided': return o.device ? device(o.device, o.replacedBy) : { type: 'unknown', reason: 'voided', ...(o.replacedBy ? { detail: o.replacedBy } : {}) };
    case 'room': return null;
    case 'choose': return { type: 'unknown', reason: 'ambiguous', detail: o.value };
    case 'unclaimed': return { type: 'unknown', reason: 'unclaimed' };
    case 'notFound': return { type: 'unknown', reason: 'notFound' };
    case 'rejected': return { type: 'unknown', reason: o.reason, ...(o.detail ? { detail: o.detail } : {}) };
  }
}
