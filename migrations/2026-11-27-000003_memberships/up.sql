-- Who holds which role in which organisation. Tenant table: an organisation sees its own
-- members; a person also sees their own memberships (for /me and for the request's scope).
CREATE TABLE memberships (
  organisation_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_kind text NOT NULL,
  role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind),
  CONSTRAINT memberships_role_fits_kind CHECK (
       (organisation_kind = 'structure' AND role IN ('admin', 'staff', 'volunteer', 'viewer'))
    OR (organisation_kind = 'referrer' AND role IN ('admin', 'referrer'))
    OR (organisation_kind = 'network' AND role = 'coordinator'))
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_tenant ON memberships
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
CREATE POLICY memberships_own ON memberships FOR SELECT
  USING (user_id = app_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO solidaires_app;

CREATE FUNCTION count_memberships() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      UPDATE users SET membership_count = membership_count + 1 WHERE id = NEW.user_id;
      RETURN NEW;
    END IF;
    UPDATE users SET membership_count = membership_count - 1 WHERE id = OLD.user_id;
    RETURN OLD;
  END
  $$;
CREATE TRIGGER memberships_count AFTER INSERT OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION count_memberships();
