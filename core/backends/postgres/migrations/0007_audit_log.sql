-- The audit trail (issue 13): one row per change of a segment or an experiment, written in the
-- change's transaction (core/sql/audit_sql.h): who, when, what (kind, id, action, the object's
-- version after it) and the object before and after as JSON. (Numbered 0007: 0006 belongs to
-- another change.)
CREATE TABLE audit_log (
  audit_id       TEXT PRIMARY KEY,
  changed_at     TEXT NOT NULL,
  actor          TEXT NOT NULL,
  advertiser_id  TEXT NOT NULL,
  object_kind    TEXT NOT NULL CHECK (object_kind IN ('segment', 'experiment')),
  object_id      TEXT NOT NULL,
  action         TEXT NOT NULL,
  object_version BIGINT NOT NULL,
  before_json    TEXT,
  after_json     TEXT
);
CREATE UNIQUE INDEX audit_log_object ON audit_log (object_kind, object_id, object_version);
CREATE INDEX audit_log_advertiser ON audit_log (advertiser_id, changed_at);

-- "Restore this version" stores a new version whose change is 'reverted' (SegmentStore::restoreVersion).
ALTER TABLE gold_segment_versions DROP CONSTRAINT gold_segment_versions_change_check;
ALTER TABLE gold_segment_versions ADD CONSTRAINT gold_segment_versions_change_check
  CHECK (change IN ('created', 'updated', 'deleted', 'restored', 'imported', 'reverted'));
