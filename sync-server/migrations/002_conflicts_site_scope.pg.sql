-- Losers of concurrent edits (rule 9), and the site of each record so a token limited to some
-- sites pulls only theirs. Existing rows get site_id from their data.

CREATE TABLE conflicts (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  tbl          TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  field        TEXT NOT NULL,
  value        TEXT,
  hlc          TEXT,
  winner_hlc   TEXT NOT NULL,
  side         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  mutation_id  TEXT NOT NULL,
  client_id    TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX conflicts_record ON conflicts (tenant_id, tbl, record_id);

ALTER TABLE records ADD COLUMN site_id TEXT;
UPDATE records SET site_id = CASE
  WHEN tbl = 'sites' THEN id
  WHEN jsonb_typeof(data::jsonb -> 'siteId') = 'string' THEN data::jsonb ->> 'siteId'
END;
