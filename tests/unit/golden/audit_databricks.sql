MERGE INTO `main`.`ad_segments`.audit_log AS t USING (SELECT :p1 AS audit_id, :p2 AS changed_at, current_user() AS actor, :p3 AS advertiser_id, :p4 AS object_kind, :p5 AS object_id, :p6 AS action, CAST(:p7 AS BIGINT) AS object_version, :p8 AS before_json, :p9 AS after_json) AS s ON t.object_kind = s.object_kind AND t.object_id = s.object_id AND t.object_version = s.object_version WHEN NOT MATCHED THEN INSERT (audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json) VALUES (s.audit_id, s.changed_at, s.actor, s.advertiser_id, s.object_kind, s.object_id, s.action, s.object_version, s.before_json, s.after_json)
-- parameters
-- :p1 STRING = 6a0c1e62-4d3f-4b8e-9f7a-2c5d8e1b3a90
-- :p2 STRING = 2026-11-02T14:05:09.250Z
-- :p3 STRING = adv-1
-- :p4 STRING = segment
-- :p5 STRING = seg-1
-- :p6 STRING = updated
-- :p7 INT = 3
-- :p8 STRING = {"name":"Before"}
-- :p9 STRING = {"name":"After"}

MERGE INTO `main`.`ad_segments`.audit_log AS t USING (SELECT :p1 AS audit_id, :p2 AS changed_at, current_user() AS actor, :p3 AS advertiser_id, :p4 AS object_kind, :p5 AS object_id, :p6 AS action, CAST(:p7 AS BIGINT) AS object_version, :p8 AS before_json, :p9 AS after_json) AS s ON t.object_kind = s.object_kind AND t.object_id = s.object_id AND t.object_version = s.object_version WHEN NOT MATCHED THEN INSERT (audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json) VALUES (s.audit_id, s.changed_at, s.actor, s.advertiser_id, s.object_kind, s.object_id, s.action, s.object_version, s.before_json, s.after_json)
-- parameters
-- :p1 STRING = 6a0c1e62-4d3f-4b8e-9f7a-2c5d8e1b3a90
-- :p2 STRING = 2026-11-02T14:05:09.250Z
-- :p3 STRING = adv-1
-- :p4 STRING = segment
-- :p5 STRING = seg-1
-- :p6 STRING = created
-- :p7 INT = 1
-- :p8 STRING = 
-- :p9 STRING = {"name":"After"}

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM `main`.`ad_segments`.audit_log WHERE 1 = 1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 500
-- parameters

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM `main`.`ad_segments`.audit_log WHERE 1 = 1 AND advertiser_id = :p1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 500
-- parameters
-- :p1 STRING = adv-1

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM `main`.`ad_segments`.audit_log WHERE 1 = 1 AND object_id = :p1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 20
-- parameters
-- :p1 STRING = seg-1

