-- Data protection (decision 69): households, their members and their referrals are
-- anonymised 24 months (a structure's setting) after the last contact, or at once when a
-- family asks for erasure. Anonymised rows keep their ids, dates, statuses and facts, so every
-- figure stays true; the identity, contact details and free text are gone.
ALTER TABLE organisations
  ADD COLUMN retention_months integer NOT NULL DEFAULT 24 CHECK (retention_months BETWEEN 12 AND 120);

ALTER TABLE households ADD COLUMN anonymised_at timestamptz;
ALTER TABLE referrals ADD COLUMN anonymised_at timestamptz;

-- The retention job's candidates: not yet anonymised, unchanged for long.
CREATE INDEX households_retention_idx ON households (organisation_id, updated_at, id)
  WHERE anonymised_at IS NULL;
CREATE INDEX referrals_retention_idx ON referrals (organisation_id, updated_at, id)
  WHERE anonymised_at IS NULL AND household_id IS NULL;

-- The register of erasures done on request: when, by whom, why (the reason is the admin's
-- words about the request, e.g. "courrier du 12/11", never the family's data).
CREATE TABLE erasure_requests (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  household_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  erased_at timestamptz NOT NULL DEFAULT now(),
  erased_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id)
);
CREATE UNIQUE INDEX erasure_requests_household_idx ON erasure_requests (organisation_id, household_id);

ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE erasure_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY erasure_requests_tenant ON erasure_requests
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
GRANT SELECT, INSERT ON erasure_requests TO solidaires_app;

-- A referral's history stays append-only for requests; anonymising empties the staff's
-- messages of the organisation in scope, through this one function (owner's rights).
CREATE FUNCTION anonymise_referral_messages(p_referrals uuid[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public
  AS $$
    UPDATE referral_events SET message = NULL
     WHERE organisation_id = app_org_id() AND referral_id = ANY (p_referrals) AND message IS NOT NULL
  $$;
REVOKE ALL ON FUNCTION anonymise_referral_messages(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION anonymise_referral_messages(uuid[]) TO solidaires_app;
