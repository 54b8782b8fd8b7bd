-- Experiments on segments (core/domain/experiment.h): one row per experiment, current version;
-- every version in gold_experiment_versions. Arms are a JSON array of {name, weight}; the holdout
-- is in hundredths of a percent; dates are YYYY-MM-DD and times ISO 8601 UTC text, as on every
-- backend. Keys are unique in the workspace (the assignment's seed). The hash the assignments use
-- is sb_growthbook_bucket(), an application-defined function of the connection (SqliteFunctions).
-- (Numbered 0008: 0007 belongs to another change.)
CREATE TABLE gold_experiments (
  experiment_id        TEXT PRIMARY KEY NOT NULL,
  advertiser_id        TEXT NOT NULL REFERENCES advertisers(advertiser_id),
  segment_id           TEXT NOT NULL REFERENCES gold_segments(segment_id),
  name                 TEXT NOT NULL,
  experiment_key       TEXT NOT NULL UNIQUE,
  seed                 TEXT NOT NULL DEFAULT '',
  arms                 TEXT NOT NULL,
  holdout_basis_points INTEGER NOT NULL CHECK (holdout_basis_points >= 0 AND holdout_basis_points < 10000),
  start_date           TEXT NOT NULL,
  end_date             TEXT,
  primary_metric       TEXT NOT NULL CHECK (primary_metric IN ('ctr', 'cvr', 'conversions_per_user', 'spend_per_user')),
  status               TEXT NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
  version              INTEGER NOT NULL CHECK (version >= 1),
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX gold_experiments_advertiser ON gold_experiments (advertiser_id);
CREATE INDEX gold_experiments_segment ON gold_experiments (segment_id);

CREATE TABLE gold_experiment_versions (
  experiment_id        TEXT NOT NULL REFERENCES gold_experiments(experiment_id),
  version              INTEGER NOT NULL,
  change               TEXT NOT NULL CHECK (change IN ('created', 'updated', 'stopped')),
  advertiser_id        TEXT NOT NULL,
  segment_id           TEXT NOT NULL,
  name                 TEXT NOT NULL,
  experiment_key       TEXT NOT NULL,
  seed                 TEXT NOT NULL,
  arms                 TEXT NOT NULL,
  holdout_basis_points INTEGER NOT NULL,
  start_date           TEXT NOT NULL,
  end_date             TEXT,
  primary_metric       TEXT NOT NULL,
  status               TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  PRIMARY KEY (experiment_id, version)
);
