//! Telling families of their sessions: the day before (a job), and at once when a session
//! is moved or cancelled. Each message is recorded once per session, household, reason and
//! time (a unique key), then written to the SMS or email outbox in the same transaction, or
//! left on the staff's "to call" list. Families who asked not to be contacted get nothing.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::domain::EnrolmentStatus;
use super::reminders::{self, Reminder, ReminderChannel, ReminderReason};
use super::repo::cycles::{self as cycle_repo, SessionRow};
use super::repo::enrolments as enrolment_repo;
use super::repo::reminders::{self as repo, NewReminder};
use crate::auth::Actor;
use crate::platform::db::{with_org, PgPool, TenantConn};
use crate::platform::error::ApiResult;

/// Writes the reminders of one session to its participants' households; how many are new.
pub fn tell_families(
    conn: &mut TenantConn<'_>,
    session: &SessionRow,
    site_id: Uuid,
    reason: ReminderReason,
    sms_gateway: bool,
) -> ApiResult<usize> {
    let mut households: Vec<Uuid> = enrolment_repo::for_cycles(conn, &[session.cycle_id])?
        .into_iter()
        .filter(|e| e.status == EnrolmentStatus::Enrolled)
        .map(|e| e.household_id)
        .collect();
    households.sort();
    households.dedup();
    if households.is_empty() {
        return Ok(0);
    }
    let place = match &session.place {
        Some(place) => place.clone(),
        None => crate::organisations::site(conn, site_id)?.name,
    };
    let text = reminders::text(reason, &session.title, session.starts_at, &place);
    let mut written = 0;
    for contact in crate::households::contacts(conn, &households)? {
        let reminder = reminders::reminder_for(
            contact.preferred,
            contact.phone.as_deref(),
            contact.email.as_deref(),
            sms_gateway,
        );
        let (channel, phone) = match &reminder {
            Reminder::Sms { phone } => (ReminderChannel::Sms, Some(phone.as_str())),
            Reminder::Email { .. } => (ReminderChannel::Email, None),
            Reminder::Call { phone } => (ReminderChannel::Call, Some(phone.as_str())),
            Reminder::None => continue,
        };
        let new = repo::insert(
            conn,
            &NewReminder {
                session_id: session.id,
                household_id: contact.household_id,
                reason,
                starts_at: session.starts_at,
                channel,
                phone,
                message: &text,
            },
        )?;
        if !new {
            continue;
        }
        written += 1;
        match &reminder {
            Reminder::Sms { phone } => repo::queue_sms(conn, phone, &text)?,
            Reminder::Email { address } => crate::platform::mail::queue(
                conn.conn(),
                address,
                "Votre séance — Solidaires et Connectés",
                &format!("Bonjour,\n\n{text}\n\nÀ bientôt !\n"),
            )?,
            Reminder::Call { .. } | Reminder::None => {}
        }
    }
    Ok(written)
}

/// One pass: every structure's sessions of tomorrow (Paris) are reminded, as of `now`.
pub fn run_once(pool: &PgPool, now: DateTime<Utc>, sms_gateway: bool) -> ApiResult<usize> {
    let (from, to) = day_range(reminders::reminded_day(now));
    let mut conn = pool.get()?;
    let structures = crate::organisations::structures_with_delays(&mut conn)?;
    let mut total = 0;
    for (org, _, _) in structures {
        total += with_org(&mut conn, org.0, Actor::system(), |conn| {
            let mut written = 0;
            for (session, site) in cycle_repo::sessions_between(conn, from, to)? {
                written +=
                    tell_families(conn, &session, site, ReminderReason::DayBefore, sms_gateway)?;
            }
            Ok(written)
        })?;
    }
    Ok(total)
}

/// Runs every 15 minutes until the server stops (a missed pass is caught up by the next:
/// what was written is not written again).
pub async fn run(pool: PgPool, sms_gateway: bool) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(900));
    loop {
        tick.tick().await;
        let pool = pool.clone();
        let result = actix_web::web::block(move || run_once(&pool, Utc::now(), sms_gateway)).await;
        match result {
            Ok(Ok(0)) => {}
            Ok(Ok(written)) => tracing::info!(written, "session reminders"),
            Ok(Err(err)) => tracing::warn!(error = %err, "session reminders failed"),
            Err(err) => tracing::warn!(error = %err, "session reminders could not run"),
        }
    }
}

/// A Paris day as a UTC range (for the "to call" list of a day).
pub fn day_range(day: chrono::NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        super::domain::paris_instant(day, chrono::NaiveTime::MIN),
        super::domain::paris_instant(day + Duration::days(1), chrono::NaiveTime::MIN),
    )
}
