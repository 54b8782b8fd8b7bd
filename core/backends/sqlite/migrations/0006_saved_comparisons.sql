-- Saved comparisons: a name (unique ignoring case), 2–6 segments in display order (a JSON
-- array of ids) and a date range (NULL days: the last 30 days with data, rolling).
CREATE TABLE saved_comparisons (
  comparison_id TEXT PRIMARY KEY NOT NULL,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL UNIQUE,
  segment_ids   TEXT NOT NULL,
  first_day     TEXT,
  last_day      TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((first_day IS NULL) = (last_day IS NULL))
);

-- Distinct users of an advertiser over a range (comparison KPIs) come from the index alone.
-- It starts with the old (advertiser_id, event_date) index's columns, which it replaces.
DROP INDEX IF EXISTS silver_impressions_advertiser_date;
CREATE INDEX silver_impressions_advertiser_date_user ON silver_impressions (advertiser_id, event_date, user_id);
