-- Reach of saved segments, valid for one definition hash and one data day.
CREATE TABLE segment_reach_cache (
  segment_id      TEXT PRIMARY KEY NOT NULL,
  definition_hash TEXT NOT NULL,
  as_of           TEXT NOT NULL,
  reach           INTEGER NOT NULL
);
