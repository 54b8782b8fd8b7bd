-- step: claim new batches
INSERT INTO pipeline_batches (batch_id, claimed_at) SELECT b.ingest_batch, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (WITH RECURSIVE batch(ingest_batch) AS (SELECT MIN(ingest_batch) FROM bronze_impressions UNION ALL SELECT (SELECT MIN(n.ingest_batch) FROM bronze_impressions n WHERE n.ingest_batch > batch.ingest_batch) FROM batch WHERE batch.ingest_batch IS NOT NULL) SELECT ingest_batch FROM batch WHERE ingest_batch IS NOT NULL) b WHERE NOT EXISTS (SELECT 1 FROM pipeline_batches p WHERE p.batch_id = b.ingest_batch)
-- parameters

-- step: stage the claimed rows
DROP TABLE IF EXISTS pipeline_work.staging
-- parameters

-- step: stage the claimed rows
CREATE TABLE pipeline_work.staging AS SELECT r.ingest_batch, r.source_line, r.source_file, r.ingest_time, r.event_id, sb_utc_time(r.event_time) AS event_time, r.advertiser_id, r.campaign_id, r.user_id, CASE WHEN r.age IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'age') THEN r.age WHEN r.age <> '' AND sb_only_characters(r.age, '0-9') AND length(r.age) <= 3 THEN CASE WHEN r.age_number BETWEEN 18 AND 24 THEN '18-24' WHEN r.age_number BETWEEN 25 AND 34 THEN '25-34' WHEN r.age_number BETWEEN 35 AND 44 THEN '35-44' WHEN r.age_number BETWEEN 45 AND 54 THEN '45-54' WHEN r.age_number BETWEEN 55 AND 64 THEN '55-64' WHEN r.age_number BETWEEN 65 AND 120 THEN '65+' END END AS age_bucket, CASE r.gender WHEN 'female' THEN 'female' WHEN 'f' THEN 'female' WHEN 'male' THEN 'male' WHEN 'm' THEN 'male' WHEN 'unknown' THEN 'unknown' WHEN 'u' THEN 'unknown' WHEN '' THEN 'unknown' END AS gender, CASE WHEN r.country IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'country') THEN r.country END AS country, CASE WHEN r.region IS NULL OR r.region = '' THEN '' WHEN r.region IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'region') AND r.region LIKE r.country || '-%' THEN r.region END AS region, CASE WHEN r.device IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'device') THEN r.device END AS device, CASE WHEN sb_only_characters(r.interests, 'a-z0-9_.|') THEN r.interests END AS interests, CASE WHEN r.event_type IN (SELECT r.value FROM ref_values r WHERE r.dimension = 'event') THEN r.event_type END AS event_type, CASE WHEN COALESCE(r.cost_micros, '') = '' THEN 0 WHEN sb_only_characters(r.cost_micros, '0-9') AND length(r.cost_micros) <= 18 THEN CAST(r.cost_micros AS INTEGER) END AS cost_micros FROM (SELECT b.ingest_batch, b.source_line, b.source_file, b.ingest_time, NULLIF(trim(b.event_id), '') AS event_id, trim(b.event_time) AS event_time, NULLIF(trim(b.advertiser_id), '') AS advertiser_id, COALESCE(NULLIF(trim(b.campaign_id), ''), 'unknown') AS campaign_id, NULLIF(trim(b.user_id), '') AS user_id, trim(b.age) AS age, CAST(trim(b.age) AS INTEGER) AS age_number, lower(trim(COALESCE(b.gender, ''))) AS gender, upper(trim(b.country)) AS country, upper(trim(b.region)) AS region, lower(trim(b.device)) AS device, lower(trim(COALESCE(b.interests, ''))) AS interests, lower(trim(b.event_type)) AS event_type, trim(b.cost_micros) AS cost_micros FROM bronze_impressions b WHERE b.ingest_seq >= (SELECT MIN(f.ingest_seq) FROM bronze_impressions f WHERE f.ingest_batch IN (SELECT p.batch_id FROM pipeline_batches p WHERE p.done_at IS NULL)) AND b.ingest_batch IN (SELECT p.batch_id FROM pipeline_batches p WHERE p.done_at IS NULL) ORDER BY b.ingest_seq LIMIT -1 OFFSET 0) r
-- parameters

-- step: count the claimed rows
SELECT COUNT(*) FROM pipeline_work.staging
-- parameters

-- step: quarantine invalid rows
INSERT INTO silver_quarantine (ingest_batch, source_line, source_file, event_id, reason, quarantined_at) SELECT s.ingest_batch, s.source_line, s.source_file, s.event_id, CASE WHEN s.event_id IS NULL THEN 'event_id is missing' WHEN s.event_time IS NULL THEN 'event_time is not an ISO 8601 time' WHEN s.advertiser_id IS NULL THEN 'advertiser_id is missing' WHEN s.user_id IS NULL THEN 'user_id is missing' WHEN s.age_bucket IS NULL THEN 'age is not 18-120 or an age bucket' WHEN s.gender IS NULL THEN 'gender is not female, male or unknown' WHEN s.country IS NULL THEN 'country is not an ISO 3166-1 alpha-2 code' WHEN s.region IS NULL THEN 'region is not an ISO 3166-2 code of the country' WHEN s.device IS NULL THEN 'device is not desktop, mobile, tablet or ctv' WHEN s.interests IS NULL THEN 'interests contain characters other than a-z, 0-9, _, . and |' WHEN s.event_type IS NULL THEN 'event_type is not impression, click or conversion' WHEN s.cost_micros IS NULL THEN 'cost_micros is not a whole number from 0 to 18 digits' END, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM pipeline_work.staging s WHERE NOT (s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country IS NOT NULL AND s.region IS NOT NULL AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type IS NOT NULL AND s.cost_micros IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM silver_quarantine q WHERE q.ingest_batch = s.ingest_batch AND q.source_line = s.source_line)
-- parameters

-- step: add new events to silver
INSERT OR IGNORE INTO silver_impressions (event_id, event_time, event_date, advertiser_id, campaign_id, user_id, age_bucket, gender, country, region, device, interests, event_type, cost_micros) SELECT s.event_id, s.event_time, date(s.event_time), s.advertiser_id, s.campaign_id, s.user_id, s.age_bucket, s.gender, s.country, s.region, s.device, s.interests, s.event_type, s.cost_micros FROM pipeline_work.staging s WHERE s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country IS NOT NULL AND s.region IS NOT NULL AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type IS NOT NULL AND s.cost_micros IS NOT NULL ORDER BY s.rowid
-- parameters

-- step: count the quarantine reasons
SELECT q.reason, COUNT(*) AS n FROM silver_quarantine q WHERE q.ingest_batch IN (SELECT p.batch_id FROM pipeline_batches p WHERE p.done_at IS NULL) GROUP BY q.reason ORDER BY n DESC, q.reason
-- parameters

-- step: mark the batches done
UPDATE pipeline_batches SET done_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE done_at IS NULL
-- parameters

-- step: rebuild the audience
DELETE FROM audience_profiles
-- parameters

-- step: rebuild the audience
INSERT INTO audience_profiles (user_id, age_bucket, gender, country, region, interests, devices, first_seen, last_seen) SELECT u.user_id, s.age_bucket, s.gender, s.country, s.region, CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, u.devices, u.first_seen, u.last_seen FROM (SELECT e.user_id, MAX(e.event_time || e.event_id) AS latest, sb_list_of(e.device) AS devices, MIN(e.event_date) AS first_seen, MAX(e.event_date) AS last_seen FROM silver_impressions e GROUP BY e.user_id) u JOIN silver_impressions s ON s.user_id = u.user_id AND s.event_time || s.event_id = u.latest
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
DROP TABLE IF EXISTS temp.members
-- parameters

-- step: compute the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
CREATE TEMP TABLE members (user_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID
-- parameters

-- step: compute the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
INSERT INTO temp.members (user_id) SELECT p.user_id FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE (p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7)) AND (sb_contains(p.devices, :p8)) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13))))
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

-- step: compute the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, clicks, conversions, unique_users, spend_micros) SELECT :p1, e.event_date, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END), SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END), SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END), COUNT(DISTINCT e.user_id), SUM(e.cost_micros) FROM temp.members m CROSS JOIN silver_impressions e ON e.user_id = m.user_id WHERE e.advertiser_id = :p2 GROUP BY e.event_date
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = adv-1

-- step: compute the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
DROP TABLE temp.members
-- parameters

-- data as of
SELECT MAX(last_seen) AS as_of FROM audience_profiles
-- parameters
