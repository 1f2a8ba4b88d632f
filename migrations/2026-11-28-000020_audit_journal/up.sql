-- The audit journal (decision 68): who did what, when, to which resource and with what
-- outcome; never the content of a personal field, a password or a token. Written by the
-- API's journal middleware after each write, each read of a family's file or a referral,
-- each export, each sign-in and each refusal.
--
-- Append-only: the request role may insert entries of the organisation in scope (or, with
-- none, an entry of no organisation: sign-ins) and read its organisation's; it holds no
-- UPDATE, DELETE or TRUNCATE privilege, and a trigger refuses those to every role but the
-- retention job (which deletes only entries past the retention period, as the owner).
CREATE TABLE audit_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- NULL for sign-ins and requests outside an organisation's scope.
  organisation_id uuid,
  -- NULL when nobody is known (a sign-in with an unknown address).
  user_id uuid,
  role text CHECK (role IN ('admin', 'staff', 'volunteer', 'viewer', 'referrer', 'coordinator', 'superadmin')),
  action text NOT NULL CHECK (action IN ('create', 'update', 'transition', 'delete', 'read', 'export', 'sign_in', 'sign_out')),
  resource_type text NOT NULL CHECK (length(resource_type) BETWEEN 1 AND 60),
  resource_id text CHECK (length(resource_id) <= 80),
  -- The route's pattern (`/orgs/{org_id}/households/{household_id}`), never the path's values.
  route text NOT NULL CHECK (length(route) <= 200),
  method text NOT NULL CHECK (method IN ('GET', 'POST', 'PUT', 'PATCH', 'DELETE')),
  request_id uuid,
  status smallint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'refused', 'failed'))
);

-- An organisation's journal, newest first, and its filters.
CREATE INDEX audit_entries_org_idx ON audit_entries (organisation_id, at DESC, id DESC);
CREATE INDEX audit_entries_user_idx ON audit_entries (user_id, at DESC, id DESC);
CREATE INDEX audit_entries_resource_idx ON audit_entries (organisation_id, resource_id, at DESC)
  WHERE resource_id IS NOT NULL;
-- The retention job's range. (A BRIN index, tried for its low upkeep, serialised concurrent
-- inserts on its last range: a b-tree it stays.)
CREATE INDEX audit_entries_at_idx ON audit_entries (at);

ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_entries FORCE ROW LEVEL SECURITY;

CREATE POLICY audit_entries_write ON audit_entries FOR INSERT
  WITH CHECK (organisation_id = app_org_id()
              OR (organisation_id IS NULL AND app_org_id() IS NULL));
-- An organisation reads its entries, and the sign-ins of its members.
CREATE POLICY audit_entries_read ON audit_entries FOR SELECT
  USING (organisation_id = app_org_id()
         OR (organisation_id IS NULL
             AND user_id IN (SELECT m.user_id FROM memberships m
                              WHERE m.organisation_id = app_org_id())));
-- Only the retention job, which says so for its transaction, deletes.
CREATE POLICY audit_entries_purge ON audit_entries FOR DELETE
  USING (current_setting('app.audit_purge', true) = 'on');

GRANT SELECT, INSERT ON audit_entries TO solidaires_app;

CREATE FUNCTION audit_entries_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('app.audit_purge', true) = 'on'
     AND current_user <> 'solidaires_app' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit journal is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
