//! Accompaniment cycles: programmes of ordered modules, cycles of sessions generated in
//! Europe/Paris, enrolments with a waiting list, attendance sheets (and their PDF), skills
//! checks, completion and eligibility for a computer, reminders to families and calendar
//! feeds. The rules without SQL are in `domain.rs` (states, calendar, completion,
//! eligibility), `programme.rs` (the default programme), `skills.rs` and `reminders.rs`;
//! `journey.rs` moves people (and their referrals) through a cycle; `loading.rs` reads one
//! whole; `sheet.rs` and `calendar.rs` draw the PDF and the iCalendar feed.

pub mod calendar;
pub mod domain;
pub mod journey;
pub mod loading;
pub mod programme;
pub mod reminders;
pub mod reminding;
pub mod repo;
pub mod routes;
pub mod sheet;
pub mod skills;
pub mod views;

use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use domain::{EnrolmentStatus, NotYet};
use journey::attendance_of;
use repo::cycles as cycle_repo;
use repo::enrolments::{self as enrolment_repo, EnrolmentRow};
use views::{EligibilityView, ReasonView};

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    use routes::{calendar, cycles, enrolments, programmes, reminders, sessions};
    cfg.service(programmes::list)
        .service(programmes::create)
        .service(programmes::get_one)
        .service(programmes::replace)
        .service(cycles::preview)
        .service(cycles::list)
        .service(cycles::create)
        .service(cycles::get_one)
        .service(cycles::change_state)
        .service(sessions::move_session)
        .service(sessions::cancel_session)
        .service(sessions::get_attendance)
        .service(sessions::record_attendance)
        .service(sessions::sheet_pdf)
        .service(enrolments::enrol)
        .service(enrolments::withdraw)
        .service(enrolments::get_skills)
        .service(enrolments::put_skills)
        .service(enrolments::eligibility)
        .service(reminders::calls)
        .service(reminders::call_done)
        .service(calendar::create)
        .service(calendar::list)
        .service(calendar::revoke)
        .service(calendar::feed);
}

/// Whether a household may receive a computer under the structure's policy, with the
/// reasons when not (the eligibility route and the workshop's handover ask the same).
pub fn eligibility(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<EligibilityView> {
    if !crate::households::exists(conn, household.into())? {
        return Err(ApiError::not_found());
    }
    let (_, min_sessions) = crate::organisations::cycle_settings(conn)?;
    let enrolments: Vec<EnrolmentRow> = enrolment_repo::for_household(conn, household)?
        .into_iter()
        .filter(|e| {
            matches!(
                e.status,
                EnrolmentStatus::Enrolled
                    | EnrolmentStatus::Completed
                    | EnrolmentStatus::NotCompleted
            )
        })
        .collect();
    let cycles: Vec<Uuid> = enrolments.iter().map(|e| e.cycle_id).collect();
    let sessions = cycle_repo::sessions(conn, &cycles)?;
    let marks = enrolment_repo::attendance(conn, &cycles)?;
    let best = enrolments
        .iter()
        .map(|e| {
            let own: Vec<_> = sessions
                .iter()
                .filter(|s| s.cycle_id == e.cycle_id)
                .cloned()
                .collect();
            attendance_of(&own, &marks, e.id)
        })
        .max_by_key(|a| a.present);
    let mut reasons =
        domain::eligibility(!enrolments.is_empty(), best, min_sessions.max(0) as usize);
    if crate::households::repo::is_anonymised(conn, household)? {
        reasons.push(NotYet::Anonymised);
    }
    Ok(EligibilityView {
        household_id: household,
        eligible: reasons.is_empty(),
        reasons: reasons
            .iter()
            .map(|r| ReasonView {
                code: match r {
                    NotYet::NotEnrolled => "not_enrolled",
                    NotYet::TooFewSessions { .. } => "too_few_sessions",
                    NotYet::Anonymised => "anonymised",
                }
                .to_owned(),
                message: r.explain(),
            })
            .collect(),
        sessions_attended: best.map_or(0, |a| a.present as i32),
        sessions_required: min_sessions,
    })
}

/// What this module holds on a family (the registry of `privacy/`).
pub const PRIVACY: crate::privacy::Holding = crate::privacy::Holding {
    module: "cycles",
    holds: "the family's places in cycles (waiting, enrolled, ended), its presence at each \
            session, the skills checks at the start and end, and the reminders sent or the \
            calls to make (with the number called)",
    tables: &[
        "enrolments",
        "attendance",
        "skills_checks",
        "session_reminders",
    ],
    export: repo::privacy::personal_data,
    anonymise: repo::privacy::anonymise,
    contacted_since: repo::privacy::contacted_since,
};
