SELECT s.segment_id, m.day, m.impressions, m.clicks, m.conversions, m.unique_users, m.spend_micros FROM gold_segments s LEFT JOIN gold_segment_daily_metrics m ON m.segment_id = s.segment_id AND m.day >= :p2 WHERE s.deleted_at IS NULL AND s.advertiser_id = :p1 ORDER BY s.segment_id, m.day
-- parameters
-- :p1 STRING = adv-northwind
-- :p2 DATE = 2026-03-01
