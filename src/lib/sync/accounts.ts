/**
 * The accounts wire format (issue 9): types and constants shared by the tablet, the sync server
 * and the tests. Types only, no zod here (the server's zod schemas validate these at the edge).
 *
 * Model: one sync server serves one IT service team. An account (user) belongs to the team and
 * holds a role; grants give it client companies (tenants) and, within each, all sites or some.
 * Login returns a short-lived access token and a rotating refresh token; both are stored as
 * SHA-256 hashes only. An access token is account-wide: a sync request names the client company
 * it is about in the TENANT_HEADER, and the server refuses a tenant the account holds no grant
 * of (403). Tenant and site scope are thus decided by the token's grants alone. A refresh token
 * used twice revokes its whole session (theft detection).
 */
export type Role = 'admin' | 'technician' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'technician', 'viewer'];

/** Names the client company a sync request is about (an account may hold several). */
export const TENANT_HEADER = 'X-AssetWalk-Tenant';

export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

export interface Grant {
  tenantId: string;
  tenantName: string;
  /** '*' for every site of the client company. */
  siteIds: '*' | string[];
}

export interface AccountUser {
  id: string;
  login: string;
  name: string;
  role: Role;
}

/** POST /api/auth/login */
export interface LoginRequest {
  login: string;
  password: string;
  /** The tablet's sync node id; bound to this user at its first login (tablet registration). */
  clientId: string;
  deviceName: string;
}

/** Reply to login and to refresh. */
export interface SessionTokens {
  sessionId: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: AccountUser;
  grants: Grant[];
  serverTime: number;
}

/** POST /api/auth/refresh */
export interface RefreshRequest {
  refreshToken: string;
}

export interface SessionInfo {
  id: string;
  userId: string;
  userLogin: string;
  clientId: string;
  deviceName: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  current?: boolean;
}

/** A tablet as every signed-in role may see it (GET /api/auth/tablets): enough to name it. */
export type TabletName = Pick<TabletInfo, 'clientId' | 'code' | 'deviceName'>;

/** The shortest password the server accepts; the forms check it before sending. */
export const MIN_PASSWORD = 10;

export interface TabletInfo {
  clientId: string;
  userId: string;
  userLogin: string;
  deviceName: string;
  /** Unique across the team; the tablet derives its asset-number blocks from it (src/lib/domain/assetBlocks.ts). */
  code: number | null;
  registeredAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

/** POST /api/sync/blocks (with TENANT_HEADER): lease a block of running numbers for a prefix. */
export interface LeaseRequest {
  prefix: string;
  size: number;
}
export interface LeaseReply {
  id: string;
  prefix: string;
  start: number;
  end: number;
}

/** Error bodies are `{ error: ErrorCode, message }`; 429 replies carry Retry-After. */
export type AuthErrorCode =
  | 'unauthorized' // 401: no, bad, expired or revoked token, or wrong login/password
  | 'forbidden' // 403: role too low, tenant or site not granted
  | 'tablet-taken' // 409: this clientId is registered to another user
  | 'code-taken' // 409: tablet code already given to another tablet
  | 'rate-limited' // 429
  | 'busy' // 503: too many password checks at once (sync-server/src/gate.ts)
  | 'invalid'; // 400
