SELECT advertiser_id, principal, role, granted_by, granted_at FROM advertiser_access WHERE advertiser_id = :p1 ORDER BY advertiser_id, principal
-- parameters
-- :p1 STRING = adv-pixel

SELECT advertiser_id, principal, role, granted_by, granted_at FROM advertiser_access ORDER BY advertiser_id, principal
-- parameters

SELECT sb_access_rows() AS grants, m.advertiser_id, m.role FROM (SELECT 1 AS one) o LEFT JOIN advertiser_access m ON m.principal = CURRENT_USER ORDER BY m.advertiser_id
-- parameters

SELECT sb_access_rows() AS grants, (SELECT a.role FROM advertiser_access a WHERE a.advertiser_id = :p1 AND a.principal = CURRENT_USER) AS role, (SELECT v.name FROM advertisers v WHERE v.advertiser_id = :p2) AS advertiser_name
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = adv-pixel

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, CURRENT_USER, 'owner', CURRENT_USER, :p2 WHERE NOT EXISTS (SELECT 1 FROM advertiser_access)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 2026-11-02T10:15:00.000Z

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, CURRENT_USER, 'owner', CURRENT_USER, :p2 WHERE EXISTS (SELECT 1 FROM advertiser_access) AND NOT EXISTS (SELECT 1 FROM advertiser_access x WHERE x.advertiser_id = :p3)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = 2026-11-02T10:15:00.000Z
-- :p3 STRING = adv-pixel

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) VALUES (:p1, :p2, :p3, CURRENT_USER, :p4) ON CONFLICT (advertiser_id, principal) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = kim@example.com
-- :p3 STRING = editor
-- :p4 STRING = 2026-11-02T10:15:00.000Z

DELETE FROM advertiser_access WHERE advertiser_id = :p2 AND principal = :p1
-- parameters
-- :p1 STRING = kim@example.com
-- :p2 STRING = adv-pixel

