-- An experiment's results read each member's events of the advertiser in its days (ExperimentSql::
-- results): the member's index now holds the advertiser, the day, the type and the cost too, so
-- they come from the index alone (a table lookup per event was most of the time for a million
-- members). It starts with the column of the index it replaces (the incremental refresh looks
-- people up by it).
DROP INDEX IF EXISTS silver_impressions_user;
CREATE INDEX IF NOT EXISTS silver_impressions_user_advertiser_date
  ON silver_impressions (user_id, advertiser_id, event_date, event_type, cost_micros);
