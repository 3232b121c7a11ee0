/**
 * The conflicts of a whole client company as lines a person reads: "your value X (field) was
 * overwritten by Y from tablet Z at T", newest first, with where the conflict was recorded (on
 * this tablet while merging a pull, or on the server and brought by serverConflicts.ts), which
 * tablet wrote the lost value, where to go and whether the old value can be put back. Pure: the
 * page (routes/conflicts) loads the rows and the tablet directory and renders these.
 */
import type { ConflictEntry } from '$lib/db/types';
import { hlcNode, hlcTime, showValue } from './format';
import type { ConflictReason } from './wire';

export interface RecordInfo {
  /** The record as stored on this tablet (undefined: not here, e.g. a clash left out). */
  row: Record<string, unknown> | undefined;
}

/** What this tablet knows of the team's tablets (sync/tabletDirectory.ts loads it). */
export interface KnownTablet {
  /** The tablet code (asset-number blocks), null when none is set. */
  code: number | null;
  /** The name the tablet gave at login (Administration › Tablets), null when unknown. */
  device: string | null;
}
export interface TabletDirectory {
  /** This tablet's node id (the clientId it pushes with), null before its first edit. */
  self: string | null;
  known: ReadonlyMap<string, KnownTablet>;
}
export const NO_DIRECTORY: TabletDirectory = { self: null, known: new Map() };

/** A tablet named as well as this tablet can: itself, its code and device name, or its id. */
export interface TabletRef {
  id: string;
  /** The first 8 characters of the id, to show when nothing better is known. */
  short: string;
  self: boolean;
  code: number | null;
  device: string | null;
}

export function tabletRef(id: string, dir: TabletDirectory): TabletRef | null {
  if (!id) return null;
  const k = dir.known.get(id);
  return { id, short: id.slice(0, 8), self: id === dir.self, code: k?.code ?? null, device: k?.device ?? null };
}

export interface ConflictLine {
  id: number;
  table: string;
  recordId: string;
  /** What the record is, in the words of its own fields (asset number and name, a panel's name…). */
  record: string;
  href: string | null;
  field: string;
  lost: string;
  /** The value the record holds now (the winner, or a later edit). */
  current: string;
  /** The tablet whose edit won (null for a number clash). */
  by: TabletRef | null;
  /** The tablet that wrote (for server conflicts: pushed) the lost value, null when unknown. */
  lostBy: TabletRef | null;
  /** When the winning edit was made. */
  at: number | null;
  /** Where the loss was recorded: on this tablet while merging a pull, or on the server. */
  source: 'tablet' | 'server';
  recordedAt: number | null;
  /** 'tombstone': the value lost to a delete of the record. */
  reason: ConflictReason;
  kind: 'value' | 'assetNumberClash';
  /** "Use this value" makes sense: the record is here, live, and holds something else now. */
  canRestore: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function recordLabel(table: string, id: string, row: Record<string, unknown> | undefined): string {
  if (!row) return `${table} ${id.slice(0, 8)}`;
  switch (table) {
    case 'devices':
    case 'labels':
      return [str(row.assetNumber), str(row.name)].filter(Boolean).join(' · ') || id.slice(0, 8);
    case 'locations':
      return [str(row.building), str(row.floor), str(row.room)].filter(Boolean).join(' / ') || id.slice(0, 8);
    default:
      return str(row.name) || str(row.assetNumber) || `${table} ${id.slice(0, 8)}`;
  }
}

export function recordHref(table: string, id: string): string | null {
  if (table === 'devices') return `/devices/${id}`;
  if (table === 'panels') return `/panels/${id}`;
  return null;
}

export function conflictLines(
  conflicts: readonly ConflictEntry[],
  rows: ReadonlyMap<string, Record<string, unknown> | undefined>,
  dir: TabletDirectory = NO_DIRECTORY
): ConflictLine[] {
  const out: ConflictLine[] = [];
  for (const c of conflicts) {
    if (c.id === undefined) continue;
    const row = rows.get(`${c.table}\u0000${c.recordId}`);
    const kind = c.kind ?? 'value';
    const currentValue = row?.[c.field];
    const recordedAt = Date.parse(c.at) || null;
    out.push({
      id: c.id,
      table: c.table,
      recordId: c.recordId,
      record: recordLabel(c.table, c.recordId, row),
      href: row ? recordHref(c.table, c.recordId) : null,
      field: c.field,
      lost: showValue(c.value),
      current: showValue(currentValue),
      by: kind === 'value' ? tabletRef(hlcNode(c.winnerHlc), dir) : null,
      // The server names the pusher; a merge on this tablet knows the lost value's clock.
      lostBy: tabletRef(c.clientId ?? hlcNode(c.hlc), dir),
      at: kind === 'value' ? hlcTime(c.winnerHlc) : recordedAt,
      source: c.source === 'server' ? 'server' : 'tablet',
      recordedAt,
      reason: c.reason ?? 'lww',
      kind,
      canRestore: kind === 'value' && row !== undefined && !row.deleted && JSON.stringify(currentValue ?? null) !== JSON.stringify(c.value ?? null)
    });
  }
  return out.sort((a, b) => (b.at ?? 0) - (a.at ?? 0) || a.record.localeCompare(b.record));
}
