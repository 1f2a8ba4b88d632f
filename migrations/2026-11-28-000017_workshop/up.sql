-- The refurbishment workshop: donors and their donations, devices with their diagnosis and
-- disks, erasures and certificates, operating systems, quality checks, reservations,
-- handovers and every move of a device. Tenant tables like the cycles': keys lead with the
-- organisation and references are composite. The people who did a step are users, not
-- memberships: a certificate still names its operator after they leave the structure (the
-- API checks they belong to it when the step is recorded).

CREATE TABLE donors (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind text NOT NULL CHECK (kind IN ('association', 'local_authority', 'company', 'individual')),
  contact_name text CHECK (length(contact_name) <= 120),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 30),
  address text CHECK (length(address) <= 300),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX donors_name_key ON donors (organisation_id, lower(name));
CREATE TRIGGER donors_touch BEFORE UPDATE ON donors
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE donations (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  donor_id uuid NOT NULL,
  received_on date NOT NULL,
  items_announced integer NOT NULL CHECK (items_announced BETWEEN 1 AND 1000),
  notes text CHECK (length(notes) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, donor_id) REFERENCES donors (organisation_id, id)
);
CREATE INDEX donations_donor_idx ON donations (organisation_id, donor_id, received_on DESC);
CREATE INDEX donations_list_idx ON donations (organisation_id, received_on DESC, id DESC);

-- The last asset number given in each structure (AMQR-0042): taken with the row lock, so
-- two devices registered at once get two numbers.
CREATE TABLE device_tag_counters (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
  last_number integer NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE devices (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  asset_tag text NOT NULL CHECK (asset_tag ~ '^[A-Z0-9]{1,8}-[0-9]{4,}$'),
  kind text NOT NULL CHECK (kind IN ('laptop', 'desktop', 'tablet', 'screen', 'other')),
  brand text NOT NULL CHECK (length(brand) BETWEEN 1 AND 60),
  model text NOT NULL DEFAULT '' CHECK (length(model) <= 80),
  serial text CHECK (length(serial) <= 80),
  donation_id uuid,
  site_id uuid,
  state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'diagnosed', 'erased',
    'os_installed', 'ready', 'reserved', 'handed_over', 'returned', 'scrapped')),
  state_since timestamptz NOT NULL DEFAULT now(),
  -- The diagnosis.
  cpu text CHECK (length(cpu) <= 120),
  ram_gb integer CHECK (ram_gb BETWEEN 1 AND 1024),
  screen_inches real CHECK (screen_inches > 0 AND screen_inches <= 100),
  battery_health_percent integer CHECK (battery_health_percent BETWEEN 0 AND 100),
  tests_passed text[] NOT NULL DEFAULT '{}',
  tests_failed text[] NOT NULL DEFAULT '{}',
  appearance_grade text CHECK (appearance_grade IN ('a', 'b', 'c', 'd')),
  function_grade text CHECK (function_grade IN ('a', 'b', 'c', 'd')),
  notes text CHECK (length(notes) <= 2000),
  diagnosed_by uuid REFERENCES users (id),
  diagnosed_at timestamptz,
  -- Why it was scrapped or returned.
  scrap_outcome text CHECK (scrap_outcome IN ('recycled', 'kept_for_parts')),
  scrap_channel text CHECK (length(scrap_channel) <= 120),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, asset_tag),
  FOREIGN KEY (organisation_id, donation_id) REFERENCES donations (organisation_id, id),
  FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id),
  CHECK (tests_passed <@ ARRAY['keyboard', 'touchpad', 'screen', 'ports', 'webcam', 'audio', 'wifi', 'battery']::text[]),
  CHECK (tests_failed <@ ARRAY['keyboard', 'touchpad', 'screen', 'ports', 'webcam', 'audio', 'wifi', 'battery']::text[]),
  CHECK (NOT (tests_passed && tests_failed)),
  CHECK ((state = 'scrapped') = (scrap_outcome IS NOT NULL))
);
-- The board: by state, oldest first; and the list's order.
CREATE INDEX devices_state_idx ON devices (organisation_id, state, state_since, id);
CREATE INDEX devices_list_idx ON devices (organisation_id, asset_tag);
CREATE INDEX devices_donation_idx ON devices (organisation_id, donation_id);

CREATE TABLE device_disks (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 7),
  kind text NOT NULL CHECK (kind IN ('hdd', 'ssd', 'nvme', 'emmc', 'other')),
  size_gb integer NOT NULL CHECK (size_gb BETWEEN 1 AND 100000),
  serial text NOT NULL CHECK (length(serial) BETWEEN 1 AND 80),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, device_id, position) DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (organisation_id, device_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE erasures (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  disk_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('nist_clear', 'nist_purge', 'ata_secure_erase',
    'nvme_sanitize', 'cryptographic_erase', 'overwrite_verified', 'physical_destruction')),
  tool text NOT NULL CHECK (length(tool) BETWEEN 1 AND 80),
  tool_version text NOT NULL DEFAULT '' CHECK (length(tool_version) <= 40),
  passes integer NOT NULL CHECK (passes BETWEEN 0 AND 35),
  verified boolean NOT NULL,
  succeeded boolean NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  operator_id uuid NOT NULL REFERENCES users (id),
  witness_id uuid REFERENCES users (id),
  notes text CHECK (length(notes) <= 1000),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  -- The disk must be the device's own.
  FOREIGN KEY (organisation_id, device_id, disk_id) REFERENCES device_disks (organisation_id, device_id, id) ON DELETE CASCADE,
  CHECK (ended_at >= started_at),
  CHECK (witness_id IS DISTINCT FROM operator_id)
);
CREATE INDEX erasures_device_idx ON erasures (organisation_id, device_id, started_at);

-- An erasure certificate: issued when the device is declared erased. Its code is printed on
-- the certificate and checked by anyone at /verify/{code}.
CREATE TABLE erasure_certificates (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  code text NOT NULL UNIQUE CHECK (code ~ '^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX erasure_certificates_device_idx ON erasure_certificates (organisation_id, device_id, issued_at DESC);

CREATE TABLE os_installs (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  os text NOT NULL CHECK (length(os) BETWEEN 1 AND 80),
  os_version text NOT NULL DEFAULT '' CHECK (length(os_version) <= 40),
  licence text CHECK (length(licence) <= 120),
  software text[] NOT NULL DEFAULT '{}' CHECK (cardinality(software) <= 40),
  account_prepared boolean NOT NULL,
  installed_on date NOT NULL,
  operator_id uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX os_installs_device_idx ON os_installs (organisation_id, device_id, recorded_at DESC);

CREATE TABLE quality_checks (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  items_passed text[] NOT NULL,
  items_failed text[] NOT NULL DEFAULT '{}',
  passed boolean NOT NULL,
  notes text CHECK (length(notes) <= 1000),
  checker_id uuid NOT NULL REFERENCES users (id),
  checked_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE,
  CHECK (NOT (items_passed && items_failed)),
  CHECK (passed = (cardinality(items_failed) = 0))
);
CREATE INDEX quality_checks_device_idx ON quality_checks (organisation_id, device_id, checked_at DESC);

-- A device set aside for a household. One open reservation per device, whatever the
-- concurrency: the partial unique index is the guarantee.
CREATE TABLE reservations (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  household_id uuid NOT NULL,
  reserved_at timestamptz NOT NULL DEFAULT now(),
  reserved_by uuid NOT NULL REFERENCES users (id),
  note text CHECK (length(note) <= 500),
  -- Ended by a handover or a release.
  ended_at timestamptz,
  outcome text CHECK (outcome IN ('handed_over', 'released')),
  PRIMARY KEY (organisation_id, id),
  -- The target of the handover's key: a handover is of the device to the household reserved.
  UNIQUE (organisation_id, id, device_id, household_id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id),
  CHECK ((ended_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX reservations_one_open ON reservations (organisation_id, device_id) WHERE ended_at IS NULL;
CREATE INDEX reservations_household_idx ON reservations (organisation_id, household_id);

CREATE TABLE handovers (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  household_id uuid NOT NULL,
  reservation_id uuid NOT NULL,
  handed_on date NOT NULL,
  accessories text[] NOT NULL DEFAULT '{}' CHECK (accessories <@ ARRAY['charger', 'mouse', 'bag',
    'keyboard', 'headset', 'webcam', 'usb_key', 'network_cable']::text[]),
  condition text NOT NULL CHECK (length(condition) BETWEEN 1 AND 500),
  agreement_version text NOT NULL CHECK (length(agreement_version) BETWEEN 1 AND 20),
  recipient_name text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  returned_at timestamptz,
  return_reason text CHECK (return_reason IN ('dropped_out', 'fault', 'other')),
  return_note text CHECK (length(return_note) <= 500),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, reservation_id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id),
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id),
  FOREIGN KEY (organisation_id, reservation_id, device_id, household_id)
    REFERENCES reservations (organisation_id, id, device_id, household_id),
  CHECK ((returned_at IS NULL) = (return_reason IS NULL))
);
-- A device is with one family at a time.
CREATE UNIQUE INDEX handovers_one_open ON handovers (organisation_id, device_id) WHERE returned_at IS NULL;
CREATE INDEX handovers_household_idx ON handovers (organisation_id, household_id);

-- Every move of a device: who, when, from and to, and what came with it.
CREATE TABLE device_events (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_id uuid NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  note text CHECK (length(note) <= 500),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX device_events_device_idx ON device_events (organisation_id, device_id, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['donors', 'donations', 'device_tag_counters', 'devices', 'device_disks',
    'erasures', 'erasure_certificates', 'os_installs', 'quality_checks', 'reservations', 'handovers',
    'device_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (organisation_id = (SELECT app_org_id())) '
                   'WITH CHECK (organisation_id = (SELECT app_org_id()))', t || '_tenant', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON donors, donations, device_tag_counters, devices, reservations,
  handovers TO solidaires_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON device_disks TO solidaires_app;
GRANT SELECT, INSERT ON erasures, erasure_certificates, os_installs, quality_checks, device_events
  TO solidaires_app;

-- What the public verification of a certificate answers: the structure, the device's tag
-- and kind, the day, and how its disks were erased; nothing of any person. Runs as the
-- owner: the caller has no tenant.
CREATE FUNCTION verify_erasure_certificate(p_code text)
  RETURNS TABLE (structure text, asset_tag text, device_kind text, issued_at timestamptz,
                 disks integer, methods text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT o.name, d.asset_tag, d.kind, c.issued_at,
           (SELECT count(*)::integer FROM device_disks k
             WHERE k.organisation_id = d.organisation_id AND k.device_id = d.id),
           ARRAY(SELECT DISTINCT e.method FROM erasures e
             WHERE e.organisation_id = d.organisation_id AND e.device_id = d.id
               AND e.succeeded AND e.started_at <= c.issued_at ORDER BY 1)
         FROM erasure_certificates c
         JOIN devices d ON d.organisation_id = c.organisation_id AND d.id = c.device_id
         JOIN organisations o ON o.id = c.organisation_id
         WHERE c.code = p_code $$;
REVOKE ALL ON FUNCTION verify_erasure_certificate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION verify_erasure_certificate(text) TO solidaires_app;
