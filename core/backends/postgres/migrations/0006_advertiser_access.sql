-- Roles per advertiser (core/domain/advertiser_access.h): viewer reads, editor also writes, owner
-- also grants. Enforced by row-level security for every role that does not own the tables (the
-- migrating role owns them and is the workspace's administrator). A database without any access
-- row is unmanaged: everyone who can connect owns every advertiser, as before roles existed; the
-- first grant (made by an owner, so anyone while unmanaged) makes its granter the owner.
CREATE TABLE advertiser_access (
  advertiser_id TEXT NOT NULL REFERENCES advertisers (advertiser_id),
  principal     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'owner')),
  granted_by    TEXT NOT NULL,
  granted_at    TEXT NOT NULL,
  PRIMARY KEY (advertiser_id, principal)
);
CREATE INDEX advertiser_access_principal ON advertiser_access (principal);

-- The role of a principal on an advertiser ('owner' while the database has no access row; NULL
-- when none). SECURITY DEFINER so the policies can read advertiser_access whatever its own policy
-- lets the caller see; the caller's CURRENT_USER is passed in by the policies.
CREATE FUNCTION sb_advertiser_role(advertiser TEXT, who TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM advertiser_access) THEN 'owner'
              ELSE (SELECT a.role FROM advertiser_access a WHERE a.advertiser_id = advertiser AND a.principal = who) END
$$;
-- How many access rows there are (0: unmanaged), whatever the caller may see of them.
CREATE FUNCTION sb_access_rows() RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT COUNT(*) FROM advertiser_access
$$;
CREATE FUNCTION sb_can_read(advertiser TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT sb_advertiser_role(advertiser, CAST(CURRENT_USER AS TEXT)) IS NOT NULL
$$;
CREATE FUNCTION sb_can_edit(advertiser TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sb_advertiser_role(advertiser, CAST(CURRENT_USER AS TEXT)) IN ('editor', 'owner'), FALSE)
$$;
CREATE FUNCTION sb_can_grant(advertiser TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT COALESCE(sb_advertiser_role(advertiser, CAST(CURRENT_USER AS TEXT)) = 'owner', FALSE)
$$;
-- The advertiser of a segment, for the tables keyed by segment (read past the caller's policies).
CREATE FUNCTION sb_segment_advertiser(segment TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT s.advertiser_id FROM gold_segments s WHERE s.segment_id = segment
$$;

ALTER TABLE advertiser_access ENABLE ROW LEVEL SECURITY;
CREATE POLICY access_read ON advertiser_access FOR SELECT USING (sb_can_read(advertiser_id));
CREATE POLICY access_insert ON advertiser_access FOR INSERT WITH CHECK (sb_can_grant(advertiser_id));
CREATE POLICY access_update ON advertiser_access FOR UPDATE USING (sb_can_grant(advertiser_id)) WITH CHECK (sb_can_grant(advertiser_id));
CREATE POLICY access_delete ON advertiser_access FOR DELETE USING (sb_can_grant(advertiser_id));

-- Anyone may add an advertiser (its creator becomes its owner in a managed database); only its
-- owners rename it.
ALTER TABLE advertisers ENABLE ROW LEVEL SECURITY;
CREATE POLICY advertisers_read ON advertisers FOR SELECT USING (sb_can_read(advertiser_id));
CREATE POLICY advertisers_insert ON advertisers FOR INSERT WITH CHECK (TRUE);
CREATE POLICY advertisers_update ON advertisers FOR UPDATE USING (sb_can_grant(advertiser_id));
CREATE POLICY advertisers_delete ON advertisers FOR DELETE USING (sb_can_grant(advertiser_id));

ALTER TABLE gold_segments ENABLE ROW LEVEL SECURITY;
CREATE POLICY segments_read ON gold_segments FOR SELECT USING (sb_can_read(advertiser_id));
CREATE POLICY segments_insert ON gold_segments FOR INSERT WITH CHECK (sb_can_edit(advertiser_id));
CREATE POLICY segments_update ON gold_segments FOR UPDATE USING (sb_can_edit(advertiser_id)) WITH CHECK (sb_can_edit(advertiser_id));
CREATE POLICY segments_delete ON gold_segments FOR DELETE USING (sb_can_edit(advertiser_id));

ALTER TABLE gold_segment_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY segment_versions_read ON gold_segment_versions FOR SELECT USING (sb_can_read(sb_segment_advertiser(segment_id)));
CREATE POLICY segment_versions_insert ON gold_segment_versions FOR INSERT WITH CHECK (sb_can_edit(sb_segment_advertiser(segment_id)));
CREATE POLICY segment_versions_update ON gold_segment_versions FOR UPDATE USING (sb_can_edit(sb_segment_advertiser(segment_id)));
CREATE POLICY segment_versions_delete ON gold_segment_versions FOR DELETE USING (sb_can_edit(sb_segment_advertiser(segment_id)));

-- Metrics are written by the refresh (run by the tables' owner or an editor of the segments).
ALTER TABLE gold_segment_daily_metrics ENABLE ROW LEVEL SECURITY;
CREATE POLICY metrics_read ON gold_segment_daily_metrics FOR SELECT USING (sb_can_read(sb_segment_advertiser(segment_id)));
CREATE POLICY metrics_insert ON gold_segment_daily_metrics FOR INSERT WITH CHECK (sb_can_edit(sb_segment_advertiser(segment_id)));
CREATE POLICY metrics_update ON gold_segment_daily_metrics FOR UPDATE USING (sb_can_edit(sb_segment_advertiser(segment_id)));
CREATE POLICY metrics_delete ON gold_segment_daily_metrics FOR DELETE USING (sb_can_edit(sb_segment_advertiser(segment_id)));

ALTER TABLE gold_experiments ENABLE ROW LEVEL SECURITY;
CREATE POLICY experiments_read ON gold_experiments FOR SELECT USING (sb_can_read(advertiser_id));
CREATE POLICY experiments_insert ON gold_experiments FOR INSERT WITH CHECK (sb_can_edit(advertiser_id));
CREATE POLICY experiments_update ON gold_experiments FOR UPDATE USING (sb_can_edit(advertiser_id)) WITH CHECK (sb_can_edit(advertiser_id));
CREATE POLICY experiments_delete ON gold_experiments FOR DELETE USING (sb_can_edit(advertiser_id));

ALTER TABLE gold_experiment_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY experiment_versions_read ON gold_experiment_versions FOR SELECT USING (sb_can_read(advertiser_id));
CREATE POLICY experiment_versions_insert ON gold_experiment_versions FOR INSERT WITH CHECK (sb_can_edit(advertiser_id));
CREATE POLICY experiment_versions_update ON gold_experiment_versions FOR UPDATE USING (sb_can_edit(advertiser_id));
CREATE POLICY experiment_versions_delete ON gold_experiment_versions FOR DELETE USING (sb_can_edit(advertiser_id));
