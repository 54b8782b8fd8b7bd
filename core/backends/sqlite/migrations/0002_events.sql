-- Impressions pipeline: bronze (raw, nothing dropped) -> silver (clean) -> audience and gold.
CREATE TABLE bronze_impressions (
  ingest_seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id      TEXT,
  event_time    TEXT,
  advertiser_id TEXT,
  campaign_id   TEXT,
  user_id       TEXT,
  age           TEXT,
  gender        TEXT,
  country       TEXT,
  region        TEXT,
  device        TEXT,
  interests     TEXT,
  event_type    TEXT,
  cost_micros   TEXT,
  source_file   TEXT NOT NULL,
  ingest_time   TEXT NOT NULL
);

CREATE TABLE silver_impressions (
  event_id      TEXT PRIMARY KEY NOT NULL,
  event_time    TEXT NOT NULL,
  event_date    TEXT NOT NULL,
  advertiser_id TEXT NOT NULL,
  campaign_id   TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  age_bucket    TEXT NOT NULL,
  gender        TEXT NOT NULL,
  country       TEXT NOT NULL,
  region        TEXT,
  device        TEXT NOT NULL,
  interests     TEXT NOT NULL,
  event_type    TEXT NOT NULL,
  cost_micros   INTEGER NOT NULL,
  ingest_seq    INTEGER NOT NULL
);
CREATE INDEX silver_impressions_advertiser_date ON silver_impressions (advertiser_id, event_date);
CREATE INDEX silver_impressions_user ON silver_impressions (user_id);

CREATE TABLE silver_quarantine (
  ingest_seq     INTEGER PRIMARY KEY NOT NULL,
  event_id       TEXT,
  reason         TEXT NOT NULL,
  quarantined_at TEXT NOT NULL
);

CREATE TABLE audience_profiles (
  user_id    TEXT PRIMARY KEY NOT NULL,
  age_bucket TEXT NOT NULL,
  gender     TEXT NOT NULL,
  country    TEXT NOT NULL,
  region     TEXT,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL
);
CREATE INDEX audience_profiles_last_seen ON audience_profiles (last_seen);

CREATE TABLE audience_interests (
  user_id  TEXT NOT NULL,
  interest TEXT NOT NULL,
  PRIMARY KEY (user_id, interest)
) WITHOUT ROWID;

CREATE TABLE audience_devices (
  user_id TEXT NOT NULL,
  device  TEXT NOT NULL,
  PRIMARY KEY (user_id, device)
) WITHOUT ROWID;

CREATE TABLE audience_activity (
  user_id    TEXT NOT NULL,
  event_type TEXT NOT NULL,
  day        TEXT NOT NULL,
  events     INTEGER NOT NULL,
  PRIMARY KEY (user_id, event_type, day)
) WITHOUT ROWID;

CREATE TABLE gold_segment_daily_metrics (
  segment_id   TEXT NOT NULL,
  day          TEXT NOT NULL,
  impressions  INTEGER NOT NULL,
  clicks       INTEGER NOT NULL,
  conversions  INTEGER NOT NULL,
  unique_users INTEGER NOT NULL,
  spend_micros INTEGER NOT NULL,
  PRIMARY KEY (segment_id, day)
) WITHOUT ROWID;

CREATE TABLE pipeline_state (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

-- The criteria catalogue's values, refreshed by the pipeline, so cleaning can validate in SQL.
CREATE TABLE ref_values (
  dimension TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (dimension, value)
) WITHOUT ROWID;
