SELECT s.segment_id, m.day, m.impressions, m.clicks, m.conversions, m.unique_users, m.spend_micros FROM `main`.`ad_segments`.gold_segments s LEFT JOIN `main`.`ad_segments`.gold_segment_daily_metrics m ON m.segment_id = s.segment_id AND m.day >= :p2 AND m.day <= :p3 WHERE s.segment_id = :p1 ORDER BY m.day
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 DATE = 2026-03-01
-- :p3 DATE = 2026-03-31
