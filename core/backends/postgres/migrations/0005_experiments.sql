-- Experiments on segments (core/domain/experiment.h), as on the local workspace: one row per
-- experiment, every version in gold_experiment_versions; arms a JSON array of {name, weight}, the
-- holdout in hundredths of a percent, dates YYYY-MM-DD and times ISO 8601 UTC text. Keys are
-- unique in the database (the assignment's seed). (Numbered 0005: 0004 belongs to another change.)
CREATE TABLE gold_experiments (
  experiment_id        TEXT PRIMARY KEY,
  advertiser_id        TEXT NOT NULL REFERENCES advertisers (advertiser_id),
  segment_id           TEXT NOT NULL REFERENCES gold_segments (segment_id),
  name                 TEXT NOT NULL,
  experiment_key       TEXT NOT NULL UNIQUE,
  seed                 TEXT NOT NULL DEFAULT '',
  arms                 TEXT NOT NULL,
  holdout_basis_points BIGINT NOT NULL CHECK (holdout_basis_points >= 0 AND holdout_basis_points < 10000),
  start_date           TEXT NOT NULL,
  end_date             TEXT,
  primary_metric       TEXT NOT NULL CHECK (primary_metric IN ('ctr', 'cvr', 'conversions_per_user', 'spend_per_user')),
  status               TEXT NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
  version              BIGINT NOT NULL CHECK (version >= 1),
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX gold_experiments_advertiser ON gold_experiments (advertiser_id);
CREATE INDEX gold_experiments_segment ON gold_experiments (segment_id);

CREATE TABLE gold_experiment_versions (
  experiment_id        TEXT NOT NULL REFERENCES gold_experiments (experiment_id),
  version              BIGINT NOT NULL,
  change               TEXT NOT NULL CHECK (change IN ('created', 'updated', 'stopped')),
  advertiser_id        TEXT NOT NULL,
  segment_id           TEXT NOT NULL,
  name                 TEXT NOT NULL,
  experiment_key       TEXT NOT NULL,
  seed                 TEXT NOT NULL,
  arms                 TEXT NOT NULL,
  holdout_basis_points BIGINT NOT NULL,
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

-- GrowthBook's hash, version 2 (core/domain/experiment_assignment.h), for assignments in SQL:
-- sb_fnv1a32 is 32-bit FNV-1a over the characters' code points (GrowthBook hashes UTF-16 code
-- units: the same for every character below U+10000, so for ASCII ids certainly), # is XOR and
-- the product stays below 2^57; sb_growthbook_bucket(seed, user_id) =
-- fnv1a32(decimal(fnv1a32(seed || user_id))) mod 10000. (Bodies on one line each: the migration
-- runner splits statements at a semicolon that ends a line.)
CREATE FUNCTION sb_fnv1a32(input TEXT) RETURNS BIGINT LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE h BIGINT := 2166136261; i INTEGER; BEGIN FOR i IN 1 .. length(input) LOOP h := ((h # ascii(substr(input, i, 1))) * 16777619) % 4294967296; END LOOP; RETURN h; END
$$;

CREATE FUNCTION sb_growthbook_bucket(seed TEXT, user_id TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CAST(sb_fnv1a32(CAST(sb_fnv1a32(seed || user_id) AS TEXT)) % 10000 AS INTEGER);
