-- In-app notifications of an organisation (the referrer told of a state change, the
-- structure reminded of an unanswered referral).
CREATE TABLE notifications (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('referral_status', 'referral_reminder')),
  referral_id uuid NOT NULL,
  -- The structure that holds the referral (for links).
  structure_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);
CREATE INDEX notifications_list_idx ON notifications (organisation_id, created_at DESC, id DESC);

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_tenant ON notifications
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
-- A structure notifies the referrer of one of its own referrals, and nobody else.
CREATE POLICY notifications_to_referrer ON notifications FOR INSERT
  WITH CHECK (
    structure_id = app_org_id()
    AND EXISTS (SELECT 1 FROM referrals r
                 WHERE r.organisation_id = app_org_id()
                   AND r.id = notifications.referral_id
                   AND r.referrer_org_id = notifications.organisation_id));

GRANT SELECT, INSERT, UPDATE ON notifications TO solidaires_app;

-- Idempotency keys of creations a person would not want twice (DESIGN.md §3), per
-- organisation, person and key; the stored answer is replayed for the same body.
CREATE TABLE idempotency_keys (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id, key)
);
CREATE INDEX idempotency_keys_age_idx ON idempotency_keys (created_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_tenant ON idempotency_keys
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO solidaires_app;
