-- Faster reach: interests and devices become "|a|b|" lists on the profile, so a condition is one
-- string test per row; activity is keyed for behaviour windows (type, day range); no index on
-- last_seen (most people are active, a scan is faster). The audience is derived data: it is
-- rebuilt from silver when the workspace opens (pipeline_state audience_rebuild_needed).
-- IF EXISTS: development builds briefly created workspaces already without the old tables.
DROP INDEX IF EXISTS audience_profiles_last_seen;
DROP TABLE IF EXISTS audience_interests;
DROP TABLE IF EXISTS audience_devices;
DROP TABLE IF EXISTS audience_profiles;
DROP TABLE IF EXISTS audience_activity;

CREATE TABLE audience_profiles (
  user_id    TEXT PRIMARY KEY NOT NULL,
  age_bucket TEXT NOT NULL,
  gender     TEXT NOT NULL,
  country    TEXT NOT NULL,
  region     TEXT,
  interests  TEXT NOT NULL,
  devices    TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL
);

CREATE TABLE audience_activity (
  event_type TEXT NOT NULL,
  day        TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  events     INTEGER NOT NULL,
  PRIMARY KEY (event_type, day, user_id)
) WITHOUT ROWID;

INSERT INTO pipeline_state (key, value)
SELECT 'audience_rebuild_needed', '1' WHERE EXISTS (SELECT 1 FROM silver_impressions);
