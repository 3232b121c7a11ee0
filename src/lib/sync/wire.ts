/**
 * The sync wire format, shared by the tablet (src/lib/sync/transport.ts) and the server
 * (sync-server/src/protocol.ts adds the zod schemas that validate it at the edge). Types and
 * constants only: no zod here, so the client bundle stays small.
 *
 * HLC strings are `TTTTTTTTTTTTTTT-CCCC-NODE` (src/lib/sync/hlc.ts): fixed width, so string
 * order is clock order with ties broken by node id.
 */
/** Bumped when the push/pull wire format changes; the server also accepts the previous one. */
export const PROTOCOL_VERSION = 1;
/** Oldest version still served (versions start at 1); older clients get 426. */
export const MIN_PROTOCOL_VERSION = Math.max(1, PROTOCOL_VERSION - 1);
/** Timestamps further ahead of the server clock than this are clamped (rule 5). */
export const MAX_DRIFT_MS = 60_000;

export const HLC_RE = /^(\d{15})-([0-9A-F]{4})-([A-Za-z0-9_]{1,32})$/;

/** The header that carries the client's protocol version. */
export const PROTOCOL_HEADER = 'X-AssetWalk-Protocol';

/** Insert-only tables: a second insert of the same content is a duplicate; of other content, a conflict (rule 10). */
export { INSERT_ONLY_TABLES } from './tables';

/** A mutation as the tablet sends it (the server's zod schema fills defaults and checks it). */
export interface WireMutation {
  mutationId: string;
  clientId: string;
  clientSeq: number;
  table: string;
  recordId: string;
  op: 'upsert' | 'delete' | 'insert' | 'restore';
  fields: Record<string, unknown>;
  /** One clock for every field, or one per field. */
  hlc: string | Record<string, string>;
  /** The field clocks the edit overwrote: marks an overwrite as sequential, not concurrent. */
  base?: Record<string, string>;
}

export type RejectReason =
  | 'insert-only' // upsert/delete/restore on an insert-only table
  | 'op-not-allowed' // insert on an editable table
  | 'forbidden-site' // record or target site outside the token's sites
  | 'tenant-mismatch'; // fields.tenantId names another tenant

export type MutationResult =
  | {
      mutationId: string;
      status: 'applied';
      serverSeq: number | null;
      conflicts: number;
      clamped: boolean;
      /**
       * When the server stored any field under another clock than the one sent (a clock too far
       * ahead is clamped, rule 9): every field's stored clock, keyed by field name, plus the op
       * clock under `''` for a delete or restore. The tablet adopts them.
       */
      stored?: Record<string, string>;
    }
  | { mutationId: string; status: 'duplicate' }
  | { mutationId: string; status: 'rejected'; reason: RejectReason };

export interface PulledRecord {
  table: string;
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  /** Tombstone clock; null for a live record. */
  deletedHlc: string | null;
  /**
   * Clock of the newest restore, when the record was ever restored (older servers omit it). A
   * tablet's own delete that is older than it lost, even when the server's row did not change
   * for it and so will never be pulled again.
   */
  restoredHlc?: string | null;
  serverSeq: number;
}

export interface PullPage {
  rows: PulledRecord[];
  /** Store it with the rows in one client transaction, then pull again from it. */
  cursor: number;
  hasMore: boolean;
}

/** Which side of a merge lost: the incoming mutation's value or the one the server had stored. */
export type ConflictSide = 'incoming' | 'stored';
/** Why: an older clock (last writer wins), a delete, or a second insert-only row with other content. */
export type ConflictReason = 'lww' | 'tombstone' | 'insert-clash';

/**
 * A value the server kept when it lost a concurrent edit (rule 9), as GET /api/sync/conflicts
 * serves it (sync-server/src/store/conflict-feed.ts) and the tablet stores it
 * (src/lib/sync/serverConflicts.ts).
 */
export interface Conflict {
  id: string;
  table: string;
  recordId: string;
  field: string;
  value: unknown;
  /** The lost value's clock; null when the field had no clock of its own. */
  hlc: string | null;
  winnerHlc: string;
  side: ConflictSide;
  reason: ConflictReason;
  /** The push that produced the conflict, and the tablet that sent it (for 'stored', the winner's). */
  mutationId: string;
  clientId: string;
  /** Server time the conflict was recorded, ms. */
  createdAt: number;
}

/** One page of GET /api/sync/conflicts, in (createdAt, id) order. */
export interface ConflictFeedPage {
  conflicts: Conflict[];
  /** Resume after this one: createdAt and id of the last conflict served. */
  next: { since: number; after: string } | null;
  hasMore: boolean;
}
