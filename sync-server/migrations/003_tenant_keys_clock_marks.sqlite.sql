-- Every row keyed by (tenant, table, id) (rule 10): records, sites and users are rebuilt with
-- tenant-first primary keys (SQLite cannot alter a primary key), api_tokens with a user
-- reference that includes the tenant. clock_marks holds each node's last clamped clock (rule 9).

CREATE TABLE records_003 (
  tbl           TEXT NOT NULL,
  id            TEXT NOT NULL,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  data          TEXT NOT NULL,
  clocks        TEXT NOT NULL,
  deleted_hlc   TEXT,
  restored_hlc  TEXT,
  server_seq    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  site_id       TEXT,
  PRIMARY KEY (tenant_id, tbl, id)
);
INSERT INTO records_003 (tbl, id, tenant_id, data, clocks, deleted_hlc, restored_hlc, server_seq, updated_at, site_id)
  SELECT tbl, id, tenant_id, data, clocks, deleted_hlc, restored_hlc, server_seq, updated_at, site_id FROM records;
DROP TABLE records;
ALTER TABLE records_003 RENAME TO records;
CREATE UNIQUE INDEX records_tenant_seq ON records (tenant_id, server_seq);

CREATE TABLE sites_003 (
  id          TEXT NOT NULL,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  name        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
INSERT INTO sites_003 (id, tenant_id, name, created_at) SELECT id, tenant_id, name, created_at FROM sites;
DROP TABLE sites;
ALTER TABLE sites_003 RENAME TO sites;

CREATE TABLE users_003 (
  id          TEXT NOT NULL,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  name        TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT 'technician',
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
INSERT INTO users_003 (id, tenant_id, name, role, created_at) SELECT id, tenant_id, name, role, created_at FROM users;

CREATE TABLE api_tokens_003 (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  user_id     TEXT,
  site_ids    TEXT,
  client_id   TEXT,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT,
  revoked_at  BIGINT,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users_003 (tenant_id, id)
);
INSERT INTO api_tokens_003 (id, token_hash, tenant_id, user_id, site_ids, client_id, created_at, expires_at, revoked_at)
  SELECT id, token_hash, tenant_id, user_id, site_ids, client_id, created_at, expires_at, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
DROP TABLE users;
-- Renaming rewrites api_tokens_003's reference to users_003 (SQLite 3.26+).
ALTER TABLE users_003 RENAME TO users;
ALTER TABLE api_tokens_003 RENAME TO api_tokens;

CREATE TABLE clock_marks (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  node       TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  PRIMARY KEY (tenant_id, node)
);
