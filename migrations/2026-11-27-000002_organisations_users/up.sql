-- Organisations are the tenants themselves; their directory (names, kinds) is visible to
-- every signed-in person, so this table has no organisation_id and no RLS.
CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('structure', 'referrer', 'network')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  short_name text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 40),
  contact_email text CHECK (length(contact_email) <= 254),
  contact_phone text CHECK (length(contact_phone) <= 20),
  -- Settings, as typed columns (used by later modules).
  referral_reminder_days integer NOT NULL DEFAULT 10 CHECK (referral_reminder_days BETWEEN 1 AND 90),
  referral_expiry_days integer NOT NULL DEFAULT 30 CHECK (referral_expiry_days BETWEEN 2 AND 365),
  handover_min_sessions integer NOT NULL DEFAULT 0 CHECK (handover_min_sessions BETWEEN 0 AND 8),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Lets tenant tables pin the kind of organisation they belong to with a foreign key.
  UNIQUE (id, kind),
  CHECK (referral_reminder_days < referral_expiry_days)
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));
CREATE TRIGGER organisations_touch BEFORE UPDATE ON organisations
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- People with an account. Global: a person may belong to several organisations.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- PHC string (argon2id); NULL until the person has chosen a password.
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  is_superadmin boolean NOT NULL DEFAULT false,
  -- Access tokens issued before this instant are refused (password change, deactivation, role change).
  tokens_valid_after timestamptz NOT NULL DEFAULT now(),
  -- Maintained by a trigger on memberships: an organisation admin may deactivate or reset
  -- only people who belong to their organisation alone, and RLS hides the others.
  membership_count integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE TRIGGER users_touch BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

GRANT SELECT, INSERT, UPDATE ON organisations, users TO solidaires_app;
