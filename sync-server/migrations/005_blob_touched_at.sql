-- blobs.touched_at: when an upload last moved or an uploader last asked for the blob (HEAD, PUT).
-- The blob sweep (store/blob-sweep.ts) ages blobs from it; created_at keeps its meaning. Blobs of
-- an older database count as touched when they were created.
ALTER TABLE blobs ADD COLUMN touched_at BIGINT NOT NULL DEFAULT 0;
UPDATE blobs SET touched_at = created_at;
