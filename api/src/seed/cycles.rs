//! Demo cycles: at the Maison de quartier Sabatier (AMQR) one finished cycle with its
//! attendance and both skills checks, and one running (a session tomorrow, so the reminders
//! job has something to say); at the ACSRV one planned. The referrals of the families in
//! them follow the cycles as they would have (enrolled, completed, dropped out).

use chrono::{Datelike, Duration, NaiveTime, Utc};
use uuid::Uuid;

use crate::cycles::domain::{self, CycleState, Day, Presence, Schedule};
use crate::cycles::journey::{self, Joiner};
use crate::cycles::repo::cycles::{self as cycle_repo, NewCycle, SessionRecord};
use crate::cycles::repo::enrolments as enrolment_repo;
use crate::cycles::repo::programmes as programme_repo;
use crate::cycles::skills::{Autonomy, Competence, Moment};
use crate::households::domain::{ContactChannel, HouseholdStatus, MemberInput, MemberRole};
use crate::households::repo::HouseholdData;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::ids::{HouseholdId, ReferralId};

/// The AMQR's families that take part.
pub struct AmqrFamilies {
    pub lucie: ReferralId,
    pub mehdi: ReferralId,
    pub fatima: ReferralId,
    pub odile: ReferralId,
    pub lemaire: HouseholdId,
}

fn day_of(weekday: chrono::Weekday) -> Day {
    Day::ALL
        .iter()
        .copied()
        .find(|d| d.weekday() == weekday)
        .unwrap_or(Day::Tue)
}

/// A cycle of the default programme at the structure's site named `site`, from `first_day`
/// weekly at `time`.
fn cycle(
    conn: &mut TenantConn<'_>,
    site: &str,
    name: &str,
    capacity: i32,
    first_day: chrono::NaiveDate,
    time: NaiveTime,
) -> ApiResult<Uuid> {
    let site_id = crate::organisations::repo::sites::list(conn, false)?
        .into_iter()
        .find(|s| s.name == site)
        .map(|s| s.id)
        .ok_or_else(ApiError::not_found)?;
    let programme = programme_repo::ensure_default(conn)?;
    let titles: Vec<String> = programme_repo::modules(conn, &[programme])?
        .into_iter()
        .map(|m| m.title)
        .collect();
    let day = day_of(first_day.weekday());
    let planned = domain::generate(&Schedule {
        first_day,
        weekdays: vec![day.weekday()],
        time,
        duration_minutes: 120,
        count: titles.len(),
        skip: vec![],
    })?;
    let sessions: Vec<_> = planned.into_iter().zip(titles).collect();
    let facilitator = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    cycle_repo::insert(
        conn,
        &NewCycle {
            programme_id: programme,
            site_id,
            name,
            capacity,
            weekdays: &[day],
            start_time: time,
            duration_minutes: 120,
            first_day,
            facilitators: &[facilitator],
            sessions: &sessions,
        },
    )
}

fn direct_household(
    conn: &mut TenantConn<'_>,
    first: &str,
    last: &str,
    year: i32,
    phone: &str,
    contact: ContactChannel,
) -> ApiResult<(Uuid, Uuid)> {
    let data = HouseholdData {
        commune: Some("Raismes".into()),
        neighbourhood: None,
        address: None,
        postcode: None,
        preferred_contact: contact,
        phone: crate::platform::validate::normalise_phone(phone),
        email: None,
        needs: vec![crate::households::domain::Need::NoComputer],
        needs_other: None,
        languages: vec!["français".into()],
        notes: None,
        status: HouseholdStatus::Active,
    };
    let member = MemberInput {
        id: None,
        first_name: first.into(),
        last_name: last.into(),
        birth_year: Some(year),
        role: MemberRole::Reference,
        school_level: None,
    };
    let created = crate::households::create(conn, &data, &[member])?;
    let person = created
        .member_ids
        .first()
        .copied()
        .ok_or_else(ApiError::not_found)?;
    Ok((created.id.0, person))
}

/// Records the sheet of session `number` (1-based) as held, at its end.
fn take_attendance(
    conn: &mut TenantConn<'_>,
    cycle: Uuid,
    number: usize,
    marks: &[(Uuid, Presence)],
) -> ApiResult<()> {
    let session = cycle_repo::sessions(conn, &[cycle])?
        .into_iter()
        .nth(number - 1)
        .ok_or_else(ApiError::not_found)?;
    let at = session.ends_at;
    let record = SessionRecord {
        actual_minutes: Some(120),
        themes_covered: vec![],
        place: None,
        equipment: Some("Ordinateurs portables du centre".into()),
        note: None,
    };
    cycle_repo::record_session(conn, session.id, session.version, &record, at)?;
    enrolment_repo::record_attendance(conn, cycle, session.id, marks, at)?;
    cycle_repo::set_state(conn, cycle, CycleState::Planned, CycleState::Running, None)?;
    journey::refresh_milestones(conn, cycle, at)
}

fn check(
    conn: &mut TenantConn<'_>,
    enrolment: Uuid,
    moment: Moment,
    level: Autonomy,
    better: &[Competence],
) -> ApiResult<()> {
    let levels: Vec<(Competence, Autonomy)> = Competence::ALL
        .iter()
        .map(|c| {
            let up = moment == Moment::End && better.contains(c);
            (*c, if up { Autonomy::Autonomous } else { level })
        })
        .collect();
    enrolment_repo::replace_check(conn, enrolment, moment, &levels, Utc::now())
}

/// The households of the AMQR's cycles by how their place went, for the workshop's demo.
pub struct AmqrOutcome {
    pub completed: Vec<Uuid>,
    pub not_completed: Vec<Uuid>,
    pub enrolled: Vec<Uuid>,
}

pub fn seed_amqr(conn: &mut TenantConn<'_>, families: &AmqrFamilies) -> ApiResult<AmqrOutcome> {
    use Presence::{Absent, Excused, Present};
    let today = Utc::now().date_naive();
    let two = NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default();

    // The finished cycle: 8 weekly sessions from 12 weeks ago.
    let start = today - Duration::days(84);
    let autumn = cycle(
        conn,
        "Maison de quartier Sabatier",
        "Cycle d'automne — Sabatier",
        8,
        start,
        two,
    )?;
    let at = crate::cycles::domain::paris_instant(start - Duration::days(7), two);
    let lucie = journey::enrol(conn, autumn, Joiner::Referral(families.lucie.0), at)?.id;
    let mehdi = journey::enrol(conn, autumn, Joiner::Referral(families.mehdi.0), at)?.id;
    let (household, member) = direct_household(
        conn,
        "Sabrina",
        "Lefebvre",
        1987,
        "06 45 23 67 89",
        ContactChannel::Sms,
    )?;
    let sabrina = journey::enrol(
        conn,
        autumn,
        Joiner::Member {
            household_id: household,
            member_id: member,
        },
        at,
    )?
    .id;
    let (household, member) = direct_household(
        conn,
        "Jean-Pierre",
        "Dupuis",
        1961,
        "03 27 36 48 59",
        ContactChannel::Phone,
    )?;
    let jean_pierre = journey::enrol(
        conn,
        autumn,
        Joiner::Member {
            household_id: household,
            member_id: member,
        },
        at,
    )?
    .id;
    let sheets: [[Presence; 4]; 8] = [
        [Present, Present, Present, Present],
        [Present, Present, Present, Absent],
        [Present, Absent, Present, Present],
        [Present, Absent, Excused, Present],
        [Present, Absent, Present, Excused],
        [Present, Absent, Present, Present],
        [Present, Absent, Present, Absent],
        [Present, Absent, Present, Present],
    ];
    for (i, sheet) in sheets.iter().enumerate() {
        if i == 3 {
            // Mehdi stopped coming after the third session.
            let session = cycle_repo::sessions(conn, &[autumn])?;
            let when = session.get(2).map(|s| s.ends_at).unwrap_or_else(Utc::now);
            journey::withdraw(conn, autumn, mehdi, when)?;
        }
        let people = [lucie, mehdi, sabrina, jean_pierre];
        let marks: Vec<(Uuid, Presence)> = people
            .iter()
            .zip(sheet.iter())
            .filter(|(id, _)| i < 3 || **id != mehdi)
            .map(|(id, p)| (*id, *p))
            .collect();
        take_attendance(conn, autumn, i + 1, &marks)?;
    }
    for (person, before, better) in [
        (
            lucie,
            Autonomy::Accompanied,
            &[
                Competence::KeyboardAndMouse,
                Competence::SendEmail,
                Competence::EntSignIn,
                Competence::Grades,
            ][..],
        ),
        (
            sabrina,
            Autonomy::PartlyAutonomous,
            &[Competence::FranceConnect, Competence::CompleteProcedure][..],
        ),
        (
            jean_pierre,
            Autonomy::Accompanied,
            &[Competence::KeyboardAndMouse][..],
        ),
    ] {
        check(conn, person, Moment::Start, before, better)?;
        check(conn, person, Moment::End, before, better)?;
    }
    let last = cycle_repo::sessions(conn, &[autumn])?
        .last()
        .map(|s| s.ends_at)
        .unwrap_or_else(Utc::now);
    journey::change_state(
        conn,
        autumn,
        CycleState::Finished,
        None,
        last + Duration::days(1),
    )?;

    // The running cycle: weekly from 20 days ago, so its fourth session is tomorrow.
    let start = today - Duration::days(20);
    let winter = cycle(
        conn,
        "Maison de quartier Sabatier",
        "Cycle d'hiver — Sabatier",
        10,
        start,
        two,
    )?;
    let at = crate::cycles::domain::paris_instant(start - Duration::days(5), two);
    let fatima = journey::enrol(conn, winter, Joiner::Referral(families.fatima.0), at)?.id;
    let odile = journey::enrol(conn, winter, Joiner::Referral(families.odile.0), at)?.id;
    let kevin = crate::households::members_of(conn, &[families.lemaire.0])?
        .into_iter()
        .find(|(_, m)| m.role == MemberRole::Reference)
        .map(|(_, m)| m.id)
        .ok_or_else(ApiError::not_found)?;
    let kevin = journey::enrol(
        conn,
        winter,
        Joiner::Member {
            household_id: families.lemaire.0,
            member_id: kevin,
        },
        at,
    )?
    .id;
    for (i, sheet) in [
        [Present, Present, Present],
        [Present, Excused, Absent],
        [Present, Present, Present],
    ]
    .iter()
    .enumerate()
    {
        let marks: Vec<(Uuid, Presence)> = [fatima, odile, kevin]
            .iter()
            .zip(sheet.iter())
            .map(|(id, p)| (*id, *p))
            .collect();
        take_attendance(conn, winter, i + 1, &marks)?;
    }
    check(conn, fatima, Moment::Start, Autonomy::Accompanied, &[])?;
    check(conn, odile, Moment::Start, Autonomy::Accompanied, &[])?;
    let enrolments = enrolment_repo::for_cycles(conn, &[autumn, winter])?;
    let having = |status: domain::EnrolmentStatus| {
        enrolments
            .iter()
            .filter(|e| e.status == status)
            .map(|e| e.household_id)
            .collect()
    };
    Ok(AmqrOutcome {
        completed: having(domain::EnrolmentStatus::Completed),
        not_completed: having(domain::EnrolmentStatus::NotCompleted),
        enrolled: having(domain::EnrolmentStatus::Enrolled),
    })
}

/// A cycle planned at the ACSRV, starting in ten days: nobody yet.
pub fn seed_acsrv(conn: &mut TenantConn<'_>) -> ApiResult<()> {
    let start = Utc::now().date_naive() + Duration::days(10);
    let morning = NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default();
    let site = crate::organisations::repo::sites::list(conn, false)?
        .into_iter()
        .next()
        .map(|s| s.name)
        .ok_or_else(ApiError::not_found)?;
    cycle(conn, &site, "Premier cycle — ACSRV", 10, start, morning)?;
    Ok(())
}
