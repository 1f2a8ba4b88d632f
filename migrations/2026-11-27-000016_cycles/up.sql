-- Accompaniment cycles: programmes of ordered modules, cycles at a site with their generated
-- sessions, enrolments (capacity enforced here, waiting list in order), attendance, skills
-- checks, reminders to families, calendar feeds. Every table is a tenant table: its key
-- leads with the organisation and its references are composite, so no row of a structure
-- can point at another's.

-- The structure's completion threshold (sessions present to complete a cycle).
ALTER TABLE organisations
  ADD COLUMN cycle_completion_threshold integer NOT NULL DEFAULT 6
    CHECK (cycle_completion_threshold BETWEEN 1 AND 50);

CREATE TABLE programmes (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- The built-in programme, created the first time the structure needs one.
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX programmes_one_default ON programmes (organisation_id) WHERE is_default;
CREATE UNIQUE INDEX programmes_name_key ON programmes (organisation_id, lower(name));
CREATE TRIGGER programmes_touch BEFORE UPDATE ON programmes
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE programme_modules (
  organisation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  objectives text NOT NULL DEFAULT '' CHECK (length(objectives) <= 1000),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  themes text[] NOT NULL DEFAULT '{}' CHECK (themes <@ ARRAY['equipment', 'office_software', 'email',
    'browsing', 'digital_security', 'online_procedures', 'school_and_digital', 'parenting_and_digital']::text[]),
  PRIMARY KEY (organisation_id, programme_id, position),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programmes (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE cycles (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  programme_id uuid NOT NULL,
  site_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  -- Maintained with each enrolment and withdrawal: the check is the capacity's guarantee,
  -- whatever the concurrency (the guarded increment takes the row lock).
  enrolled_count integer NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'running', 'finished', 'cancelled')),
  -- The calendar's rule, as given (Paris local time).
  weekdays text[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7
    AND weekdays <@ ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']::text[]),
  start_time time NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  first_day date NOT NULL,
  state_reason text CHECK (length(state_reason) <= 500),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES programmes (organisation_id, id),
  FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id),
  CONSTRAINT cycles_capacity_holds CHECK (enrolled_count BETWEEN 0 AND capacity)
);
CREATE INDEX cycles_list_idx ON cycles (organisation_id, first_day DESC, id DESC);
CREATE TRIGGER cycles_touch BEFORE UPDATE ON cycles
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Facilitators are people of the structure (a membership of it).
CREATE TABLE cycle_facilitators (
  organisation_id uuid NOT NULL,
  cycle_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, cycle_id, user_id),
  FOREIGN KEY (organisation_id, cycle_id) REFERENCES cycles (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id)
);
CREATE INDEX cycle_facilitators_user_idx ON cycle_facilitators (organisation_id, user_id);

CREATE TABLE cycle_sessions (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  cycle_id uuid NOT NULL,
  number integer NOT NULL CHECK (number BETWEEN 1 AND 50),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  cancelled boolean NOT NULL DEFAULT false,
  -- Why it was moved or cancelled (told to the families).
  change_reason text CHECK (length(change_reason) <= 500),
  -- The record of the session as held.
  actual_minutes integer CHECK (actual_minutes BETWEEN 0 AND 600),
  themes_covered text[] NOT NULL DEFAULT '{}' CHECK (themes_covered <@ ARRAY['equipment', 'office_software',
    'email', 'browsing', 'digital_security', 'online_procedures', 'school_and_digital', 'parenting_and_digital']::text[]),
  place text CHECK (length(place) <= 200),
  equipment text CHECK (length(equipment) <= 500),
  note text CHECK (length(note) <= 2000),
  attendance_taken_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, cycle_id, number),
  -- The target of attendance's key: a session with its cycle.
  UNIQUE (organisation_id, cycle_id, id),
  FOREIGN KEY (organisation_id, cycle_id) REFERENCES cycles (organisation_id, id) ON DELETE CASCADE,
  CHECK (ends_at > starts_at)
);
CREATE INDEX cycle_sessions_day_idx ON cycle_sessions (organisation_id, starts_at);

CREATE TABLE enrolments (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  cycle_id uuid NOT NULL,
  household_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- The referral the family came through, when it did.
  referral_id uuid,
  status text NOT NULL CHECK (status IN ('enrolled', 'waiting', 'withdrawn', 'completed', 'not_completed')),
  -- The waiting list's order.
  waiting_since timestamptz,
  enrolled_at timestamptz,
  ended_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, cycle_id, id),
  FOREIGN KEY (organisation_id, cycle_id) REFERENCES cycles (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, household_id, member_id)
    REFERENCES household_members (organisation_id, household_id, id),
  FOREIGN KEY (organisation_id, referral_id) REFERENCES referrals (organisation_id, id),
  CHECK (status <> 'waiting' OR waiting_since IS NOT NULL)
);
-- A person takes one place in a cycle (again after withdrawing).
CREATE UNIQUE INDEX enrolments_person_once ON enrolments (organisation_id, cycle_id, member_id)
  WHERE status <> 'withdrawn';
CREATE INDEX enrolments_cycle_idx ON enrolments (organisation_id, cycle_id, status, waiting_since);
CREATE INDEX enrolments_household_idx ON enrolments (organisation_id, household_id);
CREATE INDEX enrolments_referral_idx ON enrolments (organisation_id, referral_id) WHERE referral_id IS NOT NULL;

-- One presence per session and participant; the keys through the cycle make a participant
-- of another cycle impossible.
CREATE TABLE attendance (
  organisation_id uuid NOT NULL,
  cycle_id uuid NOT NULL,
  session_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  presence text NOT NULL CHECK (presence IN ('present', 'excused', 'absent')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, session_id, enrolment_id),
  FOREIGN KEY (organisation_id, cycle_id, session_id) REFERENCES cycle_sessions (organisation_id, cycle_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, cycle_id, enrolment_id) REFERENCES enrolments (organisation_id, cycle_id, id) ON DELETE CASCADE
);
CREATE INDEX attendance_enrolment_idx ON attendance (organisation_id, enrolment_id);

CREATE TABLE skills_checks (
  organisation_id uuid NOT NULL,
  enrolment_id uuid NOT NULL,
  moment text NOT NULL CHECK (moment IN ('start', 'end')),
  competence text NOT NULL CHECK (competence IN ('keyboard_and_mouse', 'files', 'write_document',
    'search_the_web', 'send_email', 'france_connect', 'complete_procedure', 'ent_sign_in',
    'homework_diary', 'grades', 'message_teacher', 'stay_safe')),
  level text NOT NULL CHECK (level IN ('accompanied', 'partly_autonomous', 'autonomous')),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  assessed_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, enrolment_id, moment, competence),
  FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolments (organisation_id, id) ON DELETE CASCADE
);

-- Reminders to families: one per session, household, reason and time spoken of, so the
-- job writes each once and a moved session is announced again.
CREATE TABLE session_reminders (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  session_id uuid NOT NULL,
  household_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('day_before', 'moved', 'cancelled')),
  starts_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email', 'call')),
  -- For the "to call" list (the family's number when it was written).
  phone text,
  message text NOT NULL CHECK (length(message) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  called_at timestamptz,
  called_by uuid REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, session_id, household_id, reason, starts_at),
  FOREIGN KEY (organisation_id, session_id) REFERENCES cycle_sessions (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, household_id) REFERENCES households (organisation_id, id)
);
CREATE INDEX session_reminders_calls_idx ON session_reminders (organisation_id, created_at) WHERE channel = 'call';

-- Text messages, kept even without a gateway (like outbox_emails).
CREATE TABLE outbox_sms (
  id uuid PRIMARY KEY,
  recipient text NOT NULL CHECK (recipient ~ '^\+33[1-9][0-9]{8}$'),
  body text NOT NULL CHECK (length(body) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_sms_pending_idx ON outbox_sms (created_at) WHERE sent_at IS NULL;

-- Calendar feeds: a secret URL per feed (only its SHA-256 is kept), of one cycle or of one
-- facilitator's sessions; whoever holds the URL reads that feed only.
CREATE TABLE calendar_feeds (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  cycle_id uuid,
  facilitator_id uuid,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, cycle_id) REFERENCES cycles (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, facilitator_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE,
  CHECK ((cycle_id IS NULL) <> (facilitator_id IS NULL))
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['programmes', 'programme_modules', 'cycles', 'cycle_facilitators',
    'cycle_sessions', 'enrolments', 'attendance', 'skills_checks', 'session_reminders', 'calendar_feeds']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (organisation_id = (SELECT app_org_id())) '
                   'WITH CHECK (organisation_id = (SELECT app_org_id()))', t || '_tenant', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON programmes, programme_modules, cycle_facilitators,
  attendance, skills_checks TO solidaires_app;
GRANT SELECT, INSERT, UPDATE ON cycles, cycle_sessions, enrolments, session_reminders
  TO solidaires_app;
-- A feed's hash is a secret like the other tokens': written, never read back.
GRANT SELECT (organisation_id, id, cycle_id, facilitator_id, created_by, created_at, revoked_at),
  INSERT, UPDATE (revoked_at) ON calendar_feeds TO solidaires_app;
-- Text messages hold a family's number: queued by requests, read by the delivery job only.
GRANT INSERT ON outbox_sms TO solidaires_app;

-- The feed a calendar application asks for, by its URL's hash: which structure, which
-- cycle or facilitator (nothing when revoked). Runs as the owner: the request role cannot
-- read the hashes.
CREATE FUNCTION calendar_feed_key(p_hash text)
  RETURNS TABLE (organisation_id uuid, cycle_id uuid, facilitator_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT f.organisation_id, f.cycle_id, f.facilitator_id FROM calendar_feeds f
         WHERE f.token_hash = p_hash AND f.revoked_at IS NULL $$;
REVOKE ALL ON FUNCTION calendar_feed_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION calendar_feed_key(text) TO solidaires_app;
