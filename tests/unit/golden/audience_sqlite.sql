-- members
WITH flags AS MATERIALIZED (SELECT p.user_id, CASE WHEN p.age_bucket IN (:p1, :p2) THEN 1 ELSE 0 END AS f0, CASE WHEN p.country IN (:p3) THEN 1 ELSE 0 END AS f1, CASE WHEN sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7) THEN 1 ELSE 0 END AS f2, CASE WHEN sb_contains(p.devices, :p8) THEN 1 ELSE 0 END AS f3, CASE WHEN COALESCE(b0.events, 0) >= :p12 THEN 1 ELSE 0 END AS f4, CASE WHEN NOT ((COALESCE(p.region, '') IN (:p13))) THEN 1 ELSE 0 END AS f5 FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE +p.last_seen >= :p14) SELECT flags.user_id AS user_id FROM flags WHERE f0*f1*f2*f3*f4*f5 = 1 ORDER BY flags.user_id
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
WITH flags AS MATERIALIZED (SELECT p.user_id, CASE WHEN p.age_bucket IN (:p1, :p2) THEN 1 ELSE 0 END AS f0, CASE WHEN p.country IN (:p3) THEN 1 ELSE 0 END AS f1, CASE WHEN sb_contains(p.interests, :p4) OR sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7) THEN 1 ELSE 0 END AS f2, CASE WHEN sb_contains(p.devices, :p8) THEN 1 ELSE 0 END AS f3, CASE WHEN COALESCE(b0.events, 0) >= :p12 THEN 1 ELSE 0 END AS f4, CASE WHEN NOT ((COALESCE(p.region, '') IN (:p13))) THEN 1 ELSE 0 END AS f5 FROM audience_profiles p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p9 AND a.day >= :p10 AND a.day <= :p11 GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE +p.last_seen >= :p14) SELECT c.user_id, c.email, c.phone, c.first_name, c.last_name, c.city, c.region, c.postal_code, c.country, c.birth_date FROM flags JOIN customer_identifiers c ON c.user_id = flags.user_id WHERE f0*f1*f2*f3*f4*f5 = 1 ORDER BY c.user_id
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
SELECT COUNT(*) AS n FROM customer_identifiers
-- parameters

-- existing rows
SELECT COUNT(*) AS n FROM customer_identifiers WHERE user_id IN (SELECT value FROM json_each(:p1))
-- parameters
-- :p1 STRING = ["u1","u2"]

-- upsert
INSERT INTO customer_identifiers (user_id, email, phone, first_name, last_name, city, region, postal_code, country, birth_date) SELECT json_extract(r.value, '$.user_id'), json_extract(r.value, '$.email'), json_extract(r.value, '$.phone'), json_extract(r.value, '$.first_name'), json_extract(r.value, '$.last_name'), json_extract(r.value, '$.city'), json_extract(r.value, '$.region'), json_extract(r.value, '$.postal_code'), json_extract(r.value, '$.country'), json_extract(r.value, '$.birth_date') FROM json_each(:p1) r WHERE true ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, phone = excluded.phone, first_name = excluded.first_name, last_name = excluded.last_name, city = excluded.city, region = excluded.region, postal_code = excluded.postal_code, country = excluded.country, birth_date = excluded.birth_date
-- parameters
-- :p1 STRING = [{"user_id":"u1","email":"ann@example.com","phone":"+15555550101","first_name":"Ann","last_name":"Lee","city":"Austin","region":"US-TX","postal_code":"78701","country":"US","birth_date":"1985-04-12"},{"user_id":"u2","email":"bo@example.org","phone":null,"first_name":null,"last_name":null,"city":null,"region":null,"postal_code":null,"country":null,"birth_date":null}]
