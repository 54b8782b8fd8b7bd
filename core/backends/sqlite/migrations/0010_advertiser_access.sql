-- Roles per advertiser, the same table as on the shared backends (core/domain/advertiser_access.h).
-- The local workspace has one user, the OS user, who owns every advertiser: rows here are kept
-- (an export or a later move to a shared workspace can carry them) but nothing is enforced.
CREATE TABLE advertiser_access (
  advertiser_id TEXT NOT NULL REFERENCES advertisers (advertiser_id),
  principal     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'owner')),
  granted_by    TEXT NOT NULL,
  granted_at    TEXT NOT NULL,
  PRIMARY KEY (advertiser_id, principal)
);
