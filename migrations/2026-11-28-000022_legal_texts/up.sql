-- A structure's versioned texts (decision 70): the privacy notice, the referral consent and
-- the handover agreement. Publishing makes a new version; versions are never changed, so a
-- version recorded where a text was accepted always reads as it was.
CREATE TABLE legal_texts (
  organisation_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('privacy_notice', 'referral_consent', 'handover_agreement')),
  version integer NOT NULL CHECK (version >= 1),
  body text NOT NULL CHECK (length(body) BETWEEN 20 AND 20000),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, kind, version),
  FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);

ALTER TABLE legal_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_texts FORCE ROW LEVEL SECURITY;
CREATE POLICY legal_texts_tenant ON legal_texts
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
-- Insert and read only: a published version stays as it was.
GRANT SELECT, INSERT ON legal_texts TO solidaires_app;
