SELECT advertiser_id, principal, role, granted_by, granted_at FROM advertiser_access WHERE advertiser_id = :p1 ORDER BY advertiser_id, principal
-- parameters
-- :p1 STRING = adv-pixel

SELECT advertiser_id, principal, role, granted_by, granted_at FROM advertiser_access ORDER BY advertiser_id, principal
-- parameters

SELECT (SELECT COUNT(*) FROM advertiser_access) AS grants, m.advertiser_id, m.role FROM (SELECT 1 AS one) o LEFT JOIN advertiser_access m ON m.principal = :p1 ORDER BY m.advertiser_id
-- parameters
-- :p1 STRING = os-user

SELECT (SELECT COUNT(*) FROM advertiser_access) AS grants, (SELECT a.role FROM advertiser_access a WHERE a.advertiser_id = :p1 AND a.principal = :p2) AS role, (SELECT v.name FROM advertisers v WHERE v.advertiser_id = :p3) AS advertiser_name
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = os-user
-- :p3 STRING = adv-pixel

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, :p2, 'owner', :p3, :p4 WHERE NOT EXISTS (SELECT 1 FROM advertiser_access)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = os-user
-- :p3 STRING = os-user
-- :p4 STRING = 2026-11-02T10:15:00.000Z

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) SELECT :p1, :p2, 'owner', :p3, :p4 WHERE EXISTS (SELECT 1 FROM advertiser_access) AND NOT EXISTS (SELECT 1 FROM advertiser_access x WHERE x.advertiser_id = :p5)
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = os-user
-- :p3 STRING = os-user
-- :p4 STRING = 2026-11-02T10:15:00.000Z
-- :p5 STRING = adv-pixel

INSERT INTO advertiser_access (advertiser_id, principal, role, granted_by, granted_at) VALUES (:p1, :p2, :p3, :p4, :p5) ON CONFLICT (advertiser_id, principal) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by, granted_at = excluded.granted_at
-- parameters
-- :p1 STRING = adv-pixel
-- :p2 STRING = kim@example.com
-- :p3 STRING = editor
-- :p4 STRING = os-user
-- :p5 STRING = 2026-11-02T10:15:00.000Z

DELETE FROM advertiser_access WHERE advertiser_id = :p2 AND principal = :p1
-- parameters
-- :p1 STRING = kim@example.com
-- :p2 STRING = adv-pixel

