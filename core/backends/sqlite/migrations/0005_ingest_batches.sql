-- Impressions pipeline, one description for every backend (core/sql/pipeline_sql.h): bronze rows
-- belong to an ingest batch (one import of one file) and carry their line in that file; refreshes
-- claim batches in pipeline_batches instead of following a row-number watermark; quarantine is
-- keyed by batch and line, so a reason points at the file line it came from.
ALTER TABLE bronze_impressions ADD COLUMN ingest_batch TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE bronze_impressions ADD COLUMN source_line INTEGER;
UPDATE bronze_impressions SET source_line = ingest_seq;
CREATE INDEX bronze_impressions_batch ON bronze_impressions (ingest_batch);

CREATE TABLE pipeline_batches (
  batch_id   TEXT PRIMARY KEY NOT NULL,
  claimed_at TEXT NOT NULL,
  done_at    TEXT
);
-- Rows up to the old watermark were cleaned already: their batch is done.
INSERT INTO pipeline_batches (batch_id, claimed_at, done_at)
SELECT 'legacy', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE EXISTS (SELECT 1 FROM pipeline_state WHERE key = 'silver_watermark');
DELETE FROM pipeline_state WHERE key = 'silver_watermark';

CREATE TABLE silver_quarantine_by_line (
  ingest_batch   TEXT NOT NULL,
  source_line    INTEGER NOT NULL,
  source_file    TEXT,
  event_id       TEXT,
  reason         TEXT NOT NULL,
  quarantined_at TEXT NOT NULL,
  PRIMARY KEY (ingest_batch, source_line)
) WITHOUT ROWID;
INSERT INTO silver_quarantine_by_line (ingest_batch, source_line, source_file, event_id, reason, quarantined_at)
SELECT 'legacy', q.ingest_seq, b.source_file, q.event_id, q.reason, q.quarantined_at
FROM silver_quarantine q LEFT JOIN bronze_impressions b ON b.ingest_seq = q.ingest_seq;
DROP TABLE silver_quarantine;
ALTER TABLE silver_quarantine_by_line RENAME TO silver_quarantine;

ALTER TABLE silver_impressions DROP COLUMN ingest_seq;
