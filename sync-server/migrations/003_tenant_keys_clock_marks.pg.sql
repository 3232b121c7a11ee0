-- Every row keyed by (tenant, table, id) (rule 10): records, sites and users get tenant-first
-- primary keys, api_tokens a user reference that includes the tenant. clock_marks holds each
-- node's last clamped clock (rule 9).

ALTER TABLE records DROP CONSTRAINT records_pkey;
ALTER TABLE records ADD PRIMARY KEY (tenant_id, tbl, id);

ALTER TABLE sites DROP CONSTRAINT sites_pkey;
ALTER TABLE sites ADD PRIMARY KEY (tenant_id, id);

ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_user_id_fkey;
ALTER TABLE users DROP CONSTRAINT users_pkey;
ALTER TABLE users ADD PRIMARY KEY (tenant_id, id);
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_user_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);

CREATE TABLE clock_marks (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id),
  node       TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  PRIMARY KEY (tenant_id, node)
);
