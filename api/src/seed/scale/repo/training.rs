//! The scale network's training: per structure 30 people of the workshop (two trainers),
//! the default programme, `courses_per_structure` courses of 4 sessions (ten times more in
//! the large structure) with 8 trainees each and their attendance, competences validated,
//! and a ledger line for every workshop step the devices went through.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::platform::error::ApiResult;
use crate::seed::scale::Size;

/// Whether the scale network has its training (networks generated before it do not).
pub fn has_training(conn: &mut PgConnection) -> ApiResult<bool> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let found: Found = diesel::sql_query(
        "SELECT count(*) AS n FROM courses c JOIN organisations o ON o.id = c.organisation_id \
         WHERE o.name LIKE '% (échelle)'",
    )
    .get_result(conn)?;
    Ok(found.n > 0)
}

pub fn generate_training(conn: &mut PgConnection, size: &Size) -> ApiResult<()> {
    conn.transaction(|conn| {
        conn.batch_execute(&script(size))?;
        Ok(())
    })
}

fn script(size: &Size) -> String {
    let (seed, courses) = (size.seed, size.courses_per_structure);
    format!(
        r#"
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL synchronous_commit = off;
SELECT setseed({seed});

CREATE TEMP TABLE scale_tr ON COMMIT DROP AS
SELECT o.id AS org_id, o.name AS org_name, substr(o.short_name, 3)::int AS k,
       (SELECT m.user_id FROM memberships m WHERE m.organisation_id = o.id AND m.role = 'staff' LIMIT 1) AS staff_id,
       (SELECT s.id FROM sites s WHERE s.organisation_id = o.id ORDER BY s.name LIMIT 1) AS site_id
  FROM organisations o WHERE o.kind = 'structure' AND o.name LIKE '% (échelle)';

INSERT INTO training_people (organisation_id, id, name, user_id, is_trainer, external_organisation)
SELECT org_id, md5('scale-person-' || k || '-' || n)::uuid, 'Personne ' || n || ' de ' || k,
       CASE WHEN n = 3 THEN staff_id END, n <= 2, CASE WHEN n <= 2 THEN 'Emmaüs Connect' END
  FROM scale_tr CROSS JOIN generate_series(1, 30) n;

INSERT INTO training_programmes (organisation_id, id, name, is_default)
SELECT org_id, md5('scale-tprog-' || k)::uuid, 'Bases du reconditionnement', true FROM scale_tr;
INSERT INTO training_programme_sessions (organisation_id, programme_id, position, title, minutes, competences)
SELECT org_id, md5('scale-tprog-' || k)::uuid, p, 'Séance ' || (p + 1), (ARRAY[150, 150, 180, 150])[p + 1],
       CASE p WHEN 0 THEN ARRAY['diagnosis'] WHEN 1 THEN ARRAY['data_erasure'] WHEN 2 THEN ARRAY['os_installation']
         ELSE ARRAY['hardware_repair', 'quality_check'] END
  FROM scale_tr CROSS JOIN generate_series(0, 3) p;

CREATE TEMP TABLE scale_co ON COMMIT DROP AS
SELECT t.org_id, t.org_name, t.k, t.staff_id, t.site_id, g.n, md5('scale-course-' || t.k || '-' || g.n)::uuid AS id,
       current_date + 30 - (g.n * 41) % 700 AS first_day
  FROM scale_tr t CROSS JOIN LATERAL generate_series(1, CASE WHEN t.k = 1 THEN {courses} * 10 ELSE {courses} END) g(n);
INSERT INTO courses (organisation_id, id, programme_id, site_id, name, created_by, created_at)
SELECT org_id, id, md5('scale-tprog-' || k)::uuid, site_id, 'Cours n°' || n, staff_id, first_day - 14 FROM scale_co;
INSERT INTO course_trainers (organisation_id, course_id, person_id)
SELECT org_id, id, md5('scale-person-' || k || '-' || (1 + n % 2))::uuid FROM scale_co;
INSERT INTO course_sessions (organisation_id, id, course_id, number, title, starts_at, minutes, competences,
                             attendance_taken_at)
SELECT c.org_id, md5('scale-csession-' || c.id || '-' || s)::uuid, c.id, s, 'Séance ' || s,
       (c.first_day + (s - 1) * 7 + time '09:30') AT TIME ZONE 'Europe/Paris', (ARRAY[150, 150, 180, 150])[s],
       CASE s WHEN 1 THEN ARRAY['diagnosis'] WHEN 2 THEN ARRAY['data_erasure'] WHEN 3 THEN ARRAY['os_installation']
         ELSE ARRAY['hardware_repair', 'quality_check'] END,
       CASE WHEN c.first_day + (s - 1) * 7 < current_date
            THEN (c.first_day + (s - 1) * 7 + time '12:30') AT TIME ZONE 'Europe/Paris' END
  FROM scale_co c CROSS JOIN generate_series(1, 4) s;
INSERT INTO course_trainees (organisation_id, course_org_id, course_id, person_id, trainee_name, structure_name)
SELECT c.org_id, c.org_id, c.id, md5('scale-person-' || c.k || '-' || (3 + (c.n * 8 + j) % 28))::uuid,
       'Personne ' || (3 + (c.n * 8 + j) % 28) || ' de ' || c.k, c.org_name
  FROM scale_co c CROSS JOIN generate_series(0, 7) j
ON CONFLICT DO NOTHING;
INSERT INTO course_attendance (organisation_id, course_org_id, course_id, session_id, person_id, presence,
                               recorded_at, recorded_by)
SELECT t.organisation_id, t.course_org_id, t.course_id, s.id, t.person_id,
       CASE WHEN random() < 0.85 THEN 'present' WHEN random() < 0.5 THEN 'excused' ELSE 'absent' END,
       s.attendance_taken_at, c.staff_id
  FROM course_trainees t
  JOIN scale_co c ON c.org_id = t.course_org_id AND c.id = t.course_id
  JOIN course_sessions s ON s.organisation_id = c.org_id AND s.course_id = c.id
 WHERE s.attendance_taken_at IS NOT NULL;

INSERT INTO competence_validations (organisation_id, person_id, competence, validated_on, validated_by, validator_name)
SELECT t.org_id, md5('scale-person-' || t.k || '-' || n)::uuid, comp, current_date - 30, t.staff_id, 'Formateur Emmaüs Connect'
  FROM scale_tr t CROSS JOIN generate_series(3, 30) n
 CROSS JOIN LATERAL unnest(ARRAY['diagnosis', 'data_erasure', 'os_installation', 'quality_check']) WITH ORDINALITY AS c(comp, i)
 WHERE (n + i) % 3 <> 0;

-- The ledger of the devices' steps: the staff member (person 3) did them.
INSERT INTO workshop_ledger (organisation_id, id, device_id, step, user_id, person_id, trained, at)
SELECT e.organisation_id, md5('scale-ledger-' || e.id)::uuid, e.device_id,
       CASE e.to_state WHEN 'diagnosed' THEN 'diagnosis' WHEN 'erased' THEN 'erasure'
                       WHEN 'os_installed' THEN 'os_installation' ELSE 'quality_check' END,
       e.actor_id, md5('scale-person-' || t.k || '-3')::uuid, random() < 0.7, e.at
  FROM device_events e JOIN scale_tr t ON t.org_id = e.organisation_id
 WHERE e.to_state IN ('diagnosed', 'erased', 'os_installed')
    OR (e.to_state = 'ready' AND e.from_state IN ('os_installed', 'returned'));

ANALYZE training_people, courses, course_sessions, course_trainees, course_attendance, competence_validations,
        workshop_ledger;
"#
    )
}
