CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)
-- parameters

SELECT COUNT(*) AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'
-- parameters

SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations
-- parameters

INSERT INTO schema_migrations (version, name, applied_at) VALUES (:p1, :p2, :p3)
-- parameters
-- :p1 INT = 4
-- :p2 STRING = audience_lists
-- :p3 STRING = 2026-12-06T10:00:00.000Z


-- parameters

INSERT INTO pipeline_state (key, value) VALUES (:p1, :p2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
-- parameters
-- :p1 STRING = gold_inputs:s1
-- :p2 STRING = ab12

SELECT COUNT(*) AS n FROM pipeline_state WHERE key = :p1
-- parameters
-- :p1 STRING = audience_rebuild_needed

DELETE FROM pipeline_state WHERE key = :p1
-- parameters
-- :p1 STRING = gold_inputs:s1

SELECT key, value FROM pipeline_state WHERE substr(key, 1, CAST(:p1 AS INTEGER)) = :p2
-- parameters
-- :p1 INT = 12
-- :p2 STRING = gold_inputs:

DELETE FROM pipeline_state WHERE substr(key, 1, CAST(:p1 AS INTEGER)) = :p2
-- parameters
-- :p1 INT = 12
-- :p2 STRING = gold_inputs:

DELETE FROM gold_segment_daily_metrics WHERE segment_id NOT IN (SELECT substr(key, CAST(:p1 AS INTEGER)) FROM pipeline_state WHERE substr(key, 1, CAST(:p2 AS INTEGER)) = :p3)
-- parameters
-- :p1 INT = 13
-- :p2 INT = 12
-- :p3 STRING = gold_inputs:

