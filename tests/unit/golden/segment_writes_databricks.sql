MERGE INTO `main`.`ad_segments`.gold_segments AS t USING (SELECT :p1 AS segment_id, :p2 AS advertiser_id, :p3 AS name, :p4 AS name_key, :p5 AS description, :p6 AS status, :p7 AS definition, :p8 AS definition_hash, CAST(:p9 AS BIGINT) AS version, current_user() AS created_by, :p10 AS created_at, current_user() AS updated_by, :p11 AS updated_at, :p12 AS deleted_at) AS s ON t.segment_id = s.segment_id WHEN NOT MATCHED THEN INSERT (segment_id, advertiser_id, name, name_key, description, status, definition, definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at) VALUES (s.segment_id, s.advertiser_id, s.name, s.name_key, s.description, s.status, s.definition, s.definition_hash, s.version, s.created_by, s.created_at, s.updated_by, s.updated_at, s.deleted_at)
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = adv-pixel
-- :p3 STRING = Mobile Gamers 18-34
-- :p4 STRING = mobile gamers 18-34
-- :p5 STRING = Young mobile players
-- :p6 STRING = active
-- :p7 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p8 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p9 INT = 2
-- :p10 STRING = 2026-11-01T09:30:00.000Z
-- :p11 STRING = 2026-11-02T10:15:00.000Z
-- :p12 STRING = 

MERGE INTO `main`.`ad_segments`.gold_segments AS t USING (SELECT :p1 AS segment_id, CAST(:p2 AS BIGINT) AS base_version) AS s ON t.segment_id = s.segment_id AND t.version = s.base_version WHEN MATCHED THEN UPDATE SET name = :p3, name_key = :p4, description = :p5, status = :p6, definition = :p7, definition_hash = :p8, version = CAST(:p9 AS BIGINT), updated_by = current_user(), updated_at = :p10, deleted_at = :p11
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 INT = 1
-- :p3 STRING = Mobile Gamers 18-34
-- :p4 STRING = mobile gamers 18-34
-- :p5 STRING = Young mobile players
-- :p6 STRING = active
-- :p7 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p8 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p9 INT = 2
-- :p10 STRING = 2026-11-02T10:15:00.000Z
-- :p11 STRING = 

MERGE INTO `main`.`ad_segments`.gold_segment_versions AS t USING (SELECT :p1 AS segment_id, CAST(:p2 AS BIGINT) AS version, :p3 AS change, :p4 AS name, :p5 AS description, :p6 AS status, :p7 AS definition, :p8 AS definition_hash, current_user() AS changed_by, :p9 AS changed_at, :p10 AS change_key) AS s ON t.segment_id = s.segment_id AND t.version = s.version WHEN NOT MATCHED THEN INSERT (segment_id, version, change, name, description, status, definition, definition_hash, changed_by, changed_at, change_key) VALUES (s.segment_id, s.version, s.change, s.name, s.description, s.status, s.definition, s.definition_hash, s.changed_by, s.changed_at, s.change_key)
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 INT = 2
-- :p3 STRING = updated
-- :p4 STRING = Mobile Gamers 18-34
-- :p5 STRING = Young mobile players
-- :p6 STRING = active
-- :p7 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p8 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p9 STRING = 2026-11-02T10:15:00.000Z
-- :p10 STRING = 

MERGE INTO `main`.`ad_segments`.gold_segment_versions AS t USING (SELECT :p1 AS segment_id, CAST(:p2 AS BIGINT) AS version, :p3 AS change, :p4 AS name, :p5 AS description, :p6 AS status, :p7 AS definition, :p8 AS definition_hash, current_user() AS changed_by, :p9 AS changed_at, :p10 AS change_key) AS s ON t.segment_id = s.segment_id AND t.version = s.version WHEN MATCHED THEN UPDATE SET change = s.change, name = s.name, description = s.description, status = s.status, definition = s.definition, definition_hash = s.definition_hash, changed_by = s.changed_by, changed_at = s.changed_at, change_key = s.change_key WHEN NOT MATCHED THEN INSERT (segment_id, version, change, name, description, status, definition, definition_hash, changed_by, changed_at, change_key) VALUES (s.segment_id, s.version, s.change, s.name, s.description, s.status, s.definition, s.definition_hash, s.changed_by, s.changed_at, s.change_key)
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 INT = 2
-- :p3 STRING = updated
-- :p4 STRING = Mobile Gamers 18-34
-- :p5 STRING = Young mobile players
-- :p6 STRING = active
-- :p7 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p8 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p9 STRING = 2026-11-02T10:15:00.000Z
-- :p10 STRING = 

