-- Places where a structure runs its cycles and workshops.
CREATE TABLE sites (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  organisation_kind text NOT NULL DEFAULT 'structure' CHECK (organisation_kind = 'structure'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  address text CHECK (length(address) <= 200),
  postcode text CHECK (postcode ~ '^[0-9]{5}$'),
  city text CHECK (length(city) <= 100),
  archived boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind)
);
CREATE UNIQUE INDEX sites_name_key ON sites (organisation_id, lower(name));
CREATE TRIGGER sites_touch BEFORE UPDATE ON sites
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE sites FORCE ROW LEVEL SECURITY;
CREATE POLICY sites_tenant ON sites
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());

-- Which referrer may refer families to which structure. Owned by the structure; the
-- referrer reads its own.
CREATE TABLE partnerships (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  organisation_kind text NOT NULL DEFAULT 'structure' CHECK (organisation_kind = 'structure'),
  referrer_id uuid NOT NULL,
  referrer_kind text NOT NULL DEFAULT 'referrer' CHECK (referrer_kind = 'referrer'),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  CONSTRAINT partnerships_referrer_key UNIQUE (organisation_id, referrer_id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind),
  FOREIGN KEY (referrer_id, referrer_kind) REFERENCES organisations (id, kind)
);
CREATE INDEX partnerships_referrer_idx ON partnerships (referrer_id);
CREATE TRIGGER partnerships_touch BEFORE UPDATE ON partnerships
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE partnerships ENABLE ROW LEVEL SECURITY;
ALTER TABLE partnerships FORCE ROW LEVEL SECURITY;
CREATE POLICY partnerships_tenant ON partnerships
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());
CREATE POLICY partnerships_referrer_reads ON partnerships FOR SELECT
  USING (referrer_id = app_org_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON sites, partnerships TO solidaires_app;
