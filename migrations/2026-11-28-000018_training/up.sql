-- Training in refurbishment: the people of a structure's workshop (trainees and trainers,
-- with or without an account), programmes of sessions, courses with their sessions and
-- attendance, competences validated, and the workshop's skills ledger.
--
-- A course belongs to the structure that organises it and may invite other structures of
-- the network. A trainee's rows (their place in a course, their attendance, their
-- validations) belong to the trainee's structure: its staff read them, and the organiser
-- reaches them through narrow policies keyed on `course_org_id` — it lists the names of the
-- people in its course and takes their attendance, but never reads their other records.

ALTER TABLE organisations
  ADD COLUMN workshop_ledger_policy text NOT NULL DEFAULT 'warn'
    CHECK (workshop_ledger_policy IN ('warn', 'strict'));

CREATE TABLE training_people (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  -- The account, for people who have one in this structure.
  user_id uuid REFERENCES users (id),
  is_trainer boolean NOT NULL DEFAULT false,
  -- For trainers from elsewhere ("Emmaüs Connect").
  external_organisation text CHECK (length(external_organisation) <= 120),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 30),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX training_people_account ON training_people (organisation_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX training_people_name_idx ON training_people (organisation_id, lower(name), id);

CREATE TABLE training_programmes (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  is_default boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX training_programmes_one_default ON training_programmes (organisation_id) WHERE is_default;

CREATE TABLE training_programme_sessions (
  organisation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  position integer NOT NULL CHECK (position BETWEEN 0 AND 19),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  minutes integer NOT NULL CHECK (minutes BETWEEN 60 AND 240),
  competences text[] NOT NULL DEFAULT '{}' CHECK (competences <@ ARRAY['diagnosis', 'data_erasure',
    'os_installation', 'hardware_repair', 'quality_check']::text[]),
  PRIMARY KEY (organisation_id, programme_id, position),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES training_programmes (organisation_id, id) ON DELETE CASCADE
);

CREATE TABLE courses (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  programme_id uuid NOT NULL,
  site_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, programme_id) REFERENCES training_programmes (organisation_id, id),
  FOREIGN KEY (organisation_id, site_id) REFERENCES sites (organisation_id, id)
);

CREATE TABLE course_trainers (
  organisation_id uuid NOT NULL,
  course_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (organisation_id, course_id, person_id),
  FOREIGN KEY (organisation_id, course_id) REFERENCES courses (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, person_id) REFERENCES training_people (organisation_id, id)
);

CREATE TABLE course_sessions (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  course_id uuid NOT NULL,
  number integer NOT NULL CHECK (number BETWEEN 1 AND 20),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  starts_at timestamptz NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 60 AND 240),
  competences text[] NOT NULL DEFAULT '{}' CHECK (competences <@ ARRAY['diagnosis', 'data_erasure',
    'os_installation', 'hardware_repair', 'quality_check']::text[]),
  cancelled boolean NOT NULL DEFAULT false,
  change_reason text CHECK (length(change_reason) <= 500),
  attendance_taken_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, course_id, number),
  UNIQUE (organisation_id, course_id, id),
  FOREIGN KEY (organisation_id, course_id) REFERENCES courses (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX course_sessions_day_idx ON course_sessions (organisation_id, starts_at);

-- Structures invited to a course (a row of the invited structure's, which the organiser
-- writes and reads).
CREATE TABLE course_invitations (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  course_org_id uuid NOT NULL,
  course_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, course_org_id, course_id),
  -- Across structures by design: the organiser's course.
  CONSTRAINT course_invitations_course_fkey FOREIGN KEY (course_org_id, course_id)
    REFERENCES courses (organisation_id, id) ON DELETE CASCADE,
  CHECK (organisation_id <> course_org_id)
);
CREATE INDEX course_invitations_course_idx ON course_invitations (course_org_id, course_id);

-- A trainee's place in a course: the trainee's structure's row.
CREATE TABLE course_trainees (
  organisation_id uuid NOT NULL,
  course_org_id uuid NOT NULL,
  course_id uuid NOT NULL,
  person_id uuid NOT NULL,
  -- Copied so that the organiser lists the course's people without reading theirs.
  trainee_name text NOT NULL CHECK (length(trainee_name) BETWEEN 1 AND 120),
  structure_name text NOT NULL CHECK (length(structure_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, course_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES training_people (organisation_id, id),
  -- Across structures by design: the organiser's course.
  CONSTRAINT course_trainees_course_fkey FOREIGN KEY (course_org_id, course_id)
    REFERENCES courses (organisation_id, id) ON DELETE CASCADE
);
CREATE INDEX course_trainees_course_idx ON course_trainees (course_org_id, course_id);

-- Attendance: the trainee's structure's row, written by the organiser.
CREATE TABLE course_attendance (
  organisation_id uuid NOT NULL,
  course_org_id uuid NOT NULL,
  course_id uuid NOT NULL,
  session_id uuid NOT NULL,
  person_id uuid NOT NULL,
  presence text NOT NULL CHECK (presence IN ('present', 'excused', 'absent')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, session_id, person_id),
  FOREIGN KEY (organisation_id, course_id, person_id)
    REFERENCES course_trainees (organisation_id, course_id, person_id) ON DELETE CASCADE,
  -- Across structures by design: the organiser's session of that course.
  CONSTRAINT course_attendance_session_fkey FOREIGN KEY (course_org_id, course_id, session_id)
    REFERENCES course_sessions (organisation_id, course_id, id) ON DELETE CASCADE
);
CREATE INDEX course_attendance_course_idx ON course_attendance (course_org_id, course_id);
CREATE INDEX course_attendance_person_idx ON course_attendance (organisation_id, person_id);

-- A competence validated for a person of the structure (by a trainer of a course they
-- followed, or an admin of the structure).
CREATE TABLE competence_validations (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  competence text NOT NULL CHECK (competence IN ('diagnosis', 'data_erasure', 'os_installation',
    'hardware_repair', 'quality_check')),
  validated_on date NOT NULL,
  validated_by uuid NOT NULL REFERENCES users (id),
  validator_name text NOT NULL CHECK (length(validator_name) BETWEEN 1 AND 120),
  course_org_id uuid,
  course_id uuid,
  comment text CHECK (length(comment) <= 500),
  PRIMARY KEY (organisation_id, person_id, competence),
  FOREIGN KEY (organisation_id, person_id) REFERENCES training_people (organisation_id, id) ON DELETE CASCADE,
  -- Across structures by design: the course it was validated in.
  CONSTRAINT competence_validations_course_fkey FOREIGN KEY (course_org_id, course_id)
    REFERENCES courses (organisation_id, id),
  CHECK ((course_org_id IS NULL) = (course_id IS NULL))
);

-- The skills ledger: each workshop step, who did it and whether they held the competence.
CREATE TABLE workshop_ledger (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  step text NOT NULL CHECK (step IN ('diagnosis', 'erasure', 'os_installation', 'quality_check')),
  user_id uuid NOT NULL REFERENCES users (id),
  person_id uuid,
  trained boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, device_id) REFERENCES devices (organisation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organisation_id, person_id) REFERENCES training_people (organisation_id, id)
);
CREATE INDEX workshop_ledger_device_idx ON workshop_ledger (organisation_id, device_id, at);
CREATE INDEX workshop_ledger_person_idx ON workshop_ledger (organisation_id, person_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['training_people', 'training_programmes', 'training_programme_sessions',
    'courses', 'course_trainers', 'course_sessions', 'course_invitations', 'course_trainees',
    'course_attendance', 'competence_validations', 'workshop_ledger']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (organisation_id = (SELECT app_org_id())) '
                   'WITH CHECK (organisation_id = (SELECT app_org_id()))', t || '_tenant', t);
  END LOOP;
END $$;

-- The organiser's reach into the rows of the structures it invited.
CREATE POLICY course_invitations_organiser ON course_invitations
  USING (course_org_id = (SELECT app_org_id())) WITH CHECK (course_org_id = (SELECT app_org_id()));
CREATE POLICY course_trainees_organiser_reads ON course_trainees FOR SELECT
  USING (course_org_id = (SELECT app_org_id()));
CREATE POLICY course_attendance_organiser ON course_attendance
  USING (course_org_id = (SELECT app_org_id())) WITH CHECK (course_org_id = (SELECT app_org_id()));
CREATE POLICY competence_validations_trainer_writes ON competence_validations FOR INSERT
  WITH CHECK (course_org_id = (SELECT app_org_id()));
-- An invited structure reads the course it was invited to and its sessions.
CREATE POLICY courses_invited_reads ON courses FOR SELECT
  USING (EXISTS (SELECT 1 FROM course_invitations i
                  WHERE i.organisation_id = (SELECT app_org_id())
                    AND i.course_org_id = courses.organisation_id AND i.course_id = courses.id));
CREATE POLICY course_sessions_invited_reads ON course_sessions FOR SELECT
  USING (EXISTS (SELECT 1 FROM course_invitations i
                  WHERE i.organisation_id = (SELECT app_org_id())
                    AND i.course_org_id = course_sessions.organisation_id AND i.course_id = course_sessions.course_id));

GRANT SELECT, INSERT, UPDATE ON training_people, courses, course_sessions TO solidaires_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON training_programmes, training_programme_sessions,
  course_trainers, course_invitations, course_trainees, course_attendance, competence_validations
  TO solidaires_app;
GRANT SELECT, INSERT ON workshop_ledger TO solidaires_app;
