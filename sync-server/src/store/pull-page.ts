/**
 * One pull page read from the records table and turned into the reply, without re-serializing
 * what the server stored. A row's `data` is JSON text written by the server itself (apply.ts);
 * parsing it and stringifying it again per row was most of a pull page's server time, so the
 * reply splices the stored text in as it is.
 *
 * Invariants:
 * - a row is served only if its data text is an object with balanced brackets nested at most
 *   SERVE_DEPTH levels and its clocks parse as a flat map of strings; anything else (written
 *   before the edge limits, or cut short at rest) is named in `skipped` and never breaks the
 *   page for the others;
 * - the text served for a row's data is exactly the stored text, so a client parsing the reply
 *   gets the same value as `JSON.parse(stored)`, field names like `__proto__` included;
 * - `pageJson` and `pageObject` describe the same page: the JSON one parses to the other.
 */
import type { ServerPullPage } from './types.ts';
import { compactMap } from '../../../src/lib/sync/protocol/compact-clocks.ts';

/** Rows nested deeper than this (stored before the edge limits) are not served: they cannot be serialized safely. */
export const SERVE_DEPTH = 64;

export type RecordRow = { tbl: string; id: string; data: string; clocks: string; deleted_hlc: string | null; restored_hlc: string | null; server_seq: number | string };

/** A row that passed the checks: data still as stored text, clocks parsed. */
export interface ServableRow {
  row: RecordRow;
  clocks: Record<string, string>;
  /** The data's top-level field names. */
  keys: string[];
  /** Parsed data, for the object page only. */
  data?: Record<string, unknown>;
}

/**
 * Whether JSON text written by this server is an object nested at most `max` arrays and
 * objects deep, with its brackets balanced; its top-level field names are pushed onto `keys`.
 * Reads the text once; brackets inside strings are skipped. It does not validate JSON: the
 * text comes from the server's own JSON.stringify (apply.ts, no whitespace); this catches rows
 * stored before the depth limit and text cut short at rest.
 */
export function objectTextFits(text: string, max: number, keys?: string[]): boolean {
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(text.length - 1) !== 125) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          i++;
          escaped = true;
        } else if (d === 34) break;
      }
      if (i >= text.length) return false; // an unterminated string
      if (keys && depth === 1 && text.charCodeAt(i + 1) === 58) keys.push(escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i));
    } else if (c === 123 || c === 91) {
      if (++depth > max) return false;
    } else if (c === 125 || c === 93) {
      if (--depth < 0) return false;
    }
  }
  return depth === 0;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The row ready to serve, or null when it cannot be served. Clocks are parsed (the reply may
 * compact them); data is only checked by objectTextFits, and parsed for the object page only.
 */
export function servable(row: RecordRow, parseData = false): ServableRow | null {
  try {
    const keys: string[] = [];
    if (!objectTextFits(row.data, SERVE_DEPTH, keys)) return null;
    const clocks: unknown = JSON.parse(row.clocks);
    if (!isPlainObject(clocks)) return null;
    for (const k in clocks) if (typeof clocks[k] !== 'string') return null;
    if (!parseData) return { row, clocks: clocks as Record<string, string>, keys };
    const data: unknown = JSON.parse(row.data);
    return isPlainObject(data) ? { row, clocks: clocks as Record<string, string>, keys, data } : null;
  } catch {
    return null;
  }
}

/** Splits rows into the servable and the skipped. */
export function sortRows(rows: RecordRow[], parseData = false): { ok: ServableRow[]; skipped: ServerPullPage['skipped'] } {
  const ok: ServableRow[] = [];
  const skipped: ServerPullPage['skipped'] = [];
  for (const r of rows) {
    const s = servable(r, parseData);
    if (s) ok.push(s);
    else skipped.push({ table: r.tbl, id: r.id, serverSeq: Number(r.server_seq) });
  }
  return { ok, skipped };
}

/** The page as objects (Store.pull, tests), from rows sorted with `parseData`. */
export function pageObject(ok: ServableRow[], head: Omit<ServerPullPage, 'rows'>): ServerPullPage {
  return {
    ...head,
    rows: ok.map(({ row: r, clocks, data }) => ({
      table: r.tbl, id: r.id, data: data ?? (JSON.parse(r.data) as Record<string, unknown>), clocks, deletedHlc: r.deleted_hlc, restoredHlc: r.restored_hlc, serverSeq: Number(r.server_seq)
    }))
  };
}

const str = JSON.stringify;

/** The page as the reply's JSON text, with `serverTime`; `compact` sends compact clocks (compact-clocks.ts). */
export function pageJson(ok: ServableRow[], head: Omit<ServerPullPage, 'rows'>, o: { compact: boolean; serverTime: number }): string {
  const parts: string[] = [];
  for (const { row: r, clocks, keys } of ok) {
    const c = o.compact ? compactMap(clocks, keys) : null;
    const clockPart = c ? `"clocks":${str(c.rest)},"clock":${str(c.clock)}` : `"clocks":${str(clocks)}`;
    parts.push(
      `{"table":${str(r.tbl)},"id":${str(r.id)},"data":${r.data},${clockPart},"deletedHlc":${str(r.deleted_hlc)},"restoredHlc":${str(r.restored_hlc)},"serverSeq":${Number(r.server_seq)}}`
    );
  }
  return `{"rows":[${parts.join(',')}],"cursor":${head.cursor},"hasMore":${head.hasMore},"skipped":${str(head.skipped)},"serverTime":${o.serverTime}}`;
}
