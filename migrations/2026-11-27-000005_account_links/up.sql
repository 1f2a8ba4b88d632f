-- One-time links. Only the SHA-256 of the token is stored (hex), never the token.

-- An organisation admin invites someone to a role in that organisation.
CREATE TABLE invitations (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  organisation_kind text NOT NULL,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  role text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind),
  CONSTRAINT invitations_role_fits_kind CHECK (
       (organisation_kind = 'structure' AND role IN ('admin', 'staff', 'volunteer', 'viewer'))
    OR (organisation_kind = 'referrer' AND role IN ('admin', 'referrer'))
    OR (organisation_kind = 'network' AND role = 'coordinator'))
);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_tenant ON invitations
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
-- Whoever holds the token (and so its hash) may read and redeem that one invitation.
CREATE POLICY invitations_by_token ON invitations
  USING (token_hash = app_token_hash());

GRANT SELECT, INSERT, UPDATE ON invitations TO solidaires_app;

-- Password reset links, issued by an organisation admin or requested by email.
CREATE TABLE password_resets (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
GRANT SELECT, INSERT, UPDATE ON password_resets TO solidaires_app;
