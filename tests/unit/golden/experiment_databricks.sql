SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM `main`.`ad_segments`.gold_experiments WHERE experiment_id = :p1
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM `main`.`ad_segments`.gold_experiments WHERE experiment_key = :p1
-- parameters
-- :p1 STRING = spring-banner-2026

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM `main`.`ad_segments`.gold_experiments WHERE 1 = 1 AND advertiser_id = :p1 AND segment_id = :p2 ORDER BY created_at DESC, experiment_id
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 3f1e0c8a-0000-4000-8000-000000000001

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM `main`.`ad_segments`.gold_experiments WHERE 1 = 1 ORDER BY created_at DESC, experiment_id
-- parameters

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key FROM `main`.`ad_segments`.gold_experiment_versions WHERE experiment_id = :p1 ORDER BY version
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017

SELECT MAX(last_seen) AS as_of FROM `main`.`ad_segments`.audience_profiles
-- parameters

MERGE INTO `main`.`ad_segments`.gold_experiments AS t USING (SELECT :p1 AS experiment_id, :p2 AS advertiser_id, :p3 AS segment_id, :p4 AS name, :p5 AS experiment_key, :p6 AS seed, :p7 AS arms, CAST(:p8 AS BIGINT) AS holdout_basis_points, :p9 AS start_date, :p10 AS end_date, :p11 AS primary_metric, :p12 AS status, CAST(:p13 AS BIGINT) AS version, :p14 AS created_by, :p15 AS created_at, current_user() AS updated_by, :p16 AS updated_at) AS s ON t.experiment_id = s.experiment_id OR t.experiment_key = s.experiment_key WHEN NOT MATCHED THEN INSERT (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at) VALUES (s.experiment_id, s.advertiser_id, s.segment_id, s.name, s.experiment_key, s.seed, s.arms, s.holdout_basis_points, s.start_date, s.end_date, s.primary_metric, s.status, s.version, s.created_by, s.created_at, s.updated_by, s.updated_at)
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017
-- :p2 STRING = adv-pixel
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p4 STRING = Spring banner
-- :p5 STRING = spring-banner-2026
-- :p6 STRING = 
-- :p7 STRING = [{"name":"control","weight":50},{"name":"banner","weight":30},{"name":"video","weight":20}]
-- :p8 INT = 1000
-- :p9 STRING = 2026-11-01
-- :p10 STRING = 2026-11-30
-- :p11 STRING = cvr
-- :p12 STRING = running
-- :p13 INT = 2
-- :p14 STRING = sam
-- :p15 STRING = 2026-10-30T09:00:00.000Z
-- :p16 STRING = 2026-10-31T08:30:00.000Z

MERGE INTO `main`.`ad_segments`.gold_experiments AS t USING (SELECT :p1 AS experiment_id, CAST(:p2 AS BIGINT) AS base_version) AS s ON t.experiment_id = s.experiment_id AND t.version = s.base_version WHEN MATCHED THEN UPDATE SET segment_id = :p3, name = :p4, experiment_key = :p5, seed = :p6, arms = :p7, holdout_basis_points = CAST(:p8 AS BIGINT), start_date = :p9, end_date = :p10, primary_metric = :p11, status = :p12, version = CAST(:p13 AS BIGINT), updated_by = current_user(), updated_at = :p14
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017
-- :p2 INT = 1
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p4 STRING = Spring banner
-- :p5 STRING = spring-banner-2026
-- :p6 STRING = 
-- :p7 STRING = [{"name":"control","weight":50},{"name":"banner","weight":30},{"name":"video","weight":20}]
-- :p8 INT = 1000
-- :p9 STRING = 2026-11-01
-- :p10 STRING = 2026-11-30
-- :p11 STRING = cvr
-- :p12 STRING = running
-- :p13 INT = 2
-- :p14 STRING = 2026-10-31T08:30:00.000Z

MERGE INTO `main`.`ad_segments`.gold_experiment_versions AS t USING (SELECT :p1 AS experiment_id, :p2 AS advertiser_id, :p3 AS segment_id, :p4 AS name, :p5 AS experiment_key, :p6 AS seed, :p7 AS arms, CAST(:p8 AS BIGINT) AS holdout_basis_points, :p9 AS start_date, :p10 AS end_date, :p11 AS primary_metric, :p12 AS status, CAST(:p13 AS BIGINT) AS version, :p14 AS created_by, :p15 AS created_at, current_user() AS updated_by, :p16 AS updated_at, :p17 AS change, :p18 AS change_key) AS s ON t.experiment_id = s.experiment_id AND t.version = s.version WHEN NOT MATCHED THEN INSERT (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key) VALUES (s.experiment_id, s.advertiser_id, s.segment_id, s.name, s.experiment_key, s.seed, s.arms, s.holdout_basis_points, s.start_date, s.end_date, s.primary_metric, s.status, s.version, s.created_by, s.created_at, s.updated_by, s.updated_at, s.change, s.change_key)
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017
-- :p2 STRING = adv-pixel
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p4 STRING = Spring banner
-- :p5 STRING = spring-banner-2026
-- :p6 STRING = 
-- :p7 STRING = [{"name":"control","weight":50},{"name":"banner","weight":30},{"name":"video","weight":20}]
-- :p8 INT = 1000
-- :p9 STRING = 2026-11-01
-- :p10 STRING = 2026-11-30
-- :p11 STRING = cvr
-- :p12 STRING = running
-- :p13 INT = 2
-- :p14 STRING = sam
-- :p15 STRING = 2026-10-30T09:00:00.000Z
-- :p16 STRING = 2026-10-31T08:30:00.000Z
-- :p17 STRING = updated
-- :p18 STRING = 

MERGE INTO `main`.`ad_segments`.gold_experiment_versions AS t USING (SELECT :p1 AS experiment_id, :p2 AS advertiser_id, :p3 AS segment_id, :p4 AS name, :p5 AS experiment_key, :p6 AS seed, :p7 AS arms, CAST(:p8 AS BIGINT) AS holdout_basis_points, :p9 AS start_date, :p10 AS end_date, :p11 AS primary_metric, :p12 AS status, CAST(:p13 AS BIGINT) AS version, :p14 AS created_by, :p15 AS created_at, current_user() AS updated_by, :p16 AS updated_at, :p17 AS change, :p18 AS change_key) AS s ON t.experiment_id = s.experiment_id AND t.version = s.version WHEN MATCHED THEN UPDATE SET advertiser_id = s.advertiser_id, segment_id = s.segment_id, name = s.name, experiment_key = s.experiment_key, seed = s.seed, arms = s.arms, holdout_basis_points = s.holdout_basis_points, start_date = s.start_date, end_date = s.end_date, primary_metric = s.primary_metric, status = s.status, created_by = s.created_by, created_at = s.created_at, updated_by = s.updated_by, updated_at = s.updated_at, change = s.change, change_key = s.change_key WHEN NOT MATCHED THEN INSERT (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key) VALUES (s.experiment_id, s.advertiser_id, s.segment_id, s.name, s.experiment_key, s.seed, s.arms, s.holdout_basis_points, s.start_date, s.end_date, s.primary_metric, s.status, s.version, s.created_by, s.created_at, s.updated_by, s.updated_at, s.change, s.change_key)
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017
-- :p2 STRING = adv-pixel
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p4 STRING = Spring banner
-- :p5 STRING = spring-banner-2026
-- :p6 STRING = 
-- :p7 STRING = [{"name":"control","weight":50},{"name":"banner","weight":30},{"name":"video","weight":20}]
-- :p8 INT = 1000
-- :p9 STRING = 2026-11-01
-- :p10 STRING = 2026-11-30
-- :p11 STRING = cvr
-- :p12 STRING = running
-- :p13 INT = 2
-- :p14 STRING = sam
-- :p15 STRING = 2026-10-30T09:00:00.000Z
-- :p16 STRING = 2026-10-31T08:30:00.000Z
-- :p17 STRING = updated
-- :p18 STRING = 6f1c1d7e-0b7a-4f6e-9d7a-1f2e3d4c5b6a

SELECT a.user_id, a.arm FROM (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT h.user_id, aggregate(transform(sequence(1, length(h.inner_hash)), fnv_i -> ascii(substring(h.inner_hash, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) % 10000 AS bucket FROM (SELECT s.user_id, CAST(aggregate(transform(sequence(1, length(s.seeded)), fnv_i -> ascii(substring(s.seeded, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) AS STRING) AS inner_hash FROM (SELECT u.user_id, :p15 || u.user_id AS seeded FROM (SELECT p.user_id FROM `main`.`ad_segments`.audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM `main`.`ad_segments`.audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (instr(p.interests, :p4) > 0 OR instr(p.interests, :p5) > 0 OR instr(p.interests, :p6) > 0 OR instr(p.interests, :p7) > 0) AND (instr(p.devices, :p8) > 0) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) s) h) b) a ORDER BY a.user_id
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
-- :p14 DATE = 2026-10-26
-- :p15 STRING = spring-banner-2026
-- :p16 INT = 0
-- :p17 INT = 4500
-- :p18 INT = 5000
-- :p19 INT = 7700
-- :p20 INT = 8000
-- :p21 INT = 9801

WITH assigned AS (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT h.user_id, aggregate(transform(sequence(1, length(h.inner_hash)), fnv_i -> ascii(substring(h.inner_hash, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) % 10000 AS bucket FROM (SELECT s.user_id, CAST(aggregate(transform(sequence(1, length(s.seeded)), fnv_i -> ascii(substring(s.seeded, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) AS STRING) AS inner_hash FROM (SELECT u.user_id, :p15 || u.user_id AS seeded FROM (SELECT p.user_id FROM `main`.`ad_segments`.audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM `main`.`ad_segments`.audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (instr(p.interests, :p4) > 0 OR instr(p.interests, :p5) > 0 OR instr(p.interests, :p6) > 0 OR instr(p.interests, :p7) > 0) AND (instr(p.devices, :p8) > 0) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) s) h) b) SELECT NULL AS day, arm AS arm, SUM(1) AS users, 0 AS impressions, 0 AS clicks, 0 AS conversions, 0 AS spend_micros, CAST(0 AS DOUBLE) AS conversions_squared, CAST(0 AS DOUBLE) AS spend_squared FROM assigned GROUP BY arm UNION ALL SELECT e.event_date AS day, a.arm AS arm, 0 AS users, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, SUM(e.cost_micros) AS spend_micros, CAST(0 AS DOUBLE) AS conversions_squared, CAST(0 AS DOUBLE) AS spend_squared FROM assigned a JOIN `main`.`ad_segments`.silver_impressions e ON e.user_id = a.user_id AND e.advertiser_id = :p22 AND e.event_date >= :p23 AND e.event_date <= :p24 GROUP BY e.event_date, a.arm
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
-- :p14 DATE = 2026-10-26
-- :p15 STRING = spring-banner-2026
-- :p16 INT = 0
-- :p17 INT = 4500
-- :p18 INT = 5000
-- :p19 INT = 7700
-- :p20 INT = 8000
-- :p21 INT = 9801
-- :p22 STRING = adv-pixel
-- :p23 DATE = 2026-11-01
-- :p24 DATE = 2026-11-24

WITH assigned AS (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT h.user_id, aggregate(transform(sequence(1, length(h.inner_hash)), fnv_i -> ascii(substring(h.inner_hash, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) % 10000 AS bucket FROM (SELECT s.user_id, CAST(aggregate(transform(sequence(1, length(s.seeded)), fnv_i -> ascii(substring(s.seeded, fnv_i, 1))), CAST(2166136261 AS BIGINT), (fnv_h, fnv_c) -> ((fnv_h ^ fnv_c) * 16777619) % 4294967296) AS STRING) AS inner_hash FROM (SELECT u.user_id, :p15 || u.user_id AS seeded FROM (SELECT p.user_id FROM `main`.`ad_segments`.audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM `main`.`ad_segments`.audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (instr(p.interests, :p4) > 0 OR instr(p.interests, :p5) > 0 OR instr(p.interests, :p6) > 0 OR instr(p.interests, :p7) > 0) AND (instr(p.devices, :p8) > 0) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) s) h) b), member_days AS (SELECT e.event_date AS day, e.user_id, MAX(a.arm) AS arm, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, SUM(e.cost_micros) AS spend_micros FROM assigned a JOIN `main`.`ad_segments`.silver_impressions e ON e.user_id = a.user_id AND e.advertiser_id = :p22 AND e.event_date >= :p23 AND e.event_date <= :p24 GROUP BY e.user_id, e.event_date), running AS (SELECT day, arm, impressions, clicks, conversions, spend_micros, SUM(conversions) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS conversions_so_far, SUM(spend_micros) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS spend_so_far FROM member_days) SELECT NULL AS day, arm AS arm, SUM(1) AS users, 0 AS impressions, 0 AS clicks, 0 AS conversions, 0 AS spend_micros, CAST(0 AS DOUBLE) AS conversions_squared, CAST(0 AS DOUBLE) AS spend_squared FROM assigned GROUP BY arm UNION ALL SELECT day AS day, arm AS arm, 0 AS users, SUM(impressions) AS impressions, SUM(clicks) AS clicks, SUM(conversions) AS conversions, SUM(spend_micros) AS spend_micros, SUM(CAST(conversions_so_far AS DOUBLE) * conversions_so_far - CAST(conversions_so_far - conversions AS DOUBLE) * (conversions_so_far - conversions)) AS conversions_squared, SUM((CAST(spend_so_far AS DOUBLE) / 1000000) * (CAST(spend_so_far AS DOUBLE) / 1000000) - (CAST(spend_so_far - spend_micros AS DOUBLE) / 1000000) * (CAST(spend_so_far - spend_micros AS DOUBLE) / 1000000)) AS spend_squared FROM running GROUP BY day, arm
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
-- :p14 DATE = 2026-10-26
-- :p15 STRING = spring-banner-2026
-- :p16 INT = 0
-- :p17 INT = 4500
-- :p18 INT = 5000
-- :p19 INT = 7700
-- :p20 INT = 8000
-- :p21 INT = 9801
-- :p22 STRING = adv-pixel
-- :p23 DATE = 2026-11-01
-- :p24 DATE = 2026-11-24

