-- Households (foyers) of a structure and their members. Minimal data: no social security
-- number, no health data; notes are free text shown with a warning.
CREATE TABLE households (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  organisation_kind text NOT NULL DEFAULT 'structure' CHECK (organisation_kind = 'structure'),
  commune text CHECK (length(commune) <= 100),
  neighbourhood text CHECK (length(neighbourhood) <= 100),
  address text CHECK (length(address) <= 200),
  postcode text CHECK (postcode ~ '^[0-9]{5}$'),
  preferred_contact text NOT NULL CHECK (preferred_contact IN ('phone', 'sms', 'email', 'letter', 'do_not_contact')),
  phone text CHECK (phone ~ '^\+33[1-9][0-9]{8}$'),
  email text CHECK (length(email) <= 254),
  needs text[] NOT NULL DEFAULT '{}'
    CHECK (needs <@ ARRAY['no_computer', 'no_internet', 'online_admin', 'school_follow_up', 'other']::text[]),
  needs_other text CHECK (length(needs_other) <= 200),
  languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 10),
  notes text CHECK (length(notes) <= 2000),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  -- Accent- and case-folded names, phone and email, for search (maintained by the API).
  search_text text NOT NULL DEFAULT '',
  -- Folded "last first" of the reference person: the list order.
  sort_name text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, organisation_kind) REFERENCES organisations (id, kind)
);
CREATE INDEX households_sort_idx ON households (organisation_id, sort_name, id);
CREATE INDEX households_phone_idx ON households (organisation_id, phone);
CREATE TRIGGER households_touch BEFORE UPDATE ON households
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE households ENABLE ROW LEVEL SECURITY;
ALTER TABLE households FORCE ROW LEVEL SECURITY;
CREATE POLICY households_tenant ON households
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());

CREATE TABLE household_members (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  household_id uuid NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  role text NOT NULL CHECK (role IN ('reference', 'adult', 'child', 'other')),
  school_level text CHECK (school_level IN ('maternelle', 'primaire', 'college', 'lycee', 'superieur', 'autre')),
  -- Folded "first last" for duplicate detection.
  folded_name text NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, household_id, position),
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX household_members_name_idx ON household_members (organisation_id, folded_name, birth_year);

ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_members FORCE ROW LEVEL SECURITY;
CREATE POLICY household_members_tenant ON household_members
  USING (organisation_id = app_org_id())
  WITH CHECK (organisation_id = app_org_id());

GRANT SELECT, INSERT, UPDATE ON households TO solidaires_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON household_members TO solidaires_app;
