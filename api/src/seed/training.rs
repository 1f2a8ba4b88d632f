//! The demo's training: a 4-session course "Bases du reconditionnement" organised by the
//! AMQR with an Emmaüs Connect trainer, three trainees of its own and three of the ACSRV
//! (invited), all sessions held, competences partly validated. Seeded before the workshop,
//! so that its steps are done by trained and untrained people.

use chrono::{Duration, NaiveTime, Utc};
use uuid::Uuid;

use crate::cycles::domain::{paris_instant, Presence};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::training::domain::TrainingCompetence;
use crate::training::repo::courses::{self, NewCourse};
use crate::training::repo::people::{self, NewPerson};
use crate::training::repo::records::{self, Mark, NewValidation};

const TRAINER: &str = "Sylvain Roche (Emmaüs Connect)";

fn new_person(name: &str, user: Option<Uuid>, trainer: bool) -> NewPerson {
    NewPerson {
        name: name.to_owned(),
        user_id: user,
        is_trainer: trainer,
        external_organisation: trainer.then(|| "Emmaüs Connect".to_owned()),
        email: None,
        phone: None,
    }
}

fn validate(
    conn: &mut TenantConn<'_>,
    org: Uuid,
    person: Uuid,
    course: (Uuid, Uuid),
    list: &[TrainingCompetence],
) -> ApiResult<()> {
    for competence in list {
        records::validate(
            conn,
            &NewValidation {
                trainee_org: org,
                person,
                competence: *competence,
                validated_on: Utc::now().date_naive() - Duration::days(30),
                validator_name: TRAINER,
                course: Some(course),
                comment: None,
            },
        )?;
    }
    Ok(())
}

/// The AMQR's course, its people and their attendance; the ACSRV is invited.
pub fn seed_amqr(
    conn: &mut TenantConn<'_>,
    staff: Uuid,
    volunteer: Uuid,
    acsrv: Uuid,
) -> ApiResult<()> {
    use TrainingCompetence::*;
    let org = conn.org_id();
    let trainer = people::insert(conn, &new_person("Sylvain Roche", None, true))?;
    let jean = people::insert(conn, &new_person("Jean Dupont", Some(volunteer), false))?;
    let camille = people::insert(conn, &new_person("Camille Martin", Some(staff), false))?;
    let mireille = people::insert(conn, &new_person("Mireille Caron", None, false))?;
    let (programme, _, planned) = people::default_programme(conn)?;
    let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default();
    let first = Utc::now().date_naive() - Duration::weeks(8);
    let sessions: Vec<_> = planned
        .into_iter()
        .enumerate()
        .map(|(i, (title, minutes, competences))| {
            (
                title,
                paris_instant(first + Duration::weeks(i as i64), nine_thirty),
                minutes,
                competences,
            )
        })
        .collect();
    let site = crate::organisations::sites_of(conn)?
        .into_iter()
        .next()
        .unwrap_or_default();
    let id = courses::insert(
        conn,
        &NewCourse {
            programme_id: programme,
            site_id: site,
            name: "Bases du reconditionnement — automne",
            trainers: &[trainer.id],
            sessions: &sessions,
        },
    )?;
    courses::invite(conn, id, acsrv)?;
    let course = courses::find(conn, id)?;
    let structure = crate::organisations::in_scope(conn)?.name;
    for p in [&jean, &camille, &mireille] {
        courses::add_trainee(conn, &course, p.id, &p.name, &structure)?;
    }
    let held = courses::sessions(conn, &[id])?;
    let presences = [
        [
            Presence::Present,
            Presence::Present,
            Presence::Present,
            Presence::Present,
        ],
        [
            Presence::Present,
            Presence::Present,
            Presence::Present,
            Presence::Present,
        ],
        [
            Presence::Present,
            Presence::Excused,
            Presence::Absent,
            Presence::Present,
        ],
    ];
    for (n, session) in held.iter().enumerate() {
        let marks: Vec<Mark> = [&jean, &camille, &mireille]
            .iter()
            .zip(presences.iter())
            .map(|(p, row)| Mark {
                trainee_org: org,
                person: p.id,
                presence: row[n],
            })
            .collect();
        records::put_marks(conn, id, session.id, &marks)?;
        courses::mark_taken(conn, session.id)?;
    }
    validate(conn, org, jean.id, (org, id), &[Diagnosis, DataErasure])?;
    validate(
        conn,
        org,
        camille.id,
        (org, id),
        &[Diagnosis, DataErasure, OsInstallation, QualityCheck],
    )?;
    Ok(())
}

/// The ACSRV's three people join the AMQR's course.
pub fn seed_acsrv(conn: &mut TenantConn<'_>, staff: Uuid) -> ApiResult<()> {
    let Some(course) = courses::list(conn)?.into_iter().next() else {
        return Ok(());
    };
    let structure = crate::organisations::in_scope(conn)?.name;
    for (name, user) in [
        ("Karim Benali", Some(staff)),
        ("Sonia Lemoine", None),
        ("Bruno Caudron", None),
    ] {
        let p = people::insert(conn, &new_person(name, user, false))?;
        courses::add_trainee(conn, &course, p.id, &p.name, &structure)?;
    }
    Ok(())
}

/// The organiser's attendance for the ACSRV's people (after they joined), and a validation.
pub fn seed_shared_attendance(conn: &mut TenantConn<'_>) -> ApiResult<()> {
    let org = conn.org_id();
    let Some(course) = courses::list(conn)?
        .into_iter()
        .find(|c| c.organisation_id == org)
    else {
        return Ok(());
    };
    let guests: Vec<_> = courses::trainees(conn, course.id)?
        .into_iter()
        .filter(|t| t.organisation_id != org)
        .collect();
    let marks = records::marks_of_course(conn, course.id)?;
    if guests.is_empty() || marks.iter().any(|m| m.organisation_id != org) {
        return Ok(());
    }
    for (n, session) in courses::sessions(conn, &[course.id])?.iter().enumerate() {
        let marks: Vec<Mark> = guests
            .iter()
            .enumerate()
            .map(|(i, t)| Mark {
                trainee_org: t.organisation_id,
                person: t.person_id,
                presence: if i == 2 && n == 3 {
                    Presence::Absent
                } else {
                    Presence::Present
                },
            })
            .collect();
        records::put_marks(conn, course.id, session.id, &marks)?;
    }
    if let Some(first) = guests.iter().find(|t| t.trainee_name == "Karim Benali") {
        validate(
            conn,
            first.organisation_id,
            first.person_id,
            (org, course.id),
            &[TrainingCompetence::Diagnosis],
        )?;
    }
    Ok(())
}
