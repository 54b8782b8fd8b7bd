-- Idempotency keys for experiments, as 0009 gave segments: every version row keeps the key of the
-- change that made it (the outbox's key, the same on every attempt), so an experiment change whose
-- answer was lost is recognised when it is sent again, and can never be stored twice. NULL for
-- versions written without a key.
ALTER TABLE gold_experiment_versions ADD COLUMN change_key TEXT;
CREATE UNIQUE INDEX gold_experiment_versions_change_key ON gold_experiment_versions (change_key) WHERE change_key IS NOT NULL;
