-- step: wait for any other refresh
SELECT pg_advisory_xact_lock(6009322872859813153)
-- parameters

-- step: claim new batches
INSERT INTO pipeline_batches (batch_id, claimed_at) SELECT b.ingest_batch, now() FROM (WITH RECURSIVE batch(ingest_batch) AS (SELECT MIN(ingest_batch) FROM bronze_impressions UNION ALL SELECT (SELECT MIN(n.ingest_batch) FROM bronze_impressions n WHERE n.ingest_batch > batch.ingest_batch) FROM batch WHERE batch.ingest_batch IS NOT NULL) SELECT ingest_batch FROM batch WHERE ingest_batch IS NOT NULL) b WHERE NOT EXISTS (SELECT 1 FROM pipeline_batches p WHERE p.batch_id = b.ingest_batch)
-- parameters

-- step: stage the claimed rows
CREATE TEMPORARY TABLE pipeline_staging ON COMMIT DROP AS SELECT b.ingest_batch, b.source_line, b.source_file, b.ingest_time, NULLIF(trim(b.event_id), '') AS event_id, CASE WHEN trim(b.event_time) ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,9})?([Zz]|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$' AND substr(trim(b.event_time), 1, 4) <> '0000' THEN CASE WHEN to_char(CAST(substr(trim(b.event_time), 1, 8) || '01' AS DATE) + (CAST(substr(trim(b.event_time), 9, 2) AS INTEGER) - 1), 'YYYY-MM-DD') = substr(trim(b.event_time), 1, 10) THEN CAST(CASE WHEN trim(b.event_time) ~ '([Zz]|[+-][0-9]{2}:[0-9]{2})$' THEN trim(b.event_time) ELSE trim(b.event_time) || 'Z' END AS TIMESTAMPTZ) END END AS event_time, NULLIF(trim(b.advertiser_id), '') AS advertiser_id, COALESCE(NULLIF(trim(b.campaign_id), ''), 'unknown') AS campaign_id, NULLIF(trim(b.user_id), '') AS user_id, CASE WHEN trim(b.age) IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'age') THEN trim(b.age) WHEN trim(b.age) <> '' AND trim(b.age) ~ '^[0-9]*$' AND length(trim(b.age)) <= 3 THEN CASE WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 18 AND 24 THEN '18-24' WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 25 AND 34 THEN '25-34' WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 35 AND 44 THEN '35-44' WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 45 AND 54 THEN '45-54' WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 55 AND 64 THEN '55-64' WHEN CASE WHEN trim(b.age) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.age) AS BIGINT) END BETWEEN 65 AND 120 THEN '65+' END END AS age_bucket, CASE lower(trim(COALESCE(b.gender, ''))) WHEN 'female' THEN 'female' WHEN 'f' THEN 'female' WHEN 'male' THEN 'male' WHEN 'm' THEN 'male' WHEN 'unknown' THEN 'unknown' WHEN 'u' THEN 'unknown' WHEN '' THEN 'unknown' END AS gender, CASE WHEN upper(trim(b.country)) IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'country') THEN upper(trim(b.country)) END AS country, CASE WHEN NULLIF(trim(b.region), '') IS NULL THEN '' WHEN upper(trim(b.region)) IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'region') AND upper(trim(b.region)) LIKE upper(trim(b.country)) || '-%' THEN upper(trim(b.region)) END AS region, CASE WHEN lower(trim(b.device)) IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'device') THEN lower(trim(b.device)) END AS device, CASE WHEN lower(trim(COALESCE(b.interests, ''))) ~ '^[a-z0-9_.|]*$' THEN lower(trim(COALESCE(b.interests, ''))) END AS interests, CASE WHEN lower(trim(b.event_type)) IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'event') THEN lower(trim(b.event_type)) END AS event_type, CASE WHEN COALESCE(trim(b.cost_micros), '') = '' THEN 0 WHEN trim(b.cost_micros) ~ '^[0-9]*$' AND length(trim(b.cost_micros)) <= 18 THEN CASE WHEN trim(b.cost_micros) ~ '^[0-9]{1,18}$' THEN CAST(trim(b.cost_micros) AS BIGINT) END END AS cost_micros FROM bronze_impressions b WHERE b.ingest_batch IN (SELECT p.batch_id FROM pipeline_batches p WHERE p.done_at IS NULL)
-- parameters

-- step: stage the claimed rows
ANALYZE pg_temp.pipeline_staging
-- parameters

-- step: count the claimed rows
SELECT COUNT(*) FROM pg_temp.pipeline_staging
-- parameters

-- step: quarantine invalid rows
INSERT INTO silver_quarantine (ingest_batch, source_line, source_file, event_id, reason, quarantined_at) SELECT s.ingest_batch, s.source_line, s.source_file, s.event_id, CASE WHEN s.event_id IS NULL THEN 'event_id is missing' WHEN s.event_time IS NULL THEN 'event_time is not an ISO 8601 time' WHEN s.advertiser_id IS NULL THEN 'advertiser_id is missing' WHEN s.user_id IS NULL THEN 'user_id is missing' WHEN s.age_bucket IS NULL THEN 'age is not 18-120 or an age bucket' WHEN s.gender IS NULL THEN 'gender is not female, male or unknown' WHEN s.country IS NULL THEN 'country is not an ISO 3166-1 alpha-2 code' WHEN s.region IS NULL THEN 'region is not an ISO 3166-2 code of the country' WHEN s.device IS NULL THEN 'device is not desktop, mobile, tablet or ctv' WHEN s.interests IS NULL THEN 'interests contain characters other than a-z, 0-9, _, . and |' WHEN s.event_type IS NULL THEN 'event_type is not impression, click or conversion' WHEN s.cost_micros IS NULL THEN 'cost_micros is not a whole number from 0 to 18 digits' END, now() FROM pg_temp.pipeline_staging s WHERE NOT (s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country IS NOT NULL AND s.region IS NOT NULL AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type IS NOT NULL AND s.cost_micros IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM silver_quarantine q WHERE q.ingest_batch = s.ingest_batch AND q.source_line = s.source_line)
-- parameters

-- step: add new events to silver
INSERT INTO silver_impressions (event_id, event_time, event_date, advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, device, interests, event_type, cost_micros) SELECT DISTINCT ON (s.event_id) s.event_id, s.event_time, CAST(s.event_time AT TIME ZONE 'UTC' AS DATE), s.advertiser_id, s.campaign_id, s.user_id, s.age_bucket, s.gender, s.country, s.region, s.device, s.interests, s.event_type, s.cost_micros FROM pg_temp.pipeline_staging s WHERE s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country IS NOT NULL AND s.region IS NOT NULL AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type IS NOT NULL AND s.cost_micros IS NOT NULL ORDER BY s.event_id, s.ingest_time, s.ingest_batch, s.source_line ON CONFLICT (event_id) DO NOTHING
-- parameters

-- step: count the quarantine reasons
SELECT q.reason, COUNT(*) AS n FROM silver_quarantine q WHERE q.ingest_batch IN (SELECT p.batch_id FROM pipeline_batches p WHERE p.done_at IS NULL) GROUP BY q.reason ORDER BY n DESC, q.reason
-- parameters

-- step: mark the batches done
UPDATE pipeline_batches SET done_at = now() WHERE done_at IS NULL
-- parameters

-- step: rebuild the audience
DELETE FROM audience_profiles
-- parameters

-- step: rebuild the audience
INSERT INTO audience_profiles (user_id, age_bucket, gender, country, region, interests, devices, first_seen, last_seen) SELECT u.user_id, s.age_bucket, s.gender, s.country, s.region, CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, u.devices, u.first_seen, u.last_seen FROM (SELECT e.user_id, MAX((to_char(e.event_time AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || e.event_id) COLLATE "C") AS latest, '|' || string_agg(DISTINCT e.device, '|' ORDER BY e.device) || '|' AS devices, MIN(e.event_date) AS first_seen, MAX(e.event_date) AS last_seen FROM silver_impressions e GROUP BY e.user_id) u JOIN silver_impressions s ON s.user_id = u.user_id AND (to_char(s.event_time AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || s.event_id) COLLATE "C" = u.latest
-- parameters

-- step: rebuild the audience
DELETE FROM audience_activity
-- parameters

-- step: rebuild the audience
INSERT INTO audience_activity (event_type, day, user_id, events) SELECT event_type, event_date, user_id, COUNT(*) FROM silver_impressions GROUP BY event_type, event_date, user_id
-- parameters

-- step: count the audience
SELECT COUNT(*) FROM audience_profiles
-- parameters

-- step: clear the daily metrics
DELETE FROM gold_segment_daily_metrics
-- parameters

-- step: compute the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, clicks, conversions, unique_users, spend_micros) SELECT :p14, e.event_date, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END), SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END), SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END), COUNT(DISTINCT e.user_id), SUM(e.cost_micros) FROM (SELECT p.user_id FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE (p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (strpos(p.interests, :p4) > 0 OR strpos(p.interests, :p5) > 0 OR strpos(p.interests, :p6) > 0 OR strpos(p.interests, :p7) > 0) AND (strpos(p.devices, :p8) > 0) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13))))) m JOIN silver_impressions e ON e.user_id = m.user_id WHERE e.advertiser_id = :p15 GROUP BY e.event_date
-- parameters
-- :p1 STRING = 25-34
-- :p2 STRING = 35-44
-- :p3 STRING = US
-- :p4 STRING = |gaming|
-- :p5 STRING = |gaming.
-- :p6 STRING = |odd_name%|
-- :p7 STRING = |odd_name%.
-- :p8 STRING = |mobile|
-- :p9 STRING = click
-- :p10 DATE = 2026-10-26
-- :p11 DATE = 2026-11-24
-- :p12 INT = 3
-- :p13 STRING = US-CA
-- :p14 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p15 STRING = adv-1

-- data as of
SELECT MAX(last_seen) AS as_of FROM audience_profiles
-- parameters
