-- Segments, their versions and the advertisers they belong to (the Databricks data model of
-- core/sql/provisioning_sql.cpp with the local workspace's constraints). Times of segment
-- records are ISO 8601 UTC text, as on every backend, so a store reads back what it wrote.
CREATE TABLE advertisers (
  advertiser_id TEXT PRIMARY KEY,
  name          TEXT NOT NULL
);

CREATE TABLE gold_segments (
  segment_id      TEXT PRIMARY KEY,
  advertiser_id   TEXT NOT NULL REFERENCES advertisers (advertiser_id),
  name            TEXT NOT NULL,
  name_key        TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  definition      TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  version         BIGINT NOT NULL CHECK (version >= 1),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
);

-- Names are unique per advertiser, ignoring case (name_key), among live segments.
CREATE UNIQUE INDEX gold_segments_live_name ON gold_segments (advertiser_id, name_key) WHERE deleted_at IS NULL;
CREATE INDEX gold_segments_advertiser ON gold_segments (advertiser_id, deleted_at);

CREATE TABLE gold_segment_versions (
  segment_id      TEXT NOT NULL REFERENCES gold_segments (segment_id),
  version         BIGINT NOT NULL,
  change          TEXT NOT NULL CHECK (change IN ('created', 'updated', 'deleted', 'restored', 'imported')),
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  definition      TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  changed_by      TEXT NOT NULL,
  changed_at      TEXT NOT NULL,
  PRIMARY KEY (segment_id, version)
);
