-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.touched
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.silver_mark
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.new_daily
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.new_people
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.leavers
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.people_before
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.people_after
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.members_before
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.members_after
-- parameters

-- step: find the people with new events
CREATE TEMP TABLE touched (user_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID
-- parameters

-- step: find the people with new events
INSERT OR IGNORE INTO temp.touched (user_id) SELECT s.user_id FROM pipeline_work.staging s WHERE s.event_id IS NOT NULL AND s.event_time IS NOT NULL AND s.advertiser_id IS NOT NULL AND s.user_id IS NOT NULL AND s.age_bucket IS NOT NULL AND s.gender IS NOT NULL AND s.country IS NOT NULL AND s.region IS NOT NULL AND s.device IS NOT NULL AND s.interests IS NOT NULL AND s.event_type IS NOT NULL AND s.cost_micros IS NOT NULL
-- parameters

-- step: mark where the new events start in silver
CREATE TEMP TABLE silver_mark AS SELECT COALESCE(MAX(rowid), 0) AS last_rowid FROM silver_impressions
-- parameters

-- step: sum the new events by person and day
CREATE TEMP TABLE new_daily (advertiser_id TEXT NOT NULL, user_id TEXT NOT NULL, day TEXT NOT NULL, impressions INTEGER NOT NULL, clicks INTEGER NOT NULL, conversions INTEGER NOT NULL, spend_micros INTEGER NOT NULL, seen_before INTEGER NOT NULL, PRIMARY KEY (advertiser_id, user_id, day)) WITHOUT ROWID
-- parameters

-- step: sum the new events by person and day
INSERT INTO temp.new_daily (advertiser_id, user_id, day, impressions, clicks, conversions, spend_micros, seen_before) SELECT n.advertiser_id, n.user_id, n.day, n.impressions, n.clicks, n.conversions, n.spend_micros, EXISTS (SELECT 1 FROM silver_impressions o WHERE o.user_id = n.user_id AND o.advertiser_id = n.advertiser_id AND o.event_date = n.day AND o.rowid <= (SELECT m.last_rowid FROM temp.silver_mark m)) FROM (SELECT e.advertiser_id, e.user_id, e.event_date AS day, SUM(e.event_type = 'impression') AS impressions, SUM(e.event_type = 'click') AS clicks, SUM(e.event_type = 'conversion') AS conversions, SUM(e.cost_micros) AS spend_micros FROM silver_impressions e NOT INDEXED WHERE e.rowid > (SELECT m.last_rowid FROM temp.silver_mark m) GROUP BY e.advertiser_id, e.user_id, e.event_date) n
-- parameters

-- step: find who may leave the windows of segment 3f1e0c8a-0000-4000-8000-000000000001
CREATE TABLE IF NOT EXISTS temp.leavers (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: find who may leave the windows of segment 3f1e0c8a-0000-4000-8000-000000000001
INSERT OR IGNORE INTO temp.leavers (segment_id, user_id) SELECT :p1, a.user_id FROM audience_activity a WHERE a.event_type = :p2 AND a.day >= :p3 AND a.day <= :p4
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = click
-- :p3 DATE = 2026-10-25
-- :p4 DATE = 2026-10-25

-- step: read the profiles of the people concerned (before)
DROP TABLE IF EXISTS temp.people_before
-- parameters

-- step: read the profiles of the people concerned (before)
CREATE TABLE IF NOT EXISTS temp.leavers (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: read the profiles of the people concerned (before)
CREATE TABLE temp.people_before AS SELECT p.*, p.user_id IN (SELECT t.user_id FROM temp.touched t) AS touched FROM audience_profiles p WHERE p.user_id IN (SELECT t.user_id FROM temp.touched t UNION SELECT l.user_id FROM temp.leavers l)
-- parameters

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (before)
CREATE TABLE IF NOT EXISTS temp.members_before (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (before)
INSERT INTO temp.members_before (segment_id, user_id) SELECT :p1, m.user_id FROM (SELECT p.user_id FROM temp.people_before p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p10 AND a.day >= :p11 AND a.day <= :p12 AND a.user_id IN (SELECT c.user_id FROM temp.people_before c) GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.touched = 1 AND ((p.age_bucket IN (:p2, :p3)) AND (p.country IN (:p4)) AND (sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7) OR sb_contains(p.interests, :p8)) AND (sb_contains(p.devices, :p9)) AND (COALESCE(b0.events, 0) >= :p13) AND (NOT ((COALESCE(p.region, '') IN (:p14)))))) m
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = 25-34
-- :p3 STRING = 35-44
-- :p4 STRING = US
-- :p5 STRING = |gaming|
-- :p6 STRING = |gaming.
-- :p7 STRING = |odd_name%|
-- :p8 STRING = |odd_name%.
-- :p9 STRING = |mobile|
-- :p10 STRING = click
-- :p11 DATE = 2026-10-26
-- :p12 DATE = 2026-11-24
-- :p13 INT = 3
-- :p14 STRING = US-CA

-- step: update the audience of the people with new events
CREATE TEMP TABLE new_people (user_id TEXT PRIMARY KEY NOT NULL, latest TEXT NOT NULL, latest_rowid INTEGER, devices TEXT, first_day TEXT NOT NULL, last_day TEXT NOT NULL, how INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID
-- parameters

-- step: update the audience of the people with new events
INSERT INTO temp.new_people (user_id, latest, devices, first_day, last_day, how) SELECT g.user_id, g.latest, g.devices, g.first_day, g.last_day, CASE WHEN p.user_id IS NULL THEN 0 WHEN p.last_seen < g.first_day THEN 1 ELSE 2 END FROM (SELECT e.user_id, MAX(e.event_time || e.event_id) AS latest, sb_list_of(e.device) AS devices, MIN(e.event_date) AS first_day, MAX(e.event_date) AS last_day FROM silver_impressions e NOT INDEXED WHERE e.rowid > (SELECT m.last_rowid FROM temp.silver_mark m) GROUP BY e.user_id) g LEFT JOIN audience_profiles p ON p.user_id = g.user_id
-- parameters

-- step: update the audience of the people with new events
UPDATE temp.new_people SET latest_rowid = x.r FROM (SELECT e.rowid AS r, e.user_id AS u FROM silver_impressions e NOT INDEXED JOIN temp.new_people n ON n.user_id = e.user_id AND n.latest = e.event_time || e.event_id WHERE e.rowid > (SELECT m.last_rowid FROM temp.silver_mark m)) x WHERE new_people.user_id = x.u
-- parameters

-- step: update the audience of the people with new events
UPDATE audience_profiles SET age_bucket = s.age_bucket, gender = s.gender, country = s.country, region = s.region, interests = CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, devices = sb_list_union(audience_profiles.devices, n.devices), last_seen = n.last_day FROM temp.new_people n CROSS JOIN silver_impressions s ON s.rowid = n.latest_rowid WHERE n.how = 1 AND audience_profiles.user_id = n.user_id
-- parameters

-- step: update the audience of the people with new events
DELETE FROM audience_profiles WHERE user_id IN (SELECT n.user_id FROM temp.new_people n WHERE n.how = 2)
-- parameters

-- step: update the audience of the people with new events
INSERT INTO audience_profiles (user_id, age_bucket, gender, country, region, interests, devices, first_seen, last_seen) SELECT u.user_id, s.age_bucket, s.gender, s.country, s.region, CASE WHEN s.interests = '' THEN '|' ELSE '|' || s.interests || '|' END, u.devices, u.first_seen, u.last_seen FROM (SELECT e.user_id, MAX(e.event_time || e.event_id) AS latest, sb_list_of(e.device) AS devices, MIN(e.event_date) AS first_seen, MAX(e.event_date) AS last_seen FROM silver_impressions e WHERE e.user_id IN (SELECT n.user_id FROM temp.new_people n WHERE n.how <> 1) GROUP BY e.user_id) u JOIN silver_impressions s ON s.user_id = u.user_id AND s.event_time || s.event_id = u.latest
-- parameters

-- step: update the audience of the people with new events
INSERT INTO audience_activity (event_type, day, user_id, events) SELECT e.event_type, e.event_date, e.user_id, COUNT(*) FROM silver_impressions e NOT INDEXED WHERE e.rowid > (SELECT m.last_rowid FROM temp.silver_mark m) GROUP BY e.event_type, e.event_date, e.user_id ON CONFLICT (event_type, day, user_id) DO UPDATE SET events = events + excluded.events
-- parameters

-- step: read the profiles of the people concerned (after)
DROP TABLE IF EXISTS temp.people_after
-- parameters

-- step: read the profiles of the people concerned (after)
CREATE TABLE IF NOT EXISTS temp.leavers (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: read the profiles of the people concerned (after)
CREATE TABLE temp.people_after AS SELECT * FROM temp.people_before WHERE touched = 0 UNION ALL SELECT p.*, 1 FROM audience_profiles p WHERE p.user_id IN (SELECT t.user_id FROM temp.touched t)
-- parameters

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (after)
CREATE TABLE IF NOT EXISTS temp.members_after (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (after)
INSERT INTO temp.members_after (segment_id, user_id) SELECT :p1, m.user_id FROM (SELECT p.user_id FROM temp.people_after p  WHERE (p.touched = 1 OR p.user_id IN (SELECT l.user_id FROM temp.leavers l WHERE l.segment_id = :p2)) AND ((p.age_bucket IN (:p3, :p4)) AND (p.country IN (:p5)) AND (sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7) OR sb_contains(p.interests, :p8) OR sb_contains(p.interests, :p9)) AND (sb_contains(p.devices, :p10)) AND ((SELECT COUNT(*) FROM silver_impressions s WHERE s.user_id = p.user_id AND s.event_type = :p11 AND s.event_date >= :p12 AND s.event_date <= :p13) >= :p14) AND (NOT ((COALESCE(p.region, '') IN (:p15)))))) m
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p3 STRING = 25-34
-- :p4 STRING = 35-44
-- :p5 STRING = US
-- :p6 STRING = |gaming|
-- :p7 STRING = |gaming.
-- :p8 STRING = |odd_name%|
-- :p9 STRING = |odd_name%.
-- :p10 STRING = |mobile|
-- :p11 STRING = click
-- :p12 DATE = 2026-10-26
-- :p13 DATE = 2026-11-24
-- :p14 INT = 3
-- :p15 STRING = US-CA

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (after)
CREATE TABLE IF NOT EXISTS temp.members_after (segment_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (segment_id, user_id)) WITHOUT ROWID
-- parameters

-- step: find the members of segment 3f1e0c8a-0000-4000-8000-000000000001 among them (after)
INSERT INTO temp.members_after (segment_id, user_id) SELECT :p1, m.user_id FROM (SELECT p.user_id FROM temp.people_after p LEFT JOIN (SELECT a.user_id, SUM(a.events) AS events FROM audience_activity a WHERE a.event_type = :p10 AND a.day >= :p11 AND a.day <= :p12 AND a.user_id IN (SELECT c.user_id FROM temp.people_after c) GROUP BY a.user_id) b0 ON b0.user_id = p.user_id WHERE p.touched = 1 AND ((p.age_bucket IN (:p2, :p3)) AND (p.country IN (:p4)) AND (sb_contains(p.interests, :p5) OR sb_contains(p.interests, :p6) OR sb_contains(p.interests, :p7) OR sb_contains(p.interests, :p8)) AND (sb_contains(p.devices, :p9)) AND (COALESCE(b0.events, 0) >= :p13) AND (NOT ((COALESCE(p.region, '') IN (:p14)))))) m
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = 25-34
-- :p3 STRING = 35-44
-- :p4 STRING = US
-- :p5 STRING = |gaming|
-- :p6 STRING = |gaming.
-- :p7 STRING = |odd_name%|
-- :p8 STRING = |odd_name%.
-- :p9 STRING = |mobile|
-- :p10 STRING = click
-- :p11 DATE = 2026-10-26
-- :p12 DATE = 2026-11-24
-- :p13 INT = 3
-- :p14 STRING = US-CA

-- step: move the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
INSERT INTO gold_segment_daily_metrics (segment_id, day, impressions, clicks, conversions, unique_users, spend_micros) SELECT :p1, d.day, SUM(d.impressions), SUM(d.clicks), SUM(d.conversions), SUM(d.users), SUM(d.spend_micros) FROM (SELECT n.day, n.impressions, n.clicks, n.conversions, 1 - n.seen_before AS users, n.spend_micros FROM temp.members_after m CROSS JOIN temp.new_daily n ON n.advertiser_id = :p2 AND n.user_id = m.user_id WHERE m.segment_id = :p3 AND EXISTS (SELECT 1 FROM temp.members_before x WHERE x.segment_id = :p4 AND x.user_id = m.user_id) UNION ALL SELECT e.event_date, SUM(e.event_type = 'impression'), SUM(e.event_type = 'click'), SUM(e.event_type = 'conversion'), 1, SUM(e.cost_micros) FROM temp.members_after m CROSS JOIN silver_impressions e ON e.user_id = m.user_id AND e.advertiser_id = :p5 WHERE m.segment_id = :p6 AND NOT EXISTS (SELECT 1 FROM temp.members_before x WHERE x.segment_id = :p7 AND x.user_id = m.user_id) GROUP BY m.user_id, e.event_date UNION ALL SELECT e.event_date, -SUM(e.event_type = 'impression'), -SUM(e.event_type = 'click'), -SUM(e.event_type = 'conversion'), -1, -SUM(e.cost_micros) FROM temp.members_before m CROSS JOIN silver_impressions e ON e.user_id = m.user_id AND e.advertiser_id = :p8 AND e.rowid <= (SELECT m.last_rowid FROM temp.silver_mark m) WHERE m.segment_id = :p9 AND NOT EXISTS (SELECT 1 FROM temp.members_after x WHERE x.segment_id = :p10 AND x.user_id = m.user_id) GROUP BY m.user_id, e.event_date) d WHERE true GROUP BY d.day ON CONFLICT (segment_id, day) DO UPDATE SET impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks, conversions = conversions + excluded.conversions, unique_users = unique_users + excluded.unique_users, spend_micros = spend_micros + excluded.spend_micros
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = adv-1
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p4 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p5 STRING = adv-1
-- :p6 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p7 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p8 STRING = adv-1
-- :p9 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p10 STRING = 3f1e0c8a-0000-4000-8000-000000000001

-- step: move the daily metrics of segment 3f1e0c8a-0000-4000-8000-000000000001
DELETE FROM gold_segment_daily_metrics WHERE segment_id = :p1 AND unique_users = 0
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.touched
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.silver_mark
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.new_daily
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.new_people
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.leavers
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.people_before
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.people_after
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.members_before
-- parameters

-- step: drop the incremental working tables
DROP TABLE IF EXISTS temp.members_after
-- parameters

-- sizes
SELECT (SELECT COUNT(*) FROM temp.touched), (SELECT COUNT(*) FROM audience_profiles)
-- parameters
-- data as of after adding
SELECT MAX(d) AS as_of FROM (SELECT MAX(last_seen) AS d FROM audience_profiles UNION ALL SELECT MAX(day) FROM temp.new_daily)
-- parameters
