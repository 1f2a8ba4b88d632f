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
