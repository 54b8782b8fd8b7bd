-- Segments, their versions and the advertisers they belong to.
CREATE TABLE advertisers (
  advertiser_id TEXT PRIMARY KEY NOT NULL,
  name          TEXT NOT NULL
);

CREATE TABLE gold_segments (
  segment_id      TEXT PRIMARY KEY NOT NULL,
  advertiser_id   TEXT NOT NULL REFERENCES advertisers(advertiser_id),
  name            TEXT NOT NULL,
  name_key        TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  definition      TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
);

-- Names are unique per advertiser, ignoring case, among live segments.
CREATE UNIQUE INDEX gold_segments_live_name ON gold_segments (advertiser_id, name_key) WHERE deleted_at IS NULL;
CREATE INDEX gold_segments_advertiser ON gold_segments (advertiser_id, deleted_at);

CREATE TABLE gold_segment_versions (
  segment_id      TEXT NOT NULL REFERENCES gold_segments(segment_id),
  version         INTEGER NOT NULL,
  change          TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  status          TEXT NOT NULL,
  definition      TEXT NOT NULL,
  definition_hash TEXT NOT NULL,
  changed_by      TEXT NOT NULL,
  changed_at      TEXT NOT NULL,
  PRIMARY KEY (segment_id, version)
);
