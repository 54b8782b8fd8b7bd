-- members
SELECT flags.user_id AS user_id FROM (SELECT p.user_id, CASE WHEN p.age_bucket IN (:p1, :p2) THEN 1 ELSE 0 END AS f0, CASE WHEN p.country IN (:p3) THEN 1 ELSE 0 END AS f1, CASE WHEN instr(p.interests, :p4) > 0 OR instr(p.interests, :p5) > 0 OR instr(p.interests, :p6) > 0 OR instr(p.interests, :p7) > 0 THEN 1 ELSE 0 END AS f2, CASE WHEN instr(p.devices, :p8) > 0 THEN 1 ELSE 0 END AS f3, CASE WHEN COALESCE(b0.events, 0) >= :p12 THEN 1 ELSE 0 END AS f4, CASE WHEN NOT ((COALESCE(p.region, '') IN (:p13))) THEN 1 ELSE 0 END AS f5 FROM `main`.`ad_segments`.audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM `main`.`ad_segments`.audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14) flags WHERE f0*f1*f2*f3*f4*f5 = 1 ORDER BY flags.user_id
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

-- member identifiers
SELECT c.user_id, c.email, c.phone, c.first_name, c.last_name, c.city, c.region, c.postal_code, c.country, c.birth_date FROM (SELECT p.user_id, CASE WHEN p.age_bucket IN (:p1, :p2) THEN 1 ELSE 0 END AS f0, CASE WHEN p.country IN (:p3) THEN 1 ELSE 0 END AS f1, CASE WHEN instr(p.interests, :p4) > 0 OR instr(p.interests, :p5) > 0 OR instr(p.interests, :p6) > 0 OR instr(p.interests, :p7) > 0 THEN 1 ELSE 0 END AS f2, CASE WHEN instr(p.devices, :p8) > 0 THEN 1 ELSE 0 END AS f3, CASE WHEN COALESCE(b0.events, 0) >= :p12 THEN 1 ELSE 0 END AS f4, CASE WHEN NOT ((COALESCE(p.region, '') IN (:p13))) THEN 1 ELSE 0 END AS f5 FROM `main`.`ad_segments`.audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM `main`.`ad_segments`.audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.last_seen >= :p14) flags JOIN `main`.`ad_segments`.customer_identifiers c ON c.user_id = flags.user_id WHERE f0*f1*f2*f3*f4*f5 = 1 ORDER BY c.user_id
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

-- count
SELECT COUNT(*) AS n FROM `main`.`ad_segments`.customer_identifiers
-- parameters
