CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.report_job_values (report_name STRING NOT NULL, name STRING NOT NULL, value STRING) COMMENT 'The values of the segment reports scheduled as Databricks jobs, one row a value: advertiser_id, last_days, segment_id (one row each). Written by Segment Builder.'
-- parameters

DELETE FROM `main`.`ad_segments`.report_job_values WHERE report_name = :p1
-- parameters
-- :p1 STRING = weekly-northwind

INSERT INTO `main`.`ad_segments`.report_job_values (report_name, name, value) VALUES (:p1, 'advertiser_id', :p2), (:p1, 'last_days', :p3), (:p1, 'segment_id', :p4), (:p1, 'segment_id', :p5)
-- parameters
-- :p1 STRING = weekly-northwind
-- :p2 STRING = adv-northwind
-- :p3 STRING = 14
-- :p4 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p5 STRING = 3f1e0c8a-0000-4000-8000-000000000002

-- the job's file
-- Segment Builder: the segment report “weekly-northwind”, scheduled as a Databricks job.
-- The daily figures of its segments over the last days with data, as CSV in /Volumes/main/ad_segments/reports/weekly-northwind.
-- Its values (advertiser, segments, days) are rows of report_job_values.
INSERT OVERWRITE DIRECTORY '/Volumes/main/ad_segments/reports/weekly-northwind'
USING CSV OPTIONS ('header' 'true')
SELECT 'weekly-northwind' AS report, s.advertiser_id, a.currency, s.segment_id, s.name AS segment, m.day AS date, m.impressions, m.clicks, m.conversions, m.unique_users, CAST(m.spend_micros / 1000000.0 AS DECIMAL(20, 2)) AS spend
FROM `main`.`ad_segments`.gold_segments s
JOIN `main`.`ad_segments`.gold_segment_daily_metrics m ON m.segment_id = s.segment_id
JOIN `main`.`ad_segments`.advertisers a ON a.advertiser_id = s.advertiser_id
WHERE s.deleted_at IS NULL AND s.advertiser_id = (SELECT v.value FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'advertiser_id') AND (NOT EXISTS (SELECT 1 FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'segment_id') OR s.segment_id IN (SELECT v.value FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'segment_id'))
  AND m.day > date_sub((SELECT MAX(m2.day) FROM `main`.`ad_segments`.gold_segment_daily_metrics m2 JOIN `main`.`ad_segments`.gold_segments s2 ON s2.segment_id = m2.segment_id WHERE s2.deleted_at IS NULL AND s2.advertiser_id = (SELECT v.value FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'advertiser_id') AND (NOT EXISTS (SELECT 1 FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'segment_id') OR s2.segment_id IN (SELECT v.value FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'segment_id'))), CAST((SELECT v.value FROM `main`.`ad_segments`.report_job_values v WHERE v.report_name = 'weekly-northwind' AND v.name = 'last_days') AS INT))
ORDER BY s.name, s.segment_id, m.day;
