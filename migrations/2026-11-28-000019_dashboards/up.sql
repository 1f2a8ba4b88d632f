-- Dashboards: what the figures read, kept small enough to answer in milliseconds at network
-- scale (210k referrals in one structure, 851k attendance rows), and the one door to
-- cross-structure figures.

-- 1. Referrals by month of submission (Paris), maintained like referral_counts: each
--    (structure, month, site, referrer, status) spread over 4 slots so that concurrent
--    referrals do not queue on one row. The nil uuid stands for "no site" and for "the
--    structure itself" (a key cannot hold NULL).
CREATE TABLE referral_month_counts (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  month date NOT NULL,
  site_key uuid NOT NULL,
  referrer_key uuid NOT NULL,
  status text NOT NULL,
  slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 3),
  n bigint NOT NULL,
  PRIMARY KEY (organisation_id, month, site_key, referrer_key, status, slot)
);

-- The delays, as day histograms (a median is read from them exactly): days from the
-- referral to the decision, to the cycle's first session, to the computer's handover.
CREATE TABLE referral_month_delays (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  month date NOT NULL,
  site_key uuid NOT NULL,
  measure text NOT NULL CHECK (measure IN ('decision', 'first_session', 'handover')),
  days integer NOT NULL,
  slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 3),
  n bigint NOT NULL,
  PRIMARY KEY (organisation_id, month, site_key, measure, days, slot)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referral_month_counts', 'referral_month_delays'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (organisation_id = (SELECT app_org_id()))',
                   t || '_tenant', t);
  END LOOP;
END $$;
-- Written only by the trigger below (as the owner): requests read them.
GRANT SELECT ON referral_month_counts, referral_month_delays TO solidaires_app;

CREATE FUNCTION referral_month_delta(r referrals, d integer) RETURNS void
  LANGUAGE sql SET search_path = pg_catalog, public
  AS $$
    INSERT INTO referral_month_counts AS c
    VALUES (r.organisation_id, date_trunc('month', r.submitted_at AT TIME ZONE 'Europe/Paris')::date,
            coalesce(r.site_id, '00000000-0000-0000-0000-000000000000'),
            coalesce(r.referrer_org_id, '00000000-0000-0000-0000-000000000000'),
            r.status, floor(random() * 4)::smallint, d)
    ON CONFLICT (organisation_id, month, site_key, referrer_key, status, slot)
      DO UPDATE SET n = c.n + EXCLUDED.n;
    INSERT INTO referral_month_delays AS c
    SELECT r.organisation_id, date_trunc('month', r.submitted_at AT TIME ZONE 'Europe/Paris')::date,
           coalesce(r.site_id, '00000000-0000-0000-0000-000000000000'), m.measure, m.days,
           floor(random() * 4)::smallint, d
      FROM (VALUES
        ('decision', floor(extract(epoch FROM r.decided_at - r.submitted_at) / 86400)::integer),
        ('first_session', r.cycle_start_date - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date),
        ('handover', r.device_handed_over_on - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date)
      ) AS m (measure, days)
     WHERE m.days IS NOT NULL
    ON CONFLICT (organisation_id, month, site_key, measure, days, slot)
      DO UPDATE SET n = c.n + EXCLUDED.n;
  $$;
REVOKE ALL ON FUNCTION referral_month_delta(referrals, integer) FROM PUBLIC;

CREATE FUNCTION count_referral_month() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM referral_month_delta(OLD, -1); END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM referral_month_delta(NEW, 1); END IF;
    RETURN NULL;
  END
  $$;
REVOKE ALL ON FUNCTION count_referral_month() FROM PUBLIC;
CREATE TRIGGER referrals_month_insert_delete AFTER INSERT OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION count_referral_month();
CREATE TRIGGER referrals_month_update
  AFTER UPDATE OF status, site_id, referrer_org_id, submitted_at, decided_at, cycle_start_date,
    device_handed_over_on ON referrals
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.site_id IS DISTINCT FROM NEW.site_id
    OR OLD.referrer_org_id IS DISTINCT FROM NEW.referrer_org_id
    OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
    OR OLD.decided_at IS DISTINCT FROM NEW.decided_at
    OR OLD.cycle_start_date IS DISTINCT FROM NEW.cycle_start_date
    OR OLD.device_handed_over_on IS DISTINCT FROM NEW.device_handed_over_on)
  EXECUTE FUNCTION count_referral_month();

-- The referrals already there.
INSERT INTO referral_month_counts
SELECT organisation_id, date_trunc('month', submitted_at AT TIME ZONE 'Europe/Paris')::date,
       coalesce(site_id, '00000000-0000-0000-0000-000000000000'),
       coalesce(referrer_org_id, '00000000-0000-0000-0000-000000000000'), status, 0, count(*)
  FROM referrals GROUP BY 1, 2, 3, 4, 5;
INSERT INTO referral_month_delays
SELECT r.organisation_id, date_trunc('month', r.submitted_at AT TIME ZONE 'Europe/Paris')::date,
       coalesce(r.site_id, '00000000-0000-0000-0000-000000000000'), m.measure, m.days, 0, count(*)
  FROM referrals r
  CROSS JOIN LATERAL (VALUES
    ('decision', floor(extract(epoch FROM r.decided_at - r.submitted_at) / 86400)::integer),
    ('first_session', r.cycle_start_date - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date),
    ('handover', r.device_handed_over_on - (r.submitted_at AT TIME ZONE 'Europe/Paris')::date)
  ) AS m (measure, days)
 WHERE m.days IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5;

-- 2. Each session carries its attendance counts, recounted by a statement trigger (one
--    update per sheet), so figures read sessions instead of every presence.
ALTER TABLE cycle_sessions
  ADD COLUMN present_count integer NOT NULL DEFAULT 0,
  ADD COLUMN recorded_count integer NOT NULL DEFAULT 0;

CREATE FUNCTION recount_session_attendance() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    UPDATE cycle_sessions s
       SET present_count = t.present, recorded_count = t.recorded
      FROM (SELECT c.organisation_id, c.session_id,
                   count(a.session_id) FILTER (WHERE a.presence = 'present') AS present,
                   count(a.session_id) AS recorded
              FROM (SELECT DISTINCT organisation_id, session_id FROM changed_attendance) c
              LEFT JOIN attendance a
                ON a.organisation_id = c.organisation_id AND a.session_id = c.session_id
             GROUP BY 1, 2) t
     WHERE s.organisation_id = t.organisation_id AND s.id = t.session_id;
    RETURN NULL;
  END
  $$;
REVOKE ALL ON FUNCTION recount_session_attendance() FROM PUBLIC;
CREATE TRIGGER attendance_recount_insert AFTER INSERT ON attendance
  REFERENCING NEW TABLE AS changed_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION recount_session_attendance();
CREATE TRIGGER attendance_recount_update AFTER UPDATE ON attendance
  REFERENCING NEW TABLE AS changed_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION recount_session_attendance();
CREATE TRIGGER attendance_recount_delete AFTER DELETE ON attendance
  REFERENCING OLD TABLE AS changed_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION recount_session_attendance();

UPDATE cycle_sessions s SET present_count = t.present, recorded_count = t.recorded
  FROM (SELECT organisation_id, session_id, count(*) FILTER (WHERE presence = 'present') AS present,
               count(*) AS recorded
          FROM attendance GROUP BY 1, 2) t
 WHERE s.organisation_id = t.organisation_id AND s.id = t.session_id;

-- 2b. An end-of-cycle check says whether it is up on the start one, kept by triggers, so
--     that the figures count end checks without looking up each start.
ALTER TABLE skills_checks ADD COLUMN improved boolean;

CREATE FUNCTION skills_check_improved() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    scale constant text[] := ARRAY['accompanied', 'partly_autonomous', 'autonomous'];
  BEGIN
    IF NEW.moment = 'end' THEN
      SELECT array_position(scale, NEW.level) > array_position(scale, s.level) INTO NEW.improved
        FROM skills_checks s
       WHERE s.organisation_id = NEW.organisation_id AND s.enrolment_id = NEW.enrolment_id
         AND s.moment = 'start' AND s.competence = NEW.competence;
    ELSE
      NEW.improved := NULL;
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER skills_checks_improved BEFORE INSERT OR UPDATE ON skills_checks
  FOR EACH ROW EXECUTE FUNCTION skills_check_improved();

-- A start check written or changed after the end one: the end one is read again.
CREATE FUNCTION skills_start_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    UPDATE skills_checks e SET level = e.level
     WHERE e.organisation_id = NEW.organisation_id AND e.enrolment_id = NEW.enrolment_id
       AND e.moment = 'end' AND e.competence = NEW.competence;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER skills_checks_start_changed AFTER INSERT OR UPDATE OF level ON skills_checks
  FOR EACH ROW WHEN (NEW.moment = 'start' AND pg_trigger_depth() < 1)
  EXECUTE FUNCTION skills_start_changed();
REVOKE ALL ON FUNCTION skills_check_improved(), skills_start_changed() FROM PUBLIC;

UPDATE skills_checks e
   SET improved = array_position(ARRAY['accompanied', 'partly_autonomous', 'autonomous'], e.level)
                > array_position(ARRAY['accompanied', 'partly_autonomous', 'autonomous'], s.level)
  FROM skills_checks s
 WHERE e.moment = 'end' AND s.organisation_id = e.organisation_id
   AND s.enrolment_id = e.enrolment_id AND s.moment = 'start' AND s.competence = e.competence;

-- What the figures search by date; a referrer's referrals read from the index alone.
CREATE INDEX referrals_referrer_figures_idx ON referrals (referrer_org_id, submitted_at)
  INCLUDE (organisation_id, status, share_progress, cycle_start_date, device_handed_over_on,
           sessions_attended, sessions_planned);
CREATE INDEX devices_created_idx ON devices (organisation_id, created_at);
CREATE INDEX handovers_day_idx ON handovers (organisation_id, handed_on);
CREATE INDEX competence_validations_day_idx ON competence_validations (organisation_id, validated_on);
CREATE INDEX skills_checks_day_idx ON skills_checks (organisation_id, moment, assessed_at) INCLUDE (competence, improved);

-- 3. A dashboard's cells: additive counts per structure and month (and, for the figures
--    that count distinct things, for the whole period with `month` NULL), read through the
--    caller's walls (SECURITY INVOKER): in a structure's door, that structure's rows only.
--    p_from and p_to are the first days of the period's first and last months (Paris).
CREATE FUNCTION dashboard_cells(p_from date, p_to date, p_site uuid)
  RETURNS TABLE (organisation_id uuid, month date, figure text, key text, n numeric)
  LANGUAGE sql STABLE SET search_path = pg_catalog, public
  AS $$
  WITH bounds AS (
    SELECT p_from::timestamp AT TIME ZONE 'Europe/Paris' AS t0,
           (p_to + interval '1 month')::timestamp AT TIME ZONE 'Europe/Paris' AS t1,
           (p_to + interval '1 month')::date AS d1
  ),
  held AS (
    SELECT s.organisation_id, s.cycle_id, s.present_count, s.recorded_count,
           date_trunc('month', s.starts_at AT TIME ZONE 'Europe/Paris')::date AS month
      FROM cycle_sessions s, bounds b
     WHERE s.starts_at >= b.t0 AND s.starts_at < b.t1 AND NOT s.cancelled
       AND s.attendance_taken_at IS NOT NULL
       AND (p_site IS NULL OR (s.organisation_id, s.cycle_id) IN (
             SELECT c.organisation_id, c.id FROM cycles c WHERE c.site_id = p_site))
  ),
  cycle_months AS (SELECT DISTINCT organisation_id, cycle_id, month FROM held),
  places AS (
    SELECT e.organisation_id, e.cycle_id, count(*) AS n,
           count(*) FILTER (WHERE e.status = 'completed') AS completed,
           count(*) FILTER (WHERE e.status IN ('completed', 'not_completed')) AS finished
      FROM enrolments e
     WHERE e.enrolled_at IS NOT NULL
       AND (e.organisation_id, e.cycle_id) IN (SELECT organisation_id, cycle_id FROM cycle_months)
     GROUP BY 1, 2
  ),
  -- A finished cycle counts for completion in the month of its last session.
  endings AS (
    SELECT c.organisation_id, c.id AS cycle_id,
           date_trunc('month', max(s.starts_at) AT TIME ZONE 'Europe/Paris')::date AS month
      FROM cycles c
      JOIN cycle_sessions s ON s.organisation_id = c.organisation_id AND s.cycle_id = c.id
     WHERE c.state = 'finished' AND NOT s.cancelled
       AND (c.organisation_id, c.id) IN (SELECT organisation_id, cycle_id FROM cycle_months)
     GROUP BY 1, 2
  ),
  trained AS (
    SELECT a.organisation_id, a.person_id, s.minutes,
           date_trunc('month', s.starts_at AT TIME ZONE 'Europe/Paris')::date AS month
      FROM course_attendance a
      JOIN course_sessions s ON s.organisation_id = a.course_org_id AND s.id = a.session_id, bounds b
     WHERE a.presence = 'present' AND NOT s.cancelled AND s.starts_at >= b.t0 AND s.starts_at < b.t1
  )
  -- In a structure's door, its own cells only (an organiser may read its guests' attendance).
  SELECT * FROM (
  SELECT c.organisation_id, c.month, 'referrals', c.referrer_key::text || ':' || c.status, sum(c.n)
    FROM referral_month_counts c
   WHERE c.month BETWEEN p_from AND p_to AND (p_site IS NULL OR c.site_key = p_site)
   GROUP BY 1, 2, 4 HAVING sum(c.n) <> 0
  UNION ALL
  SELECT d.organisation_id, d.month, 'delay_' || d.measure, d.days::text, sum(d.n)
    FROM referral_month_delays d
   WHERE d.month BETWEEN p_from AND p_to AND (p_site IS NULL OR d.site_key = p_site)
   GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0
  UNION ALL
  SELECT h.organisation_id, h.month, f.figure, '', sum(f.n)
    FROM held h
   CROSS JOIN LATERAL (VALUES ('sessions_held', 1), ('attendance_present', h.present_count),
                              ('attendance_recorded', h.recorded_count)) AS f (figure, n)
   GROUP BY 1, 2, 3
  UNION ALL
  -- By month, and for the period (a cycle over three months counts once there).
  SELECT m.organisation_id, m.month, f.figure, '', sum(f.n)
    FROM (SELECT organisation_id, cycle_id, month FROM cycle_months
          UNION ALL
          SELECT DISTINCT organisation_id, cycle_id, NULL::date FROM cycle_months) m
    LEFT JOIN places p ON p.organisation_id = m.organisation_id AND p.cycle_id = m.cycle_id
   CROSS JOIN LATERAL (VALUES ('cycles_run', 1::bigint), ('participants', coalesce(p.n, 0))) AS f (figure, n)
   GROUP BY 1, 2, 3
  UNION ALL
  SELECT e.organisation_id, e.month, f.figure, '', sum(f.n)
    FROM endings e
    JOIN places p ON p.organisation_id = e.organisation_id AND p.cycle_id = e.cycle_id
   CROSS JOIN LATERAL (VALUES ('completed', p.completed), ('finished_places', p.finished)) AS f (figure, n)
   WHERE e.month BETWEEN p_from AND p_to
   GROUP BY 1, 2, 3
  UNION ALL
  -- Skills: counted per competence first (a few rows), then per area. A competence counts
  -- when it was assessed at both checks (`improved` is NULL without a start).
  SELECT k.organisation_id, k.month, f.figure, a.area, sum(f.n)
    FROM (SELECT e.organisation_id, date_trunc('month', e.assessed_at AT TIME ZONE 'Europe/Paris')::date AS month,
                 e.competence, count(e.improved) AS assessed, count(*) FILTER (WHERE e.improved) AS improved
            FROM skills_checks e
            CROSS JOIN bounds b
           WHERE e.moment = 'end' AND e.assessed_at >= b.t0 AND e.assessed_at < b.t1
             AND (p_site IS NULL OR (e.organisation_id, e.enrolment_id) IN (
                   SELECT en.organisation_id, en.id FROM enrolments en
                     JOIN cycles c ON c.organisation_id = en.organisation_id AND c.id = en.cycle_id
                    WHERE c.site_id = p_site))
           GROUP BY 1, 2, 3) k
    JOIN (VALUES ('keyboard_and_mouse', 'equipment'), ('files', 'office'), ('write_document', 'office'),
                 ('search_the_web', 'internet_and_email'), ('send_email', 'internet_and_email'),
                 ('france_connect', 'online_procedures'), ('complete_procedure', 'online_procedures'),
                 ('ent_sign_in', 'ent_pronote'), ('homework_diary', 'ent_pronote'),
                 ('grades', 'ent_pronote'), ('message_teacher', 'ent_pronote'), ('stay_safe', 'safety')
         ) AS a (competence, area) ON a.competence = k.competence
   CROSS JOIN LATERAL (VALUES ('skills_assessed', k.assessed), ('skills_improved', k.improved)) AS f (figure, n)
   GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT d.organisation_id, NULL::date, 'devices_by_state', d.state, count(*)
    FROM devices d
   WHERE p_site IS NULL OR d.site_id = p_site
   GROUP BY 1, 3, 4
  UNION ALL
  -- Devices by donation first (a few hundred rows), then named by donor.
  SELECT d.organisation_id, d.month, 'devices_received', coalesce(o.name, ''), sum(d.n)
    FROM (SELECT v.organisation_id, date_trunc('month', v.created_at AT TIME ZONE 'Europe/Paris')::date AS month,
                 v.donation_id, count(*) AS n
            FROM devices v CROSS JOIN bounds b
           WHERE v.created_at >= b.t0 AND v.created_at < b.t1 AND (p_site IS NULL OR v.site_id = p_site)
           GROUP BY 1, 2, 3) d
    LEFT JOIN donations n ON n.organisation_id = d.organisation_id AND n.id = d.donation_id
    LEFT JOIN donors o ON o.organisation_id = n.organisation_id AND o.id = n.donor_id
   GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT h.organisation_id, date_trunc('month', h.handed_on)::date, 'handed_over', '', count(*)
    FROM handovers h CROSS JOIN bounds b
   WHERE h.handed_on >= p_from AND h.handed_on < b.d1
     AND (p_site IS NULL OR (h.organisation_id, h.device_id) IN (
           SELECT v.organisation_id, v.id FROM devices v WHERE v.site_id = p_site))
   GROUP BY 1, 2
  UNION ALL
  SELECT t.organisation_id, t.month, f.figure, '', f.n
    FROM (SELECT organisation_id, month, count(DISTINCT person_id) AS people, sum(minutes) AS minutes
            FROM trained GROUP BY GROUPING SETS ((1, 2), (1))) t
   CROSS JOIN LATERAL (VALUES ('people_trained', t.people), ('training_minutes', t.minutes)) AS f (figure, n)
   WHERE t.month IS NOT NULL OR f.figure = 'people_trained'
  UNION ALL
  SELECT v.organisation_id, date_trunc('month', v.validated_on)::date, 'competences_validated', '', count(*)
    FROM competence_validations v CROSS JOIN bounds b
   WHERE v.validated_on >= p_from AND v.validated_on < b.d1
   GROUP BY 1, 2
  ) AS cells (organisation_id, month, figure, key, n)
  WHERE (SELECT app_org_id()) IS NULL OR cells.organisation_id = (SELECT app_org_id())
  $$;
GRANT EXECUTE ON FUNCTION dashboard_cells(date, date, uuid) TO solidaires_app;

-- 4. The one door to cross-structure figures (decision 4 keeps the tenant walls without a
--    bypass). `solidaires_figures` owns the network function and alone reads every
--    structure's rows, through policies of its own; nobody signs in as it and the API's
--    login role is not a member. `solidaires_network` may only execute the function: the
--    `network_tx` door enters it, the request role cannot.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'solidaires_figures') THEN
    CREATE ROLE solidaires_figures NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'solidaires_network') THEN
    CREATE ROLE solidaires_network NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'solidaires_figures', 'MEMBER') THEN
    EXECUTE format('GRANT solidaires_figures TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'solidaires_network', 'MEMBER') THEN
    EXECUTE format('GRANT solidaires_network TO %I', current_user);
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'solidaires_api')
     AND NOT pg_has_role('solidaires_api', 'solidaires_network', 'MEMBER') THEN
    GRANT solidaires_network TO solidaires_api;
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO solidaires_figures, solidaires_network;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['referral_month_counts', 'referral_month_delays', 'cycles',
    'cycle_sessions', 'enrolments', 'skills_checks', 'devices', 'donations', 'donors', 'handovers',
    'course_attendance', 'course_sessions', 'competence_validations'] LOOP
    EXECUTE format('GRANT SELECT ON %I TO solidaires_figures', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO solidaires_figures USING (true)',
                   t || '_network_figures', t);
  END LOOP;
END $$;
GRANT SELECT (id, name, kind) ON organisations TO solidaires_figures;
GRANT EXECUTE ON FUNCTION dashboard_cells(date, date, uuid) TO solidaires_figures;

-- The network's figures for a year, masked, kept for ten minutes: counting them reads 40k
-- sessions and 60k places at network scale and masking them takes a few dozen milliseconds,
-- so a request reads the rows kept. Only masked aggregates are stored. Written and read by
-- the network function only (no privilege for requests).
CREATE TABLE network_snapshots (
  year integer PRIMARY KEY,
  computed_at timestamptz NOT NULL
);
CREATE TABLE network_rows (
  year integer NOT NULL REFERENCES network_snapshots (year) ON DELETE CASCADE,
  position integer NOT NULL,
  structure_id uuid,
  structure_name text,
  month date,
  figure text NOT NULL,
  key text NOT NULL,
  value numeric,
  masking text CHECK (masking IN ('small', 'secondary')),
  PRIMARY KEY (year, position)
);
GRANT SELECT, INSERT, DELETE ON network_snapshots, network_rows TO solidaires_figures;


-- The network's figures for a calendar year: per structure and in total for the year, and in
-- total per month. Only aggregates leave it, masked here: a count from 1 to 4 is 'small'; a
-- count that would let a subtraction give one back (the only masked cell of a row, a column
-- or a year's months whose sum is shown) is 'secondary' (the smallest other non-zero cell,
-- until none is left alone); a median or a rate whose base, part or remainder is from 1 to 4
-- is 'small'. Whole calendar years only: two overlapping periods would give a month back.
CREATE FUNCTION refresh_network_rows(p_year integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  #variable_conflict use_column
  DECLARE
    nil constant text := '00000000-0000-0000-0000-000000000000';
    changed integer;
  BEGIN
    IF EXISTS (SELECT 1 FROM network_snapshots s
                WHERE s.year = p_year AND s.computed_at > now() - interval '10 minutes') THEN
      RETURN;
    END IF;
    -- One refresher at a time; the others read the previous rows meanwhile, or wait when
    -- there are none.
    IF NOT pg_try_advisory_xact_lock(hashtext('network_rows'), p_year) THEN
      IF EXISTS (SELECT 1 FROM network_snapshots s WHERE s.year = p_year) THEN
        RETURN;
      END IF;
      PERFORM pg_advisory_xact_lock(hashtext('network_rows'), p_year);
      IF EXISTS (SELECT 1 FROM network_snapshots s WHERE s.year = p_year) THEN
        RETURN;
      END IF;
    END IF;
    DROP TABLE IF EXISTS pg_temp.nf_sums, pg_temp.nf_out, pg_temp.nf_groups;

    -- Each structure's year (distinct counts from the period's rows, the rest summed over
    -- months), the network's year, and the network's months.
    CREATE TEMP TABLE nf_sums ON COMMIT DROP AS
    WITH cells AS (
      SELECT c.organisation_id AS structure_id, c.month, c.figure, c.key, c.n
        FROM dashboard_cells(make_date(p_year, 1, 1), make_date(p_year, 12, 1), NULL) c
        JOIN organisations o ON o.id = c.organisation_id AND o.kind = 'structure'
       WHERE c.figure <> 'devices_received'
    ), per_structure AS (
      SELECT c.structure_id AS sid, NULL::date AS month, c.figure, c.key, sum(c.n) AS n
        FROM cells c
       WHERE (c.figure IN ('cycles_run', 'participants', 'people_trained', 'devices_by_state'))
             = (c.month IS NULL)
       GROUP BY 1, 3, 4
    )
    SELECT * FROM per_structure
    UNION ALL
    SELECT NULL::uuid, NULL::date, s.figure, s.key, sum(s.n) FROM per_structure s GROUP BY 3, 4
    UNION ALL
    SELECT NULL::uuid, c.month, c.figure, c.key, sum(c.n) FROM cells c WHERE c.month IS NOT NULL
     GROUP BY 2, 3, 4;

    ANALYZE pg_temp.nf_sums;

    CREATE TEMP TABLE nf_out (
      id serial PRIMARY KEY, sid uuid, month date, figure text, key text, value numeric,
      is_count boolean, num numeric, den numeric, masking text
    ) ON COMMIT DROP;

    INSERT INTO nf_out (sid, month, figure, key, value, is_count)
    SELECT o.id, NULL, 'referrals', '', coalesce(sum(s.n), 0), true
      FROM organisations o
      LEFT JOIN nf_sums s ON s.sid = o.id AND s.figure = 'referrals'
     WHERE o.kind = 'structure' GROUP BY o.id
    UNION ALL
    SELECT s.sid, s.month, 'referrals', '', sum(s.n), true FROM nf_sums s
     WHERE s.figure = 'referrals' AND (s.sid IS NULL) GROUP BY 1, 2
    UNION ALL
    SELECT s.sid, s.month, 'referrals_by_source',
           CASE WHEN split_part(s.key, ':', 1) = nil THEN 'structure' ELSE 'referrer' END, sum(s.n), true
      FROM nf_sums s WHERE s.figure = 'referrals' GROUP BY 1, 2, 4
    UNION ALL
    SELECT s.sid, s.month, 'referrals_by_outcome', split_part(s.key, ':', 2), sum(s.n), true
      FROM nf_sums s WHERE s.figure = 'referrals' GROUP BY 1, 2, 4
    UNION ALL
    SELECT s.sid, s.month, CASE s.figure WHEN 'handed_over' THEN 'computers_handed_over' ELSE s.figure END,
           s.key, s.n, true
      FROM nf_sums s
     WHERE s.figure IN ('sessions_held', 'cycles_run', 'participants', 'devices_by_state',
                        'handed_over', 'people_trained', 'competences_validated');

    -- Medians (the lower one, in whole days) from the day histograms.
    INSERT INTO nf_out (sid, month, figure, key, value, is_count, num, den)
    SELECT h.sid, h.month, 'median_days_to_' || substr(h.figure, 7), '',
           min(h.days) FILTER (WHERE h.cum * 2 >= h.total), false, NULL, h.total
      FROM (SELECT s.sid, s.month, s.figure, s.key::integer AS days,
                   sum(s.n) OVER (PARTITION BY s.sid, s.month, s.figure ORDER BY s.key::integer) AS cum,
                   sum(s.n) OVER (PARTITION BY s.sid, s.month, s.figure) AS total
              FROM nf_sums s WHERE s.figure LIKE 'delay\_%') h
     GROUP BY h.sid, h.month, h.figure, h.total;

    -- Rates (percent, one decimal) with their parts, for masking.
    INSERT INTO nf_out (sid, month, figure, key, value, is_count, num, den)
    SELECT r.sid, r.month, r.figure, r.key, round(100.0 * r.num / r.den, 1), false, r.num, r.den
      FROM (SELECT s.sid, s.month, 'attendance_rate' AS figure, '' AS key,
                   sum(s.n) FILTER (WHERE s.figure = 'attendance_present') AS num,
                   sum(s.n) FILTER (WHERE s.figure = 'attendance_recorded') AS den
              FROM nf_sums s WHERE s.figure IN ('attendance_present', 'attendance_recorded')
             GROUP BY 1, 2
            UNION ALL
            SELECT s.sid, s.month, 'completion_rate', '',
                   sum(s.n) FILTER (WHERE s.figure = 'completed'),
                   sum(s.n) FILTER (WHERE s.figure = 'finished_places')
              FROM nf_sums s WHERE s.figure IN ('completed', 'finished_places')
             GROUP BY 1, 2
            UNION ALL
            SELECT s.sid, s.month, 'skills_progress', s.key,
                   sum(s.n) FILTER (WHERE s.figure = 'skills_improved'),
                   sum(s.n) FILTER (WHERE s.figure = 'skills_assessed')
              FROM nf_sums s WHERE s.figure IN ('skills_improved', 'skills_assessed')
             GROUP BY 1, 2, 4) r
     WHERE r.den > 0;

    -- Training hours, whose base is the people trained.
    INSERT INTO nf_out (sid, month, figure, key, value, is_count, num, den)
    SELECT m.sid, m.month, 'training_hours', '', round(m.n / 60.0, 1), false, NULL,
           coalesce(p.n, 0)
      FROM nf_sums m
      LEFT JOIN nf_sums p ON p.figure = 'people_trained' AND p.sid IS NOT DISTINCT FROM m.sid
                         AND p.month IS NOT DISTINCT FROM m.month
     WHERE m.figure = 'training_minutes';

    UPDATE nf_out SET masking = 'small'
     WHERE (is_count AND value BETWEEN 1 AND 4)
        OR (NOT is_count AND (den BETWEEN 1 AND 4 OR num BETWEEN 1 AND 4 OR den - num BETWEEN 1 AND 4));

    -- The sums a reader could subtract from: a column (a figure across structures, summed
    -- in the network's year), a row (a structure's referrals by source, by outcome) and the
    -- network's months (summed in its year).
    CREATE TEMP TABLE nf_groups ON COMMIT DROP AS
    SELECT 'c:' || c.figure || ':' || c.key AS g, c.id AS cell, false AS is_sum
      FROM nf_out c WHERE c.is_count AND c.sid IS NOT NULL
    UNION ALL
    SELECT 'c:' || c.figure || ':' || c.key, c.id, true
      FROM nf_out c WHERE c.is_count AND c.sid IS NULL AND c.month IS NULL
    UNION ALL
    SELECT 'r:' || coalesce(c.sid::text, '') || ':' || coalesce(c.month::text, '') || ':' || c.figure,
           c.id, false
      FROM nf_out c WHERE c.figure IN ('referrals_by_source', 'referrals_by_outcome')
    UNION ALL
    SELECT 'r:' || coalesce(c.sid::text, '') || ':' || coalesce(c.month::text, '') || ':' || f.figure,
           c.id, true
      FROM nf_out c
     CROSS JOIN (VALUES ('referrals_by_source'), ('referrals_by_outcome')) AS f (figure)
     WHERE c.figure = 'referrals'
    UNION ALL
    SELECT 'm:' || c.figure || ':' || c.key, c.id, c.month IS NULL
      FROM nf_out c
     WHERE c.is_count AND c.sid IS NULL
       AND c.figure IN ('referrals', 'referrals_by_source', 'referrals_by_outcome', 'sessions_held',
                        'computers_handed_over', 'competences_validated');

    ANALYZE pg_temp.nf_out;
    ANALYZE pg_temp.nf_groups;
    LOOP
      WITH alone AS (
        SELECT gm.g FROM nf_groups gm JOIN nf_out c ON c.id = gm.cell
         GROUP BY gm.g
        HAVING count(*) FILTER (WHERE c.masking IS NOT NULL AND NOT gm.is_sum) = 1
           AND bool_or(gm.is_sum AND c.masking IS NULL)
      ), pick AS (
        SELECT DISTINCT ON (a.g) c.id
          FROM alone a
          JOIN nf_groups gm ON gm.g = a.g AND NOT gm.is_sum
          JOIN nf_out c ON c.id = gm.cell
         WHERE c.masking IS NULL AND c.value > 0
         ORDER BY a.g, c.value, c.id
      )
      UPDATE nf_out SET masking = 'secondary' WHERE id IN (SELECT id FROM pick);
      GET DIAGNOSTICS changed = ROW_COUNT;
      EXIT WHEN changed = 0;
    END LOOP;

    DELETE FROM network_snapshots s WHERE s.year = p_year;
    INSERT INTO network_snapshots (year, computed_at) VALUES (p_year, now());
    INSERT INTO network_rows (year, position, structure_id, structure_name, month, figure, key, value, masking)
    SELECT p_year, row_number() OVER (ORDER BY o.name NULLS LAST, c.month NULLS FIRST, c.figure, c.key),
           c.sid, o.name, c.month, c.figure, c.key,
           CASE WHEN c.masking IS NULL THEN c.value END, c.masking
      FROM nf_out c LEFT JOIN organisations o ON o.id = c.sid;
  END
  $$;
ALTER FUNCTION refresh_network_rows(integer) OWNER TO solidaires_figures;
REVOKE ALL ON FUNCTION refresh_network_rows(integer) FROM PUBLIC;

CREATE FUNCTION network_figures(p_year integer)
  RETURNS TABLE (structure_id uuid, structure_name text, month date, figure text, key text,
                 value numeric, masking text, computed_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
  #variable_conflict use_column
  BEGIN
    IF p_year NOT BETWEEN 2000 AND 2100 THEN
      RAISE EXCEPTION 'year out of range' USING ERRCODE = '22023';
    END IF;
    PERFORM refresh_network_rows(p_year);
    RETURN QUERY
    SELECT r.structure_id, r.structure_name, r.month, r.figure, r.key, r.value, r.masking, s.computed_at
      FROM network_rows r JOIN network_snapshots s ON s.year = r.year
     WHERE r.year = p_year
     ORDER BY r.position;
  END
  $$;
ALTER FUNCTION network_figures(integer) OWNER TO solidaires_figures;
REVOKE ALL ON FUNCTION network_figures(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION network_figures(integer) TO solidaires_network;

-- 5. The texts a structure writes into its funder report, one set per calendar year.
CREATE TABLE funder_reports (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  context text NOT NULL DEFAULT '' CHECK (length(context) <= 4000),
  highlights text NOT NULL DEFAULT '' CHECK (length(highlights) <= 4000),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, year)
);
ALTER TABLE funder_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE funder_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY funder_reports_tenant ON funder_reports
  USING (organisation_id = (SELECT app_org_id())) WITH CHECK (organisation_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE ON funder_reports TO solidaires_app;
