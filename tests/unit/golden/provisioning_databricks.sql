-- schema main.ad_segments
CREATE SCHEMA IF NOT EXISTS `main`.`ad_segments` COMMENT 'Advertiser Segment Builder: segments and analytics'
-- table advertisers
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`advertisers` (advertiser_id STRING NOT NULL COMMENT 'Stable advertiser key', name STRING NOT NULL COMMENT 'Display name') USING DELTA COMMENT 'Advertisers that own audience segments.'
-- table advertiser_access
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`advertiser_access` (advertiser_id STRING NOT NULL, principal STRING NOT NULL COMMENT 'User e-mail, service principal id or group', role STRING NOT NULL COMMENT 'viewer | editor | owner', granted_by STRING NOT NULL, granted_at STRING NOT NULL COMMENT 'ISO 8601 UTC') USING DELTA COMMENT 'Roles per advertiser: viewer reads, editor also writes, owner also grants.'
-- table gold_segments
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`gold_segments` (segment_id STRING NOT NULL COMMENT 'UUID', advertiser_id STRING NOT NULL, name STRING NOT NULL, name_key STRING NOT NULL COMMENT 'Trimmed, case-folded name for uniqueness per advertiser', description STRING NOT NULL, status STRING NOT NULL COMMENT 'draft | active | archived', definition STRING NOT NULL COMMENT 'Condition tree as JSON (schema_version 1)', definition_hash STRING NOT NULL, version BIGINT NOT NULL COMMENT '+1 on every change; writes are guarded by it', created_by STRING NOT NULL, created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_by STRING NOT NULL, updated_at STRING NOT NULL, deleted_at STRING COMMENT 'Set when soft-deleted') USING DELTA COMMENT 'Audience segments: one row per segment, current version (soft-deleted rows keep deleted_at).'
-- table gold_segment_versions
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`gold_segment_versions` (segment_id STRING NOT NULL, version BIGINT NOT NULL, change STRING NOT NULL COMMENT 'created | updated | deleted | restored | imported', name STRING NOT NULL, description STRING NOT NULL, status STRING NOT NULL, definition STRING NOT NULL, definition_hash STRING NOT NULL, changed_by STRING NOT NULL, changed_at STRING NOT NULL) USING DELTA COMMENT 'Every version of every segment (history, diff, restore).'
-- table bronze_impressions
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`bronze_impressions` (event_id STRING, event_time STRING, advertiser_id STRING, campaign_id STRING, user_id STRING, age STRING, gender STRING, country STRING, region STRING, device STRING, interests STRING, event_type STRING, cost_micros STRING, source_file STRING NOT NULL, ingest_time TIMESTAMP NOT NULL, ingest_batch STRING NOT NULL COMMENT 'One import of one file', source_line BIGINT COMMENT 'Line in the file') USING DELTA COMMENT 'Raw impression, click and conversion events as they arrive; nothing is dropped.'
-- table silver_impressions
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`silver_impressions` (event_id STRING NOT NULL, event_time TIMESTAMP NOT NULL, event_date DATE NOT NULL, advertiser_id STRING NOT NULL, campaign_id STRING NOT NULL, user_id STRING NOT NULL, age_bucket STRING NOT NULL, gender STRING NOT NULL, country STRING NOT NULL, region STRING, device STRING NOT NULL, interests STRING NOT NULL, event_type STRING NOT NULL, cost_micros BIGINT NOT NULL) USING DELTA COMMENT 'Cleaned events: deduplicated by event_id, validated and normalised.'
-- table silver_quarantine
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`silver_quarantine` (ingest_batch STRING NOT NULL, source_line BIGINT, source_file STRING, event_id STRING, reason STRING NOT NULL, quarantined_at TIMESTAMP NOT NULL) USING DELTA COMMENT 'Bronze rows rejected by cleaning, with the reason.'
-- table pipeline_batches
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`pipeline_batches` (batch_id STRING NOT NULL, claimed_at TIMESTAMP NOT NULL, done_at TIMESTAMP) USING DELTA COMMENT 'Bronze batches a refresh claimed, and when it finished cleaning them.'
-- table pipeline_job_values
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`pipeline_job_values` (statement_no BIGINT NOT NULL, name STRING NOT NULL, value STRING) USING DELTA COMMENT 'Values the scheduled refresh job reads; its SQL file holds none (RefreshScript).'
-- table ref_values
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`ref_values` (dimension STRING NOT NULL, value STRING NOT NULL) USING DELTA COMMENT 'Values of the criteria catalogue (age, country, region, device, event) that cleaning accepts.'
-- table audience_profiles
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`audience_profiles` (user_id STRING NOT NULL, age_bucket STRING NOT NULL, gender STRING NOT NULL, country STRING NOT NULL, region STRING, interests STRING NOT NULL, devices STRING NOT NULL, first_seen DATE NOT NULL, last_seen DATE NOT NULL) USING DELTA COMMENT 'One row per person: current attributes; interests and devices as |a|b| lists.'
-- table audience_activity
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`audience_activity` (event_type STRING NOT NULL, day DATE NOT NULL, user_id STRING NOT NULL, events BIGINT NOT NULL) USING DELTA COMMENT 'Events per person, type and day, for behaviour windows.'
-- table gold_segment_daily_metrics
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`gold_segment_daily_metrics` (segment_id STRING NOT NULL, day DATE NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, conversions BIGINT NOT NULL, unique_users BIGINT NOT NULL, spend_micros BIGINT NOT NULL) USING DELTA COMMENT 'Per segment and day: impressions, clicks, conversions, unique users, spend.'
-- table saved_comparisons
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`saved_comparisons` (comparison_id STRING NOT NULL COMMENT 'UUID', name STRING NOT NULL, name_key STRING NOT NULL COMMENT 'Trimmed, case-folded name; unique', segment_ids STRING NOT NULL COMMENT 'JSON array of 2-6 segment ids in display order', first_day STRING COMMENT 'ISO date; NULL with last_day: the last 30 days with data', last_day STRING, created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_at STRING NOT NULL) USING DELTA COMMENT 'Comparisons saved by name, shared by everyone using the schema.'
-- table customer_identifiers
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`customer_identifiers` (user_id STRING NOT NULL COMMENT 'The user_id of the events and audience_profiles; one row each', email STRING COMMENT 'E-mail address as known', phone STRING COMMENT 'Phone number, E.164 (+44...) preferred; else national, read with country', first_name STRING, last_name STRING, city STRING, region STRING COMMENT 'State or region (ISO 3166-2 or its name)', postal_code STRING, country STRING COMMENT 'ISO 3166-1 alpha-2', birth_date DATE) USING DELTA COMMENT 'Who each user_id is, filled by the data engineers: one row per user, NULL for unknown. Plain personal data: the app reads the rows of the members of a segment and hashes them on the workstation before any leaves it.'
-- table gold_experiments
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`gold_experiments` (experiment_id STRING NOT NULL COMMENT 'UUID', advertiser_id STRING NOT NULL, segment_id STRING NOT NULL, name STRING NOT NULL, experiment_key STRING NOT NULL COMMENT 'Unique in the schema; seeds the assignment', seed STRING NOT NULL COMMENT 'Empty: the key seeds the assignment', arms STRING NOT NULL COMMENT 'JSON array of {name, weight}; the first arm is the control', holdout_basis_points BIGINT NOT NULL COMMENT 'Holdout in hundredths of a percent', start_date STRING NOT NULL COMMENT 'YYYY-MM-DD', end_date STRING COMMENT 'YYYY-MM-DD; NULL: open-ended', primary_metric STRING NOT NULL COMMENT 'ctr | cvr | conversions_per_user | spend_per_user', status STRING NOT NULL COMMENT 'draft | running | stopped', version BIGINT NOT NULL COMMENT '+1 on every change; writes are guarded by it', created_by STRING NOT NULL, created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_by STRING NOT NULL, updated_at STRING NOT NULL) USING DELTA COMMENT 'A/B experiments on segments: one row per experiment, current version.'
-- table gold_experiment_versions
CREATE TABLE IF NOT EXISTS `main`.`ad_segments`.`gold_experiment_versions` (experiment_id STRING NOT NULL, advertiser_id STRING NOT NULL, segment_id STRING NOT NULL, name STRING NOT NULL, experiment_key STRING NOT NULL, seed STRING NOT NULL, arms STRING NOT NULL, holdout_basis_points BIGINT NOT NULL, start_date STRING NOT NULL, end_date STRING, primary_metric STRING NOT NULL, status STRING NOT NULL, version BIGINT NOT NULL, created_by STRING NOT NULL, created_at STRING NOT NULL, updated_by STRING NOT NULL, updated_at STRING NOT NULL, change STRING NOT NULL COMMENT 'created | updated | stopped') USING DELTA COMMENT 'Every version of every experiment (history).'
-- function sb_advertiser_visible
CREATE OR REPLACE FUNCTION `main`.`ad_segments`.`sb_advertiser_visible`(advertiser STRING) RETURNS BOOLEAN RETURN NOT EXISTS (SELECT 1 FROM `main`.`ad_segments`.`advertiser_access`) OR EXISTS (SELECT 1 FROM `main`.`ad_segments`.`advertiser_access` a WHERE a.advertiser_id = advertiser AND a.principal = current_user())
-- function sb_segment_visible
CREATE OR REPLACE FUNCTION `main`.`ad_segments`.`sb_segment_visible`(segment STRING) RETURNS BOOLEAN RETURN EXISTS (SELECT 1 FROM `main`.`ad_segments`.`gold_segments` s WHERE s.segment_id = segment AND `main`.`ad_segments`.`sb_advertiser_visible`(s.advertiser_id))
-- row filter on advertisers
ALTER TABLE `main`.`ad_segments`.`advertisers` SET ROW FILTER `main`.`ad_segments`.`sb_advertiser_visible` ON (advertiser_id)
-- row filter on gold_segments
ALTER TABLE `main`.`ad_segments`.`gold_segments` SET ROW FILTER `main`.`ad_segments`.`sb_advertiser_visible` ON (advertiser_id)
-- row filter on gold_segment_versions
ALTER TABLE `main`.`ad_segments`.`gold_segment_versions` SET ROW FILTER `main`.`ad_segments`.`sb_segment_visible` ON (segment_id)
-- row filter on gold_segment_daily_metrics
ALTER TABLE `main`.`ad_segments`.`gold_segment_daily_metrics` SET ROW FILTER `main`.`ad_segments`.`sb_segment_visible` ON (segment_id)
-- row filter on gold_experiments
ALTER TABLE `main`.`ad_segments`.`gold_experiments` SET ROW FILTER `main`.`ad_segments`.`sb_advertiser_visible` ON (advertiser_id)
-- row filter on gold_experiment_versions
ALTER TABLE `main`.`ad_segments`.`gold_experiment_versions` SET ROW FILTER `main`.`ad_segments`.`sb_advertiser_visible` ON (advertiser_id)
-- volume landing
CREATE VOLUME IF NOT EXISTS `main`.`ad_segments`.`landing` COMMENT 'Events files uploaded for COPY INTO bronze_impressions'
