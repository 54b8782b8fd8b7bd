SELECT current_user AS user_name, current_database() AS database_name, current_setting('server_version') AS server_version
-- parameters

SELECT t.name AS table_name, to_regclass(t.name) IS NOT NULL AS present, COALESCE(has_table_privilege(to_regclass(t.name), 'SELECT'), false) AS can_select, COALESCE(has_table_privilege(to_regclass(t.name), 'INSERT'), false) AS can_insert, COALESCE(has_table_privilege(to_regclass(t.name), 'UPDATE'), false) AS can_update, COALESCE(has_table_privilege(to_regclass(t.name), 'DELETE'), false) AS can_delete FROM (VALUES (:p2, :p1), (:p4, :p3)) AS t(name, position) ORDER BY t.position
-- parameters
-- :p1 INT = 0
-- :p2 STRING = gold_segments
-- :p3 INT = 1
-- :p4 STRING = advertisers
