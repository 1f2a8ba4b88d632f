//! Referral deadlines: a structure that has not answered a referral is reminded after its
//! reminder delay (10 days by default) and the referral expires after its expiry delay (30
//! days), which the referrer is told. Safe with several API instances: rows are taken with
//! `FOR UPDATE SKIP LOCKED` and changed by guarded updates, so each happens exactly once.
//! The clock is a parameter, so tests can run it at any date.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};

use super::domain::ReferralStatus;
use super::repo::{self, TransitionChanges};
use crate::auth::Actor;
use crate::notifications::{NewNotification, NotificationKind};
use crate::platform::db::{with_org, PgPool, TenantConn};
use crate::platform::error::ApiResult;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub reminded: usize,
    pub expired: usize,
}

/// Runs every 5 minutes until the server stops.
pub async fn run(pool: PgPool) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(300));
    loop {
        tick.tick().await;
        let pool = pool.clone();
        let result = actix_web::web::block(move || run_once(&pool, Utc::now())).await;
        match result {
            Ok(Ok(outcome)) if outcome != Outcome::default() => {
                tracing::info!(?outcome, "referral deadlines")
            }
            Ok(Ok(_)) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "referral deadlines failed"),
            Err(err) => tracing::warn!(error = %err, "referral deadlines could not run"),
        }
    }
}

/// One pass over every structure, as of `now`.
pub fn run_once(pool: &PgPool, now: DateTime<Utc>) -> ApiResult<Outcome> {
    let mut conn = pool.get()?;
    let structures = crate::organisations::structures_with_delays(&mut conn)?;
    let mut total = Outcome::default();
    for (org_id, reminder_days, expiry_days) in structures {
        let outcome = with_org(&mut conn, org_id.0, Actor::system(), |conn| {
            let expired = expire(conn, repo::days_before(now, expiry_days), now)?;
            let reminded = remind(conn, repo::days_before(now, reminder_days), now)?;
            crate::platform::http::idempotency::purge_old(conn, now)?;
            Ok(Outcome { reminded, expired })
        })?;
        total.reminded += outcome.reminded;
        total.expired += outcome.expired;
    }
    Ok(total)
}

fn expire(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let rows = repo::take_submitted(conn, before, false)?;
    for row in &rows {
        super::transition(
            conn,
            row,
            super::domain::check_expiry(row.status)?,
            &TransitionChanges::default(),
            Some("no_answer"),
            None,
            now,
        )?;
    }
    Ok(rows.len())
}

fn remind(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let org_id = conn.org_id();
    let rows = repo::take_submitted(conn, before, true)?;
    for row in &rows {
        if !repo::mark_reminded(conn, row.id.0, now)? {
            continue;
        }
        crate::notifications::record(
            conn,
            NewNotification {
                organisation_id: org_id.into(),
                kind: NotificationKind::ReferralReminder,
                referral_id: row.id,
                structure_id: org_id.into(),
                status: ReferralStatus::Submitted,
                created_at: now,
            },
        )?;
    }
    if !rows.is_empty() {
        email_staff(conn, rows.len())?;
    }
    Ok(rows.len())
}

/// One email per pass to the structure's admins and staff (no family named).
fn email_staff(conn: &mut TenantConn<'_>, count: usize) -> ApiResult<()> {
    for email in crate::organisations::staff_emails(conn)? {
        crate::platform::mail::queue(
            conn.conn(),
            &email,
            "Des orientations attendent une réponse — Solidaires et Connectés",
            &format!("Bonjour,\n\n{count} orientation(s) attendent votre réponse depuis plusieurs jours.\nConsultez la boîte de réception des orientations.\n"),
        )?;
    }
    Ok(())
}
