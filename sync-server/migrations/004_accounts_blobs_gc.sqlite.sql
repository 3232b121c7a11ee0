-- Issue 9: accounts, attachments and tombstone collection, in one version.
-- Each section below is owned by one part of the change; keep the markers.

-- == accounts: users with passwords and roles, grants, sessions, tablets, number blocks ==
-- Team accounts (not the per-tenant `users` of 001, which legacy api_tokens still reference).
-- login is stored trimmed and lower-cased; password_hash is 'scrypt$N$r$p$salt$hash' (base64url),
-- so the cost parameters can rise later without invalidating stored hashes.
CREATE TABLE accounts (
  id             TEXT PRIMARY KEY,
  login          TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'viewer')),
  password_hash  TEXT NOT NULL,
  disabled_at    BIGINT,
  created_at     BIGINT NOT NULL
);

-- site_ids: JSON array, NULL = every site of the tenant.
CREATE TABLE grants (
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  site_ids    TEXT,
  PRIMARY KEY (account_id, tenant_id)
);

-- A tablet is bound to the account that first logged in with its clientId; code is its unique
-- asset-number block code (src/lib/domain/assetBlocks.ts).
CREATE TABLE tablets (
  client_id      TEXT PRIMARY KEY,
  account_id     TEXT NOT NULL REFERENCES accounts(id),
  device_name    TEXT NOT NULL,
  code           INTEGER UNIQUE,
  registered_at  BIGINT NOT NULL,
  last_seen_at   BIGINT,
  revoked_at     BIGINT
);

-- Only SHA-256 hashes of the tokens are kept.
CREATE TABLE sessions (
  id                  TEXT PRIMARY KEY,
  account_id          TEXT NOT NULL REFERENCES accounts(id),
  client_id           TEXT NOT NULL,
  device_name         TEXT NOT NULL,
  access_hash         TEXT NOT NULL UNIQUE,
  access_expires_at   BIGINT NOT NULL,
  refresh_hash        TEXT NOT NULL UNIQUE,
  refresh_expires_at  BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  last_used_at        BIGINT NOT NULL,
  revoked_at          BIGINT
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Every refresh token already exchanged, until it would have expired: presenting one again is
-- theft (or a lost reply) and revokes its session.
CREATE TABLE spent_refresh (
  refresh_hash  TEXT PRIMARY KEY,
  session_id    TEXT NOT NULL,
  expires_at    BIGINT NOT NULL
);

-- Failed logins, shared by every server process on one database (key: 'login:<login>' or 'ip:<addr>').
CREATE TABLE login_failures (
  fail_key  TEXT NOT NULL,
  at        BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (fail_key, at);

-- Leased asset-number blocks [start_no, end_no); the head row of a (tenant, prefix) is locked
-- while a block is cut, so leases never overlap, also across server processes.
CREATE TABLE number_block_heads (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  prefix     TEXT NOT NULL,
  next_no    BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, prefix)
);
CREATE TABLE number_blocks (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  prefix      TEXT NOT NULL,
  start_no    BIGINT NOT NULL,
  end_no      BIGINT NOT NULL,
  client_id   TEXT,
  account_id  TEXT,
  leased_at   BIGINT NOT NULL,
  UNIQUE (tenant_id, prefix, start_no)
);

-- Who made each change: the account (or legacy token user) of the pushing token.
ALTER TABLE applied_mutations ADD COLUMN user_id TEXT;
ALTER TABLE records ADD COLUMN updated_by TEXT;
-- == end accounts ==

-- == blobs: attachment bytes, content-addressed per tenant, uploaded in chunks ==
-- Per tenant, never shared across tenants (no existence oracle, no reading by a guessed hash).
-- received = bytes accepted so far (uploads append at that offset); complete = hash verified.
CREATE TABLE blobs (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  sha256      TEXT NOT NULL,
  size        BIGINT NOT NULL,
  type        TEXT NOT NULL,
  received    BIGINT NOT NULL DEFAULT 0,
  complete    INTEGER NOT NULL DEFAULT 0,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, sha256)
);
-- The bytes, in the database so several stateless servers share them (and SQLite stays one file).
CREATE TABLE blob_chunks (
  tenant_id   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  off         BIGINT NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (tenant_id, sha256, off),
  FOREIGN KEY (tenant_id, sha256) REFERENCES blobs(tenant_id, sha256) ON DELETE CASCADE
);
-- == end blobs ==

-- == gc: tombstone collection horizon per tenant ==
-- gc_seq: the highest server_seq of a tombstone collected for the tenant. A pull from a cursor
-- in (0, gc_seq) may have missed a collected tombstone: it is answered 410 (clean resync).
CREATE TABLE tombstone_gc (
  tenant_id     TEXT PRIMARY KEY REFERENCES tenants(id),
  gc_seq        BIGINT NOT NULL DEFAULT 0,
  collected_at  BIGINT NOT NULL
);
CREATE INDEX records_tombstones ON records (tenant_id, updated_at) WHERE deleted_hlc IS NOT NULL;
-- == end gc ==

-- == conflicts feed: the server → tablet feed pages by (tenant, created_at, id) ==
CREATE INDEX conflicts_feed ON conflicts (tenant_id, created_at, id);
