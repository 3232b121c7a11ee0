// Stored shapes of the sync machinery (outbox, audit trail, conflicts, meta).
import type { ConflictReason } from '$lib/sync/wire';

export type MutationOp = 'upsert' | 'insert' | 'delete' | 'restore';

/** One local edit waiting for the server's acknowledgement (sync-protocol.md, rule 1). */
export interface OutboxEntry {
  clientSeq: number;
  mutationId: string;
  clientId: string;
  table: string;
  recordId: string;
  op: MutationOp;
  fields: Record<string, unknown>;
  hlc: string;
  /**
   * The clocks of the changed fields as this tablet saw them when editing (absent for new
   * records). The server uses them to tell a sequential overwrite from a concurrent one.
   */
  base?: Record<string, string>;
}

/** Who changed which field from what to what, and when. */
export interface AuditEntry {
  id?: number;
  table: string;
  recordId: string;
  field: string;
  from: unknown;
  to: unknown;
  actor: string;
  at: string;
  hlc: string;
}

/** A value that lost a concurrent edit, kept so the record page can offer it back. */
export interface ConflictEntry {
  id?: number;
  table: string;
  recordId: string;
  field: string;
  value: unknown;
  hlc: string;
  winnerHlc: string;
  at: string;
  /** 'assetNumberClash': a pulled record with this record's asset number was left out (sync/pull.ts). */
  kind?: 'value' | 'assetNumberClash';
  /** 'server': recorded by the server and brought by sync/serverConflicts.ts (with its id there). */
  source?: 'server';
  serverId?: string;
  /** Server conflicts: the node id of the tablet that pushed the lost value (not indexed: no schema change). */
  clientId?: string;
  /** Server conflicts: why the value lost ('tombstone': the record was deleted). Absent: an older clock. */
  reason?: ConflictReason;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}
