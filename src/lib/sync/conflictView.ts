/**
 * The conflicts of a whole client company as lines a person reads: "your value X (field) was
 * overwritten by Y from tablet Z at T", newest first, with where to go and whether the old value
 * can be put back. Pure: the page (routes/conflicts) loads the rows and renders these.
 */
import type { ConflictEntry } from '$lib/db/types';
import { hlcNode, hlcTime, showValue } from './format';

export interface RecordInfo {
  /** The record as stored on this tablet (undefined: not here, e.g. a clash left out). */
  row: Record<string, unknown> | undefined;
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
  /** Short id of the tablet whose edit won. */
  by: string;
  at: number | null;
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

export function conflictLines(conflicts: readonly ConflictEntry[], rows: ReadonlyMap<string, Record<string, unknown> | undefined>): ConflictLine[] {
  const out: ConflictLine[] = [];
  for (const c of conflicts) {
    if (c.id === undefined) continue;
    const row = rows.get(`${c.table}\u0000${c.recordId}`);
    const kind = c.kind ?? 'value';
    const currentValue = row?.[c.field];
    out.push({
      id: c.id,
      table: c.table,
      recordId: c.recordId,
      record: recordLabel(c.table, c.recordId, row),
      href: row ? recordHref(c.table, c.recordId) : null,
      field: c.field,
      lost: showValue(c.value),
      current: showValue(currentValue),
      by: kind === 'value' ? hlcNode(c.winnerHlc).slice(0, 8) : '',
      at: kind === 'value' ? hlcTime(c.winnerHlc) : Date.parse(c.at) || null,
      kind,
      canRestore: kind === 'value' && row !== undefined && !row.deleted && JSON.stringify(currentValue ?? null) !== JSON.stringify(c.value ?? null)
    });
  }
  return out.sort((a, b) => (b.at ?? 0) - (a.at ?? 0) || a.record.localeCompare(b.record));
}
