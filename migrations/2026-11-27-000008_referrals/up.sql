-- Referrals (orientations), owned by the receiving structure and readable by the referrer
-- that sent them. The family's details are a snapshot of what was sent.
CREATE TABLE referrals (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  organisation_kind text NOT NULL DEFAULT 'structure' CHECK (organisation_kind = 'structure'),
  source text NOT NULL CHECK (source IN ('referrer', 'structure')),
  referrer_org_id uuid,
  referrer_kind text NOT NULL DEFAULT 'referrer' CHECK (referrer_kind = 'referrer'),
  created_by uuid NOT NULL REFERENCES users (id),
  site_id uuid,
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  phone text CHECK (phone ~ '^\+33[1-9][0-9]{8}$'),
  email text CHECK (length(email) <= 254),
  preferred_contact text NOT NULL CHECK (preferred_contact IN ('phone', 'sms', 'email', 'letter', 'do_not_contact')),
  address text CHECK (length(address) <= 200),
  postcode text CHECK (postcode ~ '^[0-9]{5}$'),
  commune text CHECK (length(commune) <= 100),
  neighbourhood text CHECK (length(neighbourhood) <= 100),
  -- Other members as sent: [{first_name, last_name, birth_year, role, school_level}].
  members jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(members) = 'array' AND jsonb_array_length(members) <= 19),
  needs text[] NOT NULL
    CHECK (cardinality(needs) >= 1 AND needs <@ ARRAY['no_computer', 'no_internet', 'online_admin', 'school_follow_up', 'other']::text[]),
  needs_other text CHECK (length(needs_other) <= 200),
  languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 10),
  reason text CHECK (length(reason) <= 1000),
  message text CHECK (length(message) <= 2000),
  -- The family agreed to be referred (attested by the referrer), on that date, having been
  -- shown that version of the consent text.
  consent_given_on date,
  consent_text_version text,
  share_progress boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN
    ('submitted', 'accepted', 'declined', 'waitlisted', 'enrolled', 'completed', 'dropped_out', 'expired')),
  decline_reason text CHECK (decline_reason IN
    ('outside_area', 'not_eligible', 'no_capacity', 'could_not_contact', 'no_longer_interested', 'duplicate', 'other')),
  household_id uuid,
  -- Milestones (recorded through the state machine until the cycles and devices modules).
  cycle_start_date date,
  sessions_planned integer CHECK (sessions_planned BETWEEN 0 AND 50),
  sessions_attended integer CHECK (sessions_attended BETWEEN 0 AND 50),
  device_handed_over_on date,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  reminded_at timestamptz,
  -- Accent- and case-folded name, for duplicate suggestions between referrals.
  folded_name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind),
  FOREIGN KEY (referrer_org_id, referrer_kind) REFERENCES organisations (id, kind),
  FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id),
  CHECK ((source = 'referrer') = (referrer_org_id IS NOT NULL)),
  CHECK (source = 'structure' OR (consent_given_on IS NOT NULL AND consent_text_version IS NOT NULL)),
  CHECK (status NOT IN ('enrolled', 'completed') OR household_id IS NOT NULL)
);
CREATE INDEX referrals_inbox_idx ON referrals (organisation_id, status, submitted_at DESC, id DESC);
CREATE INDEX referrals_referrer_idx ON referrals (referrer_org_id, submitted_at DESC, id DESC);
CREATE INDEX referrals_household_idx ON referrals (organisation_id, household_id);
CREATE TRIGGER referrals_touch BEFORE UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals FORCE ROW LEVEL SECURITY;
CREATE POLICY referrals_tenant ON referrals
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
-- The referrer reads what it sent.
CREATE POLICY referrals_referrer_reads ON referrals FOR SELECT
  USING (referrer_org_id = app_org_id());
-- The referrer files a referral into a structure's inbox only through an active partnership.
CREATE POLICY referrals_referrer_sends ON referrals FOR INSERT
  WITH CHECK (
    referrer_org_id = app_org_id()
    AND source = 'referrer'
    AND status = 'submitted'
    AND EXISTS (SELECT 1 FROM partnerships p
                 WHERE p.organisation_id = referrals.organisation_id
                   AND p.referrer_id = app_org_id()
                   AND p.active));

-- Every state change, with who, when and why. `referrer_org_id` is copied so the referrer
-- can read the history of what it sent.
CREATE TABLE referral_events (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  referral_id uuid NOT NULL,
  referrer_org_id uuid,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  actor_org_id uuid REFERENCES organisations (id),
  -- The actor's role then (`system` for the expiry job).
  actor_role text NOT NULL,
  reason text,
  message text CHECK (length(message) <= 2000),
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, referral_id) REFERENCES referrals (organisation_id, id)
);
CREATE INDEX referral_events_referral_idx ON referral_events (organisation_id, referral_id, at);

ALTER TABLE referral_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_events FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_events_tenant ON referral_events
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
CREATE POLICY referral_events_referrer_reads ON referral_events FOR SELECT
  USING (referrer_org_id = app_org_id());
CREATE POLICY referral_events_referrer_sends ON referral_events FOR INSERT
  WITH CHECK (referrer_org_id = app_org_id() AND actor_org_id = app_org_id() AND to_status = 'submitted');

-- Sites of a partner structure are visible to the referrer (to choose a preferred site).
CREATE POLICY sites_partner_reads ON sites FOR SELECT
  USING (EXISTS (SELECT 1 FROM partnerships p
                  WHERE p.organisation_id = sites.organisation_id
                    AND p.referrer_id = app_org_id()
                    AND p.active));

GRANT SELECT, INSERT, UPDATE ON referrals TO solidaires_app;
GRANT SELECT, INSERT ON referral_events TO solidaires_app;
