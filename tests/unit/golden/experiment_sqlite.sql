SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM gold_experiments WHERE experiment_id = :p1
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM gold_experiments WHERE experiment_key = :p1
-- parameters
-- :p1 STRING = spring-banner-2026

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM gold_experiments WHERE 1 = 1 AND advertiser_id = :p1 AND segment_id = :p2 ORDER BY created_at DESC, experiment_id
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 3f1e0c8a-0000-4000-8000-000000000001

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at FROM gold_experiments WHERE 1 = 1 ORDER BY created_at DESC, experiment_id
-- parameters

SELECT experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key FROM gold_experiment_versions WHERE experiment_id = :p1 ORDER BY version
-- parameters
-- :p1 STRING = 9a8b7c6d-0000-4000-8000-000000000017

SELECT MAX(last_seen) AS as_of FROM audience_profiles
-- parameters

INSERT INTO gold_experiments (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at) VALUES (:p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, :p15, :p16, :p17)
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
-- :p16 STRING = kim
-- :p17 STRING = 2026-10-31T08:30:00.000Z

UPDATE gold_experiments SET segment_id = :p1, name = :p2, experiment_key = :p3, seed = :p4, arms = :p5, holdout_basis_points = :p6, start_date = :p7, end_date = :p8, primary_metric = :p9, status = :p10, version = :p11, updated_by = :p12, updated_at = :p13 WHERE experiment_id = :p14 AND version = :p15
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = Spring banner
-- :p3 STRING = spring-banner-2026
-- :p4 STRING = 
-- :p5 STRING = [{"name":"control","weight":50},{"name":"banner","weight":30},{"name":"video","weight":20}]
-- :p6 INT = 1000
-- :p7 STRING = 2026-11-01
-- :p8 STRING = 2026-11-30
-- :p9 STRING = cvr
-- :p10 STRING = running
-- :p11 INT = 2
-- :p12 STRING = kim
-- :p13 STRING = 2026-10-31T08:30:00.000Z
-- :p14 STRING = 9a8b7c6d-0000-4000-8000-000000000017
-- :p15 INT = 1

INSERT INTO gold_experiment_versions (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key) VALUES (:p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, :p15, :p16, :p17, :p18, :p19)
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
-- :p16 STRING = kim
-- :p17 STRING = 2026-10-31T08:30:00.000Z
-- :p18 STRING = updated
-- :p19 STRING = 

INSERT INTO gold_experiment_versions (experiment_id, advertiser_id, segment_id, name, experiment_key, seed, arms, holdout_basis_points, start_date, end_date, primary_metric, status, version, created_by, created_at, updated_by, updated_at, change, change_key) VALUES (:p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14, :p15, :p16, :p17, :p18, :p19)
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
-- :p16 STRING = kim
-- :p17 STRING = 2026-10-31T08:30:00.000Z
-- :p18 STRING = updated
-- :p19 STRING = 6f1c1d7e-0b7a-4f6e-9d7a-1f2e3d4c5b6a

SELECT a.user_id, a.arm FROM (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT u.user_id, sb_growthbook_bucket(:p15, u.user_id) AS bucket FROM (SELECT p.user_id FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7)) AND (sb_contains(p.devices, :p8)) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) b) a ORDER BY a.user_id
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

WITH assigned AS MATERIALIZED (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT u.user_id, sb_growthbook_bucket(:p15, u.user_id) AS bucket FROM (SELECT p.user_id FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7)) AND (sb_contains(p.devices, :p8)) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) b) SELECT json_extract(j.value, '$[0]') AS day, json_extract(j.value, '$[1]') AS arm, json_extract(j.value, '$[2]') AS users, 0 AS impressions, 0 AS clicks, 0 AS conversions, 0 AS spend_micros, CAST(0 AS REAL) AS conversions_squared, CAST(0 AS REAL) AS spend_squared FROM json_each((SELECT sb_sums_by(NULL, arm, 1) FROM assigned)) j UNION ALL SELECT json_extract(j.value, '$[0]') AS day, json_extract(j.value, '$[1]') AS arm, 0 AS users, json_extract(j.value, '$[2]') AS impressions, json_extract(j.value, '$[3]') AS clicks, json_extract(j.value, '$[4]') AS conversions, json_extract(j.value, '$[5]') AS spend_micros, CAST(0 AS REAL) AS conversions_squared, CAST(0 AS REAL) AS spend_squared FROM json_each((SELECT sb_sums_by(e.event_date, a.arm, CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END, CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END, CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END, e.cost_micros) FROM assigned a CROSS JOIN silver_impressions e ON e.user_id = a.user_id AND e.advertiser_id = :p22 AND e.event_date >= :p23 AND e.event_date <= :p24)) j
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

WITH assigned AS MATERIALIZED (SELECT b.user_id, CASE WHEN b.bucket >= :p16 AND b.bucket < :p17 THEN 0 WHEN b.bucket >= :p18 AND b.bucket < :p19 THEN 1 WHEN b.bucket >= :p20 AND b.bucket < :p21 THEN 2 ELSE -1 END AS arm FROM (SELECT u.user_id, sb_growthbook_bucket(:p15, u.user_id) AS bucket FROM (SELECT p.user_id FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14 AND ((p.age_bucket IN (:p1, :p2)) AND (p.country IN (:p3)) AND (sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7)) AND (sb_contains(p.devices, :p8)) AND (COALESCE(b0.events, 0) >= :p12) AND (NOT ((COALESCE(p.region, '') IN (:p13)))))) u) b), member_days AS (SELECT e.event_date AS day, e.user_id, MAX(a.arm) AS arm, SUM(CASE WHEN e.event_type = 'impression' THEN 1 ELSE 0 END) AS impressions, SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks, SUM(CASE WHEN e.event_type = 'conversion' THEN 1 ELSE 0 END) AS conversions, SUM(e.cost_micros) AS spend_micros FROM assigned a CROSS JOIN silver_impressions e ON e.user_id = a.user_id AND e.advertiser_id = :p22 AND e.event_date >= :p23 AND e.event_date <= :p24 GROUP BY e.user_id, e.event_date), running AS (SELECT day, arm, impressions, clicks, conversions, spend_micros, SUM(conversions) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS conversions_so_far, SUM(spend_micros) OVER (PARTITION BY user_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS spend_so_far FROM member_days) SELECT json_extract(j.value, '$[0]') AS day, json_extract(j.value, '$[1]') AS arm, json_extract(j.value, '$[2]') AS users, 0 AS impressions, 0 AS clicks, 0 AS conversions, 0 AS spend_micros, CAST(0 AS REAL) AS conversions_squared, CAST(0 AS REAL) AS spend_squared FROM json_each((SELECT sb_sums_by(NULL, arm, 1) FROM assigned)) j UNION ALL SELECT json_extract(j.value, '$[0]') AS day, json_extract(j.value, '$[1]') AS arm, 0 AS users, json_extract(j.value, '$[2]') AS impressions, json_extract(j.value, '$[3]') AS clicks, json_extract(j.value, '$[4]') AS conversions, json_extract(j.value, '$[5]') AS spend_micros, json_extract(j.value, '$[6]') AS conversions_squared, json_extract(j.value, '$[7]') AS spend_squared FROM json_each((SELECT sb_sums_by(day, arm, impressions, clicks, conversions, spend_micros, CAST(conversions_so_far AS REAL) * conversions_so_far - CAST(conversions_so_far - conversions AS REAL) * (conversions_so_far - conversions), (CAST(spend_so_far AS REAL) / 1000000) * (CAST(spend_so_far AS REAL) / 1000000) - (CAST(spend_so_far - spend_micros AS REAL) / 1000000) * (CAST(spend_so_far - spend_micros AS REAL) / 1000000)) FROM running)) j
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

