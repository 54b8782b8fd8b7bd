INSERT INTO audit_log (audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json) VALUES (:p1, :p2, CURRENT_USER, :p3, :p4, :p5, :p6, :p7, :p8, :p9)
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

INSERT INTO audit_log (audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json) VALUES (:p1, :p2, CURRENT_USER, :p3, :p4, :p5, :p6, :p7, :p8, :p9)
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

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM audit_log WHERE 1 = 1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 500
-- parameters

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM audit_log WHERE 1 = 1 AND advertiser_id = :p1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 500
-- parameters
-- :p1 STRING = adv-1

SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, object_version, before_json, after_json FROM audit_log WHERE 1 = 1 AND object_id = :p1 ORDER BY changed_at DESC, object_version DESC, audit_id LIMIT 20
-- parameters
-- :p1 STRING = seg-1

