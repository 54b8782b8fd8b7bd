-- The devices of audience_profiles are now listed in byte order (sb_list_of), as on PostgreSQL and
-- Databricks, so the incremental refresh can merge a person's list with the devices of their new
-- events instead of reading all their events again. Lists of before are in the order the events
-- were read: the audience is rebuilt from silver when the workspace opens.
INSERT INTO pipeline_state (key, value)
SELECT 'audience_rebuild_needed', '1' WHERE EXISTS (SELECT 1 FROM silver_impressions)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
