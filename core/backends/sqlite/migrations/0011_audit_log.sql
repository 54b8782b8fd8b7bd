-- The audit trail (issue 13): one row per change of a segment or an experiment, written in the
-- change's transaction (core/sql/audit_sql.h): who, when, what (kind, id, action, the object's
-- version after it) and the object before and after as JSON. (Numbered 0011: 0010 belongs to
-- another change.)
CREATE TABLE audit_log (
  audit_id       TEXT PRIMARY KEY NOT NULL,
  changed_at     TEXT NOT NULL,
  actor          TEXT NOT NULL,
  advertiser_id  TEXT NOT NULL,
  object_kind    TEXT NOT NULL CHECK (object_kind IN ('segment', 'experiment')),
  object_id      TEXT NOT NULL,
  action         TEXT NOT NULL,
  object_version INTEGER NOT NULL,
  before_json    TEXT,
  after_json     TEXT
);
CREATE UNIQUE INDEX audit_log_object ON audit_log (object_kind, object_id, object_version);
CREATE INDEX audit_log_advertiser ON audit_log (advertiser_id, changed_at);
