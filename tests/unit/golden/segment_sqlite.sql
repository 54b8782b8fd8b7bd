SELECT segment_id, advertiser_id, name, description, status, definition, definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at FROM gold_segments WHERE segment_id = :p1
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001

SELECT segment_id, advertiser_id, name, description, status, definition, definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at FROM gold_segments WHERE segment_id IN (:p1, :p2)
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = other

SELECT segment_id, advertiser_id, name, description, status, definition, definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at FROM gold_segments WHERE 1 = 1 AND advertiser_id = :p1 AND (name_key LIKE :p2 ESCAPE '!' OR lower(description) LIKE :p3 ESCAPE '!') AND status = :p4 AND deleted_at IS NULL ORDER BY updated_at DESC, segment_id LIMIT 50
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = %gamers!_100!%%
-- :p3 STRING = %gamers!_100!%%
-- :p4 STRING = active

SELECT name_key FROM gold_segments WHERE advertiser_id = :p2 AND deleted_at IS NULL AND segment_id <> :p1
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 STRING = adv-pixel

SELECT segment_id, version, change, name, description, status, definition, definition_hash, changed_by, changed_at, change_key FROM gold_segment_versions WHERE segment_id = :p1 ORDER BY version
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001

SELECT advertiser_id, name, currency FROM advertisers ORDER BY name, advertiser_id
-- parameters

SELECT COUNT(*) AS n FROM advertisers WHERE advertiser_id = :p1
-- parameters
-- :p1 STRING = adv-pixel

SELECT MAX(last_seen) AS as_of FROM audience_profiles
-- parameters

INSERT INTO gold_segments (segment_id, advertiser_id, name, name_key, description, status, definition, definition_hash, version, created_by, created_at, updated_by, updated_at, deleted_at) VALUES (:p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11, :p12, :p13, :p14)
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
-- :p10 STRING = sam
-- :p11 STRING = 2026-11-01T09:30:00.000Z
-- :p12 STRING = kim
-- :p13 STRING = 2026-11-02T10:15:00.000Z
-- :p14 STRING = 

UPDATE gold_segments SET name = :p1, name_key = :p2, description = :p3, status = :p4, definition = :p5, definition_hash = :p6, version = :p7, updated_by = :p8, updated_at = :p9, deleted_at = :p10 WHERE segment_id = :p12 AND version = :p11
-- parameters
-- :p1 STRING = Mobile Gamers 18-34
-- :p2 STRING = mobile gamers 18-34
-- :p3 STRING = Young mobile players
-- :p4 STRING = active
-- :p5 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p6 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p7 INT = 2
-- :p8 STRING = kim
-- :p9 STRING = 2026-11-02T10:15:00.000Z
-- :p10 STRING = 
-- :p11 INT = 1
-- :p12 STRING = 3f1e0c8a-0000-4000-8000-000000000001

INSERT INTO gold_segment_versions (segment_id, version, change, name, description, status, definition, definition_hash, changed_by, changed_at, change_key) VALUES (:p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9, :p10, :p11)
-- parameters
-- :p1 STRING = 3f1e0c8a-0000-4000-8000-000000000001
-- :p2 INT = 2
-- :p3 STRING = updated
-- :p4 STRING = Mobile Gamers 18-34
-- :p5 STRING = Young mobile players
-- :p6 STRING = active
-- :p7 STRING = {"root":{"children":[{"dimension":"country","values":["US"]}],"op":"and"},"schema_version":1}
-- :p8 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p9 STRING = kim
-- :p10 STRING = 2026-11-02T10:15:00.000Z
-- :p11 STRING = 

INSERT INTO advertisers (advertiser_id, name, currency) VALUES (:p3, :p2, :p1) ON CONFLICT (advertiser_id) DO UPDATE SET name = excluded.name, currency = excluded.currency
-- parameters
-- :p1 STRING = USD
-- :p2 STRING = Pixel Outdoor
-- :p3 STRING = adv-pixel

SELECT reach FROM segment_reach_cache WHERE segment_id = :p3 AND definition_hash = :p2 AND as_of = :p1
-- parameters
-- :p1 STRING = 2026-11-24
-- :p2 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p3 STRING = 3f1e0c8a-0000-4000-8000-000000000001

INSERT INTO segment_reach_cache (segment_id, definition_hash, as_of, reach) VALUES (:p4, :p3, :p2, :p1) ON CONFLICT (segment_id) DO UPDATE SET definition_hash = excluded.definition_hash, as_of = excluded.as_of, reach = excluded.reach
-- parameters
-- :p1 INT = 1234
-- :p2 STRING = 2026-11-24
-- :p3 STRING = 23abc55fb5a91a7f6d9e4d1bd74533308169bdf4d161a03b73a8c16e7563b517
-- :p4 STRING = 3f1e0c8a-0000-4000-8000-000000000001

DELETE FROM segment_reach_cache
-- parameters

