-- Portable SQL (SQLite and PostgreSQL). JSON is stored as TEXT so both dialects behave the same;
-- times are epoch milliseconds.

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);

CREATE TABLE sites (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  name        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX sites_tenant ON sites (tenant_id);

CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  name        TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT 'technician',
  created_at  BIGINT NOT NULL
);
CREATE INDEX users_tenant ON users (tenant_id);

-- Only the SHA-256 of a token is kept. site_ids: JSON array, NULL = every site of the tenant.
CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  user_id     TEXT REFERENCES users(id),
  site_ids    TEXT,
  client_id   TEXT,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT,
  revoked_at  BIGINT
);

-- One row per tenant; locked FOR UPDATE while a push assigns server_seq (rule 3).
CREATE TABLE tenant_seq (
  tenant_id   TEXT PRIMARY KEY REFERENCES tenants(id),
  seq         BIGINT NOT NULL DEFAULT 0
);

-- Every synced table in one generic shape. Ids are client UUIDs, unique across tenants, so a
-- token touching another tenant's id is detected rather than silently forked.
CREATE TABLE records (
  tbl           TEXT NOT NULL,
  id            TEXT NOT NULL,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  data          TEXT NOT NULL,
  clocks        TEXT NOT NULL,
  deleted_hlc   TEXT,
  restored_hlc  TEXT,
  server_seq    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  PRIMARY KEY (tbl, id)
);
CREATE UNIQUE INDEX records_tenant_seq ON records (tenant_id, server_seq);

-- Written in the same transaction as the mutation's effects (rule 4).
CREATE TABLE applied_mutations (
  tenant_id    TEXT NOT NULL,
  mutation_id  TEXT NOT NULL,
  client_id    TEXT NOT NULL,
  client_seq   BIGINT NOT NULL,
  outcome      TEXT NOT NULL,
  reason       TEXT,
  applied_at   BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, mutation_id)
);
