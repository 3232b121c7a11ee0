import type { Conflict, ConflictFeedPage, Mutation, MutationResult, PullPage } from '../protocol.ts';
import type { Role } from '../../../src/lib/sync/accounts.ts';
import type { AccountStore } from './accounts.ts';
import type { BlobStore } from './blobs.ts';

export interface ServerPullPage extends PullPage {
  skipped: { table: string; id: string; serverSeq: number }[];
}

export type StoreKind = 'sqlite' | 'postgres';

/** What a request may touch. Built from the bearer token only, never from the request body. */
export interface TenantScope {
  tenantId: string;
  /** Sites the token may see; '*' for every site of the tenant. */
  siteIds: readonly string[] | '*';
  /** When set, mutations must carry this clientId (the device the token was issued to). */
  clientId?: string | null;
  /** The account (or legacy token user) making the change; stored with it (issue 9). */
  userId?: string | null;
}

export interface TokenScope extends TenantScope {
  /** The api token id, or the session id of an account token. */
  tokenId: string;
  userId: string | null;
  /** Legacy integration tokens act as 'technician'. */
  role: Role;
}

export interface NewToken {
  tenantId: string;
  userId?: string | null;
  siteIds: readonly string[] | '*';
  clientId?: string | null;
  expiresAt?: number | null;
}

/** The wire shape, defined once in src/lib/sync/wire.ts. */
export type { Conflict, ConflictFeedPage };

export interface Health {
  ok: true;
  store: StoreKind;
  schemaVersion: number;
}

export interface Store extends AccountStore {
  readonly kind: StoreKind;
  /** Attachment bytes, per tenant, uploaded in chunks (blobs.ts). */
  readonly blobs: BlobStore;
  /** Applies pending migrations (up to `to`, for tests); returns the schema version reached. */
  migrate(opts?: { to?: number }): Promise<number>;
  /** Throws when the database is unreachable. */
  health(): Promise<Health>;

  createTenant(t: { id?: string; name: string }): Promise<{ id: string; name: string }>;
  createSite(s: { tenantId: string; id?: string; name: string }): Promise<{ id: string; tenantId: string; name: string }>;
  createUser(u: { tenantId: string; id?: string; name: string; role?: string }): Promise<{ id: string; tenantId: string; name: string; role: string }>;

  /** Returns the plaintext token once; only its SHA-256 is stored. */
  createToken(t: NewToken): Promise<{ id: string; token: string }>;
  /** Null for unknown, expired or revoked tokens. */
  verifyToken(token: string, now?: number): Promise<TokenScope | null>;
  revokeToken(id: string, now?: number): Promise<void>;

  /**
   * One transaction for the whole batch. Each mutation is answered on its own; a rejected one
   * does not stop the rest. Throws ForbiddenError (nothing applied) when the batch touches
   * another tenant's record or carries a clientId the scope is not bound to.
   */
  applyMutations(scope: TenantScope, mutations: readonly Mutation[], opts?: { now?: number }): Promise<MutationResult[]>;
  /**
   * Rows with server_seq > cursor, in server_seq order: at most `limit` rows and about
   * PULL_PAGE_BYTES (always at least one row). Rows the server cannot serve are left out and
   * named in `skipped`; the cursor moves past them. Throws GoneError (410) when 0 < cursor <
   * the tenant's tombstone collection horizon (gc.ts), unless `resync` (a clean pull from 0 in pages).
   */
  pull(scope: TenantScope, cursor: number, limit: number, opts?: { resync?: boolean }): Promise<ServerPullPage>;
  /** The same page as the reply's JSON text, stored data spliced in unparsed (pull-page.ts); `skipped` for the log. */
  pullJson(scope: TenantScope, cursor: number, limit: number, opts: { resync?: boolean; compact: boolean; serverTime: number }): Promise<{ json: string; skipped: ServerPullPage['skipped'] }>;
  conflicts(scope: TenantScope, table: string, recordId: string): Promise<Conflict[]>;
  /** The tenant's conflicts after (since, after) in (created_at, id) order, scoped as pull (conflict-feed.ts). */
  conflictFeed(scope: TenantScope, since: number, after: string, limit: number): Promise<ConflictFeedPage>;
  /** Removes tombstones unchanged for `ttlDays` (default 30) and raises each tenant's horizon (gc.ts). */
  collectTombstones(opts?: { now?: number; ttlDays?: number }): Promise<{ tenants: number; collected: number }>;

  close(): Promise<void>;
}
