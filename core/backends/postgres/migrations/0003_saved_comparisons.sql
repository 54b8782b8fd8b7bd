-- Saved comparisons: a name (unique ignoring case: name_key), 2–6 segments in display order (a
-- JSON array of ids) and a date range (NULL days: the last 30 days with data, rolling).
CREATE TABLE saved_comparisons (
  comparison_id TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  name_key      TEXT NOT NULL,
  segment_ids   TEXT NOT NULL,
  first_day     TEXT,
  last_day      TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((first_day IS NULL) = (last_day IS NULL))
);
CREATE UNIQUE INDEX saved_comparisons_name_key ON saved_comparisons (name_key);
