SELECT advertiser_id, principal, role, granted_by, granted_at FROM `main`.`ad_segments`.advertiser_access WHERE advertiser_id = :p1 ORDER BY advertiser_id, principal
-- parameters
-- :p1 STRING = adv-pixel

SELECT advertiser_id, principal, role, granted_by, granted_at FROM `main`.`ad_segments`.advertiser_access ORDER BY advertiser_id, principal
-- parameters

SELECT (SELECT COUNT(*) FROM `main`.`ad_segments`.advertiser_access) AS grants, m.advertiser_id, m.role FROM (SELECT 1 AS one) o LEFT JOIN `main`.`ad_segments`.advertiser_access m ON m.principal = current_user() ORDER BY m.advertiser_id
-- parameters

SELECT (SELECT COUNT(*) FROM `main`.`ad_segments`.advertiser_access) AS grants, (SELECT a.role FROM `main`.`ad_segments`.advertiser_access a WHERE a.advertiser_id = :p1 AND a.principal = current_user()) AS role, (SELECT v.name FROM `main`.`ad_segments`.advertisers v WHERE v.advertiser_id = :p2) AS advertiser_name
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = adv-pixel

INSERT INTO `main`.`ad_segments`.advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, current_user(), 'owner', current_user(), :p2 WHERE NOT EXISTS (SELECT 1 FROM `main`.`ad_segments`.advertiser_access)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 2026-11-02T10:15:00.000Z

INSERT INTO `main`.`ad_segments`.advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, current_user(), 'owner', current_user(), :p2 WHERE EXISTS (SELECT 1 FROM `main`.`ad_segments`.advertiser_access) AND NOT EXISTS (SELECT 1 FROM `main`.`ad_segments`.advertiser_access x WHERE x.advertiser_id = :p3)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 2026-11-02T10:15:00.000Z
-- :p3 STRING = adv-pixel

MERGE INTO `main`.`ad_segments`.advertiser_access AS t USING (SELECT :p1 AS advertiser_id, :p2 AS principal, :p3 AS role, current_user() AS granted_by, :p4 AS granted_at) AS s ON t.advertiser_id = s.advertiser_id AND t.principal = s.principal WHEN MATCHED THEN UPDATE SET role = s.role, granted_by = s.granted_by, granted_at = s.granted_at WHEN NOT MATCHED THEN INSERT (advertiser_id, principal, role, granted_by, granted_at) VALUES (s.advertiser_id, s.principal, s.role, s.granted_by, s.granted_at)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = kim@example.com
-- :p3 STRING = editor
-- :p4 STRING = 2026-11-02T10:15:00.000Z

DELETE FROM `main`.`ad_segments`.advertiser_access WHERE advertiser_id = :p2 AND principal = :p1
-- parameters
-- :p1 STRING = kim@example.com
-- :p2 STRING = adv-pixel

