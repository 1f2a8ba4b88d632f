//! The scale data set in SQL: generated inside PostgreSQL (`generate_series`, one statement
//! per table), so that hundreds of thousands of rows take a minute, not an hour. Ids are
//! md5 digests of each row's position, and `setseed` fixes `random()`: the same seed and size
//! give the same data. Runs as the owner, outside the request doors (row-level security
//! does not apply to the owner in the embedded mode; with `DATABASE_URL` the owner needs
//! to be a superuser or have BYPASSRLS).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

pub mod training;
pub mod workshop;

use super::Size;
use crate::platform::error::ApiResult;

/// Whether the scale network is already there (it is generated once per database).
pub fn already_seeded(conn: &mut PgConnection) -> ApiResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Found =
        diesel::sql_query("SELECT count(*) AS n FROM organisations WHERE name LIKE '% (échelle)'")
            .get_result(conn)?;
    Ok(found.n > 0)
}

/// Row counts of the generated tables, for the summary.
pub fn counts(conn: &mut PgConnection) -> ApiResult<Vec<(String, i64)>> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let rows: Vec<Count> = diesel::sql_query(
        "SELECT 'organisations' AS name, count(*) AS n FROM organisations \
         UNION ALL SELECT 'users', count(*) FROM users \
         UNION ALL SELECT 'households', count(*) FROM households \
         UNION ALL SELECT 'household_members', count(*) FROM household_members \
         UNION ALL SELECT 'referrals', count(*) FROM referrals \
         UNION ALL SELECT 'referral_events', count(*) FROM referral_events \
         UNION ALL SELECT 'notifications', count(*) FROM notifications \
         UNION ALL SELECT 'cycles', count(*) FROM cycles \
         UNION ALL SELECT 'cycle_sessions', count(*) FROM cycle_sessions \
         UNION ALL SELECT 'enrolments', count(*) FROM enrolments \
         UNION ALL SELECT 'attendance', count(*) FROM attendance \
         UNION ALL SELECT 'devices', count(*) FROM devices \
         UNION ALL SELECT 'device_events', count(*) FROM device_events \
         UNION ALL SELECT 'courses', count(*) FROM courses \
         UNION ALL SELECT 'course_attendance', count(*) FROM course_attendance \
         UNION ALL SELECT 'workshop_ledger', count(*) FROM workshop_ledger",
    )
    .load(conn)?;
    Ok(rows.into_iter().map(|c| (c.name, c.n)).collect())
}

/// Whether the scale network has its cycles (networks generated before cycles existed
/// get them on the next `seed-scale`).
pub fn has_cycles(conn: &mut PgConnection) -> ApiResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(
        "SELECT count(*) AS n FROM cycles c JOIN organisations o ON o.id = c.organisation_id \
         WHERE o.name LIKE '% (échelle)'",
    )
    .get_result(conn)?;
    Ok(found.n > 0)
}

/// Generates the whole network in one transaction.
pub fn generate(conn: &mut PgConnection, size: &Size, password_hash: &str) -> ApiResult<()> {
    conn.transaction(|conn| {
        diesel::sql_query("SELECT set_config('scale.password_hash', $1, true)")
            .bind::<Text, _>(password_hash)
            .execute(conn)?;
        conn.batch_execute(&script(size))?;
        conn.batch_execute(&cycles_script(size))?;
        Ok(())
    })
}

/// Adds the cycles to a scale network generated without them.
pub fn generate_cycles(conn: &mut PgConnection, size: &Size) -> ApiResult<()> {
    conn.transaction(|conn| {
        conn.batch_execute(&cycles_script(size))?;
        Ok(())
    })
}

/// Cycles of the scale network, read from its structures and households: per structure, a
/// default programme of 8 modules and `cycles_per_structure` cycles over two years (planned,
/// running and finished), 8 weekly sessions each at 14:00 Paris time, 10 people with a place,
/// their attendance at every session held (78 % present, 10 % excused) and, in finished
/// cycles, whether they completed.
fn cycles_script(size: &Size) -> String {
    let (seed, cycles) = (size.seed, size.cycles_per_structure);
    format!(
        r#"
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL synchronous_commit = off;
SELECT setseed({seed});

CREATE TEMP TABLE scale_cs ON COMMIT DROP AS
SELECT o.id AS org_id, substr(o.short_name, 3)::int AS k,
       (SELECT m.user_id FROM memberships m WHERE m.organisation_id = o.id AND m.role = 'staff' LIMIT 1) AS staff_id,
       (SELECT s.id FROM sites s WHERE s.organisation_id = o.id ORDER BY s.name DESC LIMIT 1) AS site_id
  FROM organisations o WHERE o.kind = 'structure' AND o.name LIKE '% (échelle)';

INSERT INTO programmes (organisation_id, id, name, is_default)
SELECT org_id, md5('scale-programme-' || k)::uuid, 'Parcours numérique des familles', true FROM scale_cs;
INSERT INTO programme_modules (organisation_id, programme_id, position, title, duration_minutes, themes)
SELECT org_id, md5('scale-programme-' || k)::uuid, m, 'Module ' || (m + 1), 120, ARRAY['equipment']
  FROM scale_cs CROSS JOIN generate_series(0, 7) m;

-- The people who take part: reference persons of the structure's households, in turn.
CREATE TEMP TABLE scale_people ON COMMIT DROP AS
SELECT h.organisation_id AS org_id, h.id AS household_id, m.id AS member_id,
       row_number() OVER (PARTITION BY h.organisation_id ORDER BY h.id) AS rn
  FROM households h JOIN scale_cs c ON c.org_id = h.organisation_id
  JOIN household_members m ON m.organisation_id = h.organisation_id AND m.household_id = h.id AND m.position = 0;
CREATE INDEX ON scale_people (org_id, rn);
CREATE TEMP TABLE scale_people_count ON COMMIT DROP AS
SELECT org_id, count(*) AS n FROM scale_people GROUP BY org_id;

CREATE TEMP TABLE scale_cy ON COMMIT DROP AS
SELECT c.org_id, c.k, c.staff_id, c.site_id, g.n, md5('scale-cycle-' || c.k || '-' || g.n)::uuid AS id,
       (current_date + 60 - (g.n * 37) % 760) AS first_day
  FROM scale_cs c CROSS JOIN generate_series(1, {cycles}) g(n);
INSERT INTO cycles (organisation_id, id, programme_id, site_id, name, capacity, state, weekdays,
                    start_time, duration_minutes, first_day, created_by, created_at)
SELECT org_id, id, md5('scale-programme-' || k)::uuid, site_id, 'Cycle n°' || n, 12,
       CASE WHEN first_day > current_date THEN 'planned'
            WHEN first_day + 56 < current_date THEN 'finished' ELSE 'running' END,
       ARRAY[(ARRAY['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])[1 + extract(dow FROM first_day)::int]],
       '14:00', 120, first_day, staff_id, first_day - 14
  FROM scale_cy;
INSERT INTO cycle_facilitators (organisation_id, cycle_id, user_id) SELECT org_id, id, staff_id FROM scale_cy;
INSERT INTO cycle_sessions (organisation_id, id, cycle_id, number, title, starts_at, ends_at, attendance_taken_at)
SELECT y.org_id, md5('scale-session-' || y.id || '-' || s)::uuid, y.id, s, 'Module ' || s,
       (y.first_day + (s - 1) * 7 + time '14:00') AT TIME ZONE 'Europe/Paris',
       (y.first_day + (s - 1) * 7 + time '16:00') AT TIME ZONE 'Europe/Paris',
       CASE WHEN y.first_day + (s - 1) * 7 < current_date
            THEN (y.first_day + (s - 1) * 7 + time '16:00') AT TIME ZONE 'Europe/Paris' END
  FROM scale_cy y CROSS JOIN generate_series(1, 8) s;
INSERT INTO enrolments (organisation_id, id, cycle_id, household_id, member_id, status, enrolled_at,
                        created_by, created_at)
SELECT y.org_id, md5('scale-enrolment-' || y.id || '-' || j)::uuid, y.id, p.household_id, p.member_id,
       'enrolled', y.first_day - 7, y.staff_id, y.first_day - 7
  FROM scale_cy y JOIN scale_people_count pc ON pc.org_id = y.org_id
 CROSS JOIN LATERAL generate_series(0, LEAST(9, pc.n - 1)) j
  JOIN scale_people p ON p.org_id = y.org_id AND p.rn = 1 + (y.n * 10 + j) % pc.n;
UPDATE cycles c SET enrolled_count = e.n
  FROM (SELECT organisation_id, cycle_id, count(*) AS n FROM enrolments GROUP BY 1, 2) e, scale_cy y
 WHERE c.organisation_id = e.organisation_id AND c.id = e.cycle_id AND y.org_id = c.organisation_id AND y.id = c.id;

INSERT INTO attendance (organisation_id, cycle_id, session_id, enrolment_id, presence, recorded_at, recorded_by)
SELECT org_id, cycle_id, session_id, enrolment_id,
       CASE WHEN r < 0.78 THEN 'present' WHEN r < 0.88 THEN 'excused' ELSE 'absent' END, at, staff_id
  FROM (SELECT s.organisation_id AS org_id, s.cycle_id, s.id AS session_id, e.id AS enrolment_id,
               s.attendance_taken_at AS at, y.staff_id, random() AS r
          FROM scale_cy y
          JOIN cycle_sessions s ON s.organisation_id = y.org_id AND s.cycle_id = y.id
          JOIN enrolments e ON e.organisation_id = y.org_id AND e.cycle_id = y.id
         WHERE s.attendance_taken_at IS NOT NULL) q;

-- Finished cycles sorted their people: completed at 6 sessions present.
UPDATE enrolments e
   SET status = CASE WHEN a.present >= 6 THEN 'completed' ELSE 'not_completed' END,
       ended_at = y.first_day + 50
  FROM scale_cy y, cycles c,
       (SELECT organisation_id, enrolment_id, count(*) FILTER (WHERE presence = 'present') AS present
          FROM attendance GROUP BY 1, 2) a
 WHERE c.organisation_id = y.org_id AND c.id = y.id AND c.state = 'finished'
   AND e.organisation_id = c.organisation_id AND e.cycle_id = c.id
   AND a.organisation_id = e.organisation_id AND a.enrolment_id = e.id;

ANALYZE cycles, cycle_sessions, enrolments, attendance;
{SKILLS}"#
    )
}

/// The skills checks of the people of the scale network's finished cycles: four competences
/// (one per area of the cycle's main themes) at the first and the last session, one level up
/// for about half of them.
const SKILLS: &str = r#"
INSERT INTO skills_checks (organisation_id, enrolment_id, moment, competence, level, assessed_at, assessed_by)
SELECT e.organisation_id, e.id, m.moment, k.competence,
       CASE WHEN m.moment = 'start' OR random() >= 0.55 THEN 'accompanied' ELSE 'partly_autonomous' END,
       CASE WHEN m.moment = 'start' THEN s.first_at ELSE s.last_at END, c.created_by
  FROM cycles c
  JOIN organisations o ON o.id = c.organisation_id AND o.name LIKE '% (échelle)'
  JOIN (SELECT organisation_id, cycle_id, min(starts_at) AS first_at, max(starts_at) AS last_at
          FROM cycle_sessions WHERE NOT cancelled GROUP BY 1, 2) s
    ON s.organisation_id = c.organisation_id AND s.cycle_id = c.id
  JOIN enrolments e ON e.organisation_id = c.organisation_id AND e.cycle_id = c.id
                   AND e.status IN ('completed', 'not_completed')
 CROSS JOIN (VALUES ('start'), ('end')) AS m (moment)
 CROSS JOIN (VALUES ('keyboard_and_mouse'), ('send_email'), ('france_connect'), ('ent_sign_in')) AS k (competence)
 WHERE c.state = 'finished';
ANALYZE skills_checks;
"#;

/// Whether the scale network's finished cycles have their skills checks.
pub fn has_skills(conn: &mut PgConnection) -> ApiResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(
        "SELECT count(*) AS n FROM enrolments e \
           JOIN organisations o ON o.id = e.organisation_id AND o.name LIKE '% (échelle)' \
           JOIN cycles c ON c.organisation_id = e.organisation_id AND c.id = e.cycle_id AND c.state = 'finished' \
          WHERE e.status IN ('completed', 'not_completed') \
            AND NOT EXISTS (SELECT 1 FROM skills_checks k \
                             WHERE k.organisation_id = e.organisation_id AND k.enrolment_id = e.id)",
    )
    .get_result(conn)?;
    // Done when no place of a finished cycle lacks its checks (a tiny network may have none).
    Ok(found.n == 0)
}

/// Adds the skills checks to a scale network generated without them.
pub fn generate_skills(conn: &mut PgConnection) -> ApiResult<()> {
    conn.transaction(|conn| {
        conn.batch_execute(SKILLS)?;
        Ok(())
    })
}

/// The generating script; every number in it comes from `Size` (integers and a float).
fn script(size: &Size) -> String {
    let Size {
        seed,
        structures,
        referrers,
        big_households,
        big_referrals,
        households_per_structure,
        referrals_per_structure,
        ..
    } = *size;
    format!(
        r#"
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL synchronous_commit = off;
SELECT setseed({seed});

CREATE TEMP TABLE scale_pool ON COMMIT DROP AS SELECT
  ARRAY['Fatima','Karim','Nadia','Mohamed','Sophie','Julien','Aïcha','Sébastien','Amina','Thomas',
        'Leïla','Nicolas','Yasmina','David','Hélène','Rachid','Céline','Mehdi','Nathalie','Kévin',
        'Samira','Jérôme','Malika','Ludovic','Chloé','Bilal','Emma','Youssef','Inès','Dylan'] AS firsts,
  ARRAY['Benali','Petit','Mansouri','Lefebvre','Dubois','Haddad','Martin','Bernard','Leroy','Moreau',
        'Diallo','Lambert','Bouzid','Roussel','Fontaine','Chevalier','Mercier','Boucher','Cherif','Girard',
        'Lemaire','Kaci','Dupont','Fournier','Traoré','Morel','Brahimi','Garnier','Caron','Duhamel'] AS lasts,
  ARRAY['Raismes','Valenciennes','Anzin','Denain','Saint-Amand-les-Eaux','Fresnes-sur-Escaut',
        'Condé-sur-l''Escaut','Onnaing','Marly','Bruay-sur-l''Escaut'] AS communes,
  ARRAY['59590','59300','59410','59220','59230','59970','59163','59264','59770','59860'] AS postcodes,
  ARRAY['outside_area','not_eligible','no_capacity','could_not_contact','no_longer_interested','duplicate','other'] AS reasons;

CREATE FUNCTION pg_temp.fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT btrim(regexp_replace(translate(lower(t), 'àâäéèêëîïôöùûüç''-', 'aaaeeeeiioouuuc  '), '\s+', ' ', 'g'))
$f$;
CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $f$
  SELECT a[1 + floor(random() * array_length(a, 1))::int]
$f$;

-- Organisations: structure 1 is the large one; then the structures, then the referrers.
CREATE TEMP TABLE scale_orgs ON COMMIT DROP AS
SELECT k, md5('scale-org-' || k)::uuid AS id,
       CASE WHEN k <= {structures} THEN 'structure' ELSE 'referrer' END AS kind,
       CASE WHEN k = 1 THEN 'Grand centre social du Hainaut (échelle)'
            WHEN k <= {structures} THEN 'Centre social n°' || k || ' (échelle)'
            ELSE 'Service orienteur n°' || (k - {structures}) || ' (échelle)' END AS name,
       CASE WHEN k <= {structures} THEN 'CS' || k ELSE 'OR' || (k - {structures}) END AS short_name,
       CASE WHEN k <= {structures} THEN 's' || k ELSE 'r' || (k - {structures}) END AS slug
  FROM generate_series(1, {structures} + {referrers}) k;
INSERT INTO organisations (id, kind, name, short_name)
SELECT id, kind, name, short_name FROM scale_orgs;

-- People: an admin and a receptionist per structure, a referrer per referring service.
CREATE TEMP TABLE scale_users ON COMMIT DROP AS
SELECT md5('scale-user-' || o.k || '-' || r.role)::uuid AS id, o.id AS org_id, o.kind, r.role,
       r.role || '@' || o.slug || '.scale.test' AS email,
       initcap(r.role) || ' ' || o.short_name AS name
  FROM scale_orgs o
  JOIN (VALUES ('admin', 'structure'), ('staff', 'structure'), ('referrer', 'referrer')) r(role, kind)
    ON r.kind = o.kind;
INSERT INTO users (id, email, name, password_hash)
SELECT id, email, name, current_setting('scale.password_hash') FROM scale_users;
INSERT INTO memberships (organisation_id, user_id, organisation_kind, role)
SELECT org_id, id, kind, role FROM scale_users;

-- Two sites per structure; every referring service works with every structure.
INSERT INTO sites (organisation_id, id, organisation_kind, name, city)
SELECT o.id, md5('scale-site-' || o.k || '-' || j)::uuid, 'structure',
       CASE j WHEN 1 THEN 'Siège' ELSE 'Antenne' END, p.communes[1 + (o.k + j) % 10]
  FROM scale_orgs o CROSS JOIN generate_series(1, 2) j CROSS JOIN scale_pool p
 WHERE o.kind = 'structure';
INSERT INTO partnerships (organisation_id, id, organisation_kind, referrer_id, referrer_kind)
SELECT s.id, md5('scale-partner-' || s.k || '-' || r.k)::uuid, 'structure', r.id, 'referrer'
  FROM scale_orgs s CROSS JOIN scale_orgs r
 WHERE s.kind = 'structure' AND r.kind = 'referrer';

-- Households, with their reference person drawn from the pools.
CREATE TEMP TABLE scale_hh ON COMMIT DROP AS
SELECT o.id AS org_id, o.k, g.n, md5('scale-hh-' || o.k || '-' || g.n)::uuid AS id,
       pg_temp.pick(p.firsts) AS first_name, pg_temp.pick(p.lasts) AS last_name,
       1960 + floor(random() * 40)::int AS birth_year,
       floor(random() * 10)::int AS place,
       '+336' || lpad(floor(random() * 100000000)::text, 8, '0') AS phone,
       floor(random() * 4)::int AS children,
       now() - random() * interval '1095 days' AS created_at
  FROM scale_orgs o
 CROSS JOIN LATERAL generate_series(1, CASE WHEN o.k = 1 THEN {big_households} ELSE {households_per_structure} END) g(n)
 CROSS JOIN scale_pool p
 WHERE o.kind = 'structure';
INSERT INTO households (organisation_id, id, commune, postcode, preferred_contact, phone, needs,
                        search_text, sort_name, created_at, created_by, updated_at, updated_by)
SELECT h.org_id, h.id, p.communes[1 + h.place], p.postcodes[1 + h.place], 'phone', h.phone,
       ARRAY['no_computer', 'school_follow_up'],
       pg_temp.fold(h.first_name || ' ' || h.last_name) || ' ' || pg_temp.fold(h.last_name || ' ' || h.first_name)
         || ' ' || h.phone || ' 0' || substr(h.phone, 4),
       pg_temp.fold(h.last_name || ' ' || h.first_name),
       h.created_at, u.id, h.created_at, u.id
  FROM scale_hh h CROSS JOIN scale_pool p
  JOIN scale_users u ON u.org_id = h.org_id AND u.role = 'staff';
INSERT INTO household_members (organisation_id, id, household_id, position, first_name, last_name,
                               birth_year, role, school_level, folded_name)
SELECT h.org_id, md5('scale-member-' || h.id || '-' || m)::uuid, h.id, m,
       CASE WHEN m = 0 THEN h.first_name ELSE pg_temp.pick(p.firsts) END, h.last_name,
       CASE WHEN m = 0 THEN h.birth_year ELSE 2008 + floor(random() * 12)::int END,
       CASE WHEN m = 0 THEN 'reference' ELSE 'child' END,
       CASE WHEN m = 0 THEN NULL ELSE (ARRAY['primaire', 'college', 'lycee'])[1 + m % 3] END,
       pg_temp.fold(CASE WHEN m = 0 THEN h.first_name ELSE 'enfant' || m END || ' ' || h.last_name)
  FROM scale_hh h CROSS JOIN scale_pool p CROSS JOIN LATERAL generate_series(0, h.children) m;

ANALYZE scale_hh;

-- Referrals over three years, in every state; each names a household of the structure.
CREATE TEMP TABLE scale_ref ON COMMIT DROP AS
SELECT o.id AS org_id, o.k, g.n, md5('scale-ref-' || o.k || '-' || g.n)::uuid AS id,
       random() AS r_status, random() < 0.7 AS from_referrer, random() < 0.6 AS share,
       {structures} + 1 + g.n % {referrers} AS referrer_k,
       1 + (g.n - 1) % (CASE WHEN o.k = 1 THEN {big_households} ELSE {households_per_structure} END) AS hh_n,
       now() - random() * interval '1095 days' AS submitted_at,
       random() * interval '10 days' AS decision_delay
  FROM scale_orgs o
 CROSS JOIN LATERAL generate_series(1, CASE WHEN o.k = 1 THEN {big_referrals} ELSE {referrals_per_structure} END) g(n)
 WHERE o.kind = 'structure';
ALTER TABLE scale_ref ADD COLUMN status text;
UPDATE scale_ref SET status = CASE
  WHEN r_status < 0.08 THEN 'submitted' WHEN r_status < 0.15 THEN 'accepted'
  WHEN r_status < 0.27 THEN 'declined' WHEN r_status < 0.32 THEN 'waitlisted'
  WHEN r_status < 0.47 THEN 'enrolled' WHEN r_status < 0.87 THEN 'completed'
  WHEN r_status < 0.92 THEN 'dropped_out' ELSE 'expired' END;
-- A submitted referral waits; an expired one waited 30 days.
UPDATE scale_ref SET submitted_at = now() - random() * interval '9 days' WHERE status = 'submitted';
UPDATE scale_ref SET decision_delay = interval '30 days' WHERE status = 'expired';
ANALYZE scale_ref;

INSERT INTO referrals (organisation_id, id, source, referrer_org_id, created_by, site_id,
                       first_name, last_name, birth_year, phone, preferred_contact, postcode, commune,
                       needs, consent_given_on, consent_text_version, share_progress, status,
                       decline_reason, household_id, cycle_start_date, sessions_planned,
                       sessions_attended, device_handed_over_on, submitted_at, decided_at,
                       folded_name, created_at, updated_at)
SELECT r.org_id, r.id,
       CASE WHEN r.from_referrer THEN 'referrer' ELSE 'structure' END,
       CASE WHEN r.from_referrer THEN ro.id END,
       CASE WHEN r.from_referrer THEN ru.id ELSE su.id END,
       md5('scale-site-' || r.k || '-1')::uuid,
       h.first_name, h.last_name, h.birth_year, h.phone, 'phone',
       p.postcodes[1 + h.place], p.communes[1 + h.place],
       ARRAY['no_computer', 'school_follow_up'],
       CASE WHEN r.from_referrer THEN r.submitted_at::date END,
       CASE WHEN r.from_referrer THEN '2026-09' END,
       r.share, r.status,
       CASE WHEN r.status = 'declined' THEN pg_temp.pick(p.reasons) END,
       CASE WHEN r.status IN ('accepted', 'enrolled', 'completed', 'dropped_out') THEN h.id END,
       CASE WHEN r.status IN ('enrolled', 'completed', 'dropped_out') THEN (r.submitted_at + r.decision_delay + interval '14 days')::date END,
       CASE WHEN r.status IN ('enrolled', 'completed', 'dropped_out') THEN 8 END,
       CASE WHEN r.status = 'completed' THEN 6 + floor(random() * 3)::int
            WHEN r.status IN ('enrolled', 'dropped_out') THEN floor(random() * 6)::int END,
       CASE WHEN r.status = 'completed' THEN (r.submitted_at + r.decision_delay + interval '80 days')::date END,
       r.submitted_at,
       CASE WHEN r.status <> 'submitted' THEN r.submitted_at + r.decision_delay END,
       pg_temp.fold(h.first_name || ' ' || h.last_name),
       r.submitted_at, r.submitted_at + r.decision_delay
  FROM scale_ref r CROSS JOIN scale_pool p
  JOIN scale_hh h ON h.org_id = r.org_id AND h.n = r.hh_n
  JOIN scale_orgs ro ON ro.k = r.referrer_k
  JOIN scale_users ru ON ru.org_id = ro.id
  JOIN scale_users su ON su.org_id = r.org_id AND su.role = 'staff';

-- Histories: each state a referral went through, with who moved it and when.
CREATE TEMP TABLE scale_path (status text, step int, from_status text, to_status text, days int) ON COMMIT DROP;
INSERT INTO scale_path VALUES
  ('accepted', 1, 'submitted', 'accepted', 0), ('declined', 1, 'submitted', 'declined', 0),
  ('waitlisted', 1, 'submitted', 'waitlisted', 0), ('expired', 1, 'submitted', 'expired', 0),
  ('enrolled', 1, 'submitted', 'accepted', 0), ('enrolled', 2, 'accepted', 'enrolled', 14),
  ('completed', 1, 'submitted', 'accepted', 0), ('completed', 2, 'accepted', 'enrolled', 14),
  ('completed', 3, 'enrolled', 'completed', 80),
  ('dropped_out', 1, 'submitted', 'accepted', 0), ('dropped_out', 2, 'accepted', 'enrolled', 14),
  ('dropped_out', 3, 'enrolled', 'dropped_out', 40);
INSERT INTO referral_events (organisation_id, id, referral_id, referrer_org_id, from_status, to_status,
                             actor_user_id, actor_org_id, actor_role, at)
SELECT r.organisation_id, md5('scale-event-' || r.id || '-0')::uuid, r.id, r.referrer_org_id,
       NULL, 'submitted', r.created_by, coalesce(r.referrer_org_id, r.organisation_id),
       CASE WHEN r.source = 'referrer' THEN 'referrer' ELSE 'staff' END, r.submitted_at
  FROM referrals r JOIN scale_ref s ON s.org_id = r.organisation_id AND s.id = r.id;
INSERT INTO referral_events (organisation_id, id, referral_id, referrer_org_id, from_status, to_status,
                             actor_user_id, actor_org_id, actor_role, reason, at)
SELECT r.organisation_id, md5('scale-event-' || r.id || '-' || pa.step)::uuid, r.id, r.referrer_org_id,
       pa.from_status, pa.to_status,
       CASE WHEN pa.to_status = 'expired' THEN NULL ELSE su.id END,
       CASE WHEN pa.to_status = 'expired' THEN NULL ELSE r.organisation_id END,
       CASE WHEN pa.to_status = 'expired' THEN 'system' ELSE 'staff' END,
       CASE WHEN pa.to_status = 'declined' THEN r.decline_reason END,
       s.submitted_at + s.decision_delay + pa.days * interval '1 day'
  FROM referrals r JOIN scale_ref s ON s.org_id = r.organisation_id AND s.id = r.id
  JOIN scale_path pa ON pa.status = r.status
  JOIN scale_users su ON su.org_id = r.organisation_id AND su.role = 'staff';

-- What referrers were told: the answer always, the later milestones when the family agreed.
INSERT INTO notifications (organisation_id, id, kind, referral_id, structure_id, status, created_at, read_at)
SELECT e.referrer_org_id, md5('scale-notification-' || e.id)::uuid, 'referral_status', e.referral_id,
       e.organisation_id, e.to_status, e.at,
       CASE WHEN random() < 0.8 THEN e.at + interval '1 day' END
  FROM referral_events e
  JOIN referrals r ON r.organisation_id = e.organisation_id AND r.id = e.referral_id
  JOIN scale_ref s ON s.org_id = r.organisation_id AND s.id = r.id
 WHERE e.referrer_org_id IS NOT NULL AND e.from_status IS NOT NULL
   AND (e.from_status = 'submitted' OR r.share_progress);

ANALYZE;
"#
    )
}
