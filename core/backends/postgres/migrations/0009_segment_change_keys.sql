-- Idempotency keys: every version row keeps the key of the change that made it (the outbox's
-- key, the same on every attempt), so a change whose answer was lost is recognised when it is
-- sent again, and can never be stored twice. NULL for versions written without a key.
ALTER TABLE gold_segment_versions ADD COLUMN change_key TEXT;
CREATE UNIQUE INDEX gold_segment_versions_change_key ON gold_segment_versions (change_key) WHERE change_key IS NOT NULL;
