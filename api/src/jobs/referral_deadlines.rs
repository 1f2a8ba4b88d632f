//! Referral deadlines: a structure that has not answered a referral is reminded after its
//! reminder delay (10 days by default) and the referral expires after its expiry delay (30
//! days), which the referrer is told. Safe with several API instances: rows are taken with
//! `FOR UPDATE SKIP LOCKED` and changed by guarded updates, so each happens exactly once.
//! The clock is a parameter, so tests can run it at any date.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::IntoSql;
use uuid::Uuid;

use crate::db::referrals::{self as repo, Actor, ReferralStatus, TransitionChanges};
use crate::db::schema::{
    memberships as m, notifications as n, organisations as o, referrals as r, users,
};
use crate::db::{run_in_context, with_org, Context, PgPool, TenantConn};
use crate::error::ApiResult;

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
    let structures: Vec<(Uuid, i32, i32)> =
        run_in_context(&mut conn, &Context::default(), |conn| {
            Ok(o::table
                .filter(o::kind.eq("structure"))
                .select((o::id, o::referral_reminder_days, o::referral_expiry_days))
                .load(conn)?)
        })?;
    let mut total = Outcome::default();
    for (org_id, reminder_days, expiry_days) in structures {
        let outcome = with_org(&mut conn, org_id, None, |conn| {
            let expired = expire(conn, now - Duration::days(i64::from(expiry_days)), now)?;
            let reminded = remind(conn, now - Duration::days(i64::from(reminder_days)), now)?;
            crate::http::idempotency::purge_old(conn, now)?;
            Ok(Outcome { reminded, expired })
        })?;
        total.reminded += outcome.reminded;
        total.expired += outcome.expired;
    }
    Ok(total)
}

/// Submitted referrals older than `before`, locked for this runner only.
fn take_submitted(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    unreminded_only: bool,
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    // Locking clauses cannot be boxed: the optional filter is a bound switch instead.
    Ok(r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::status.eq(ReferralStatus::Submitted.as_str()))
        .filter(r::submitted_at.le(before))
        .filter(
            r::reminded_at
                .is_null()
                .or((!unreminded_only).into_sql::<diesel::sql_types::Bool>()),
        )
        .select(r::id)
        .for_update()
        .skip_locked()
        .load(conn.conn())?)
}

fn expire(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let ids = take_submitted(conn, before, false)?;
    for id in &ids {
        repo::transition(
            conn,
            *id,
            ReferralStatus::Expired,
            &TransitionChanges::default(),
            &Actor::system(),
            Some("no_answer"),
            None,
            now,
        )?;
    }
    Ok(ids.len())
}

fn remind(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let org_id = conn.org_id();
    let ids = take_submitted(conn, before, true)?;
    for id in &ids {
        let claimed = diesel::update(
            r::table
                .find((org_id, *id))
                .filter(r::reminded_at.is_null()),
        )
        .set(r::reminded_at.eq(now))
        .execute(conn.conn())?;
        if claimed == 0 {
            continue;
        }
        diesel::insert_into(n::table)
            .values((
                n::organisation_id.eq(org_id),
                n::id.eq(Uuid::now_v7()),
                n::kind.eq("referral_reminder"),
                n::referral_id.eq(*id),
                n::structure_id.eq(org_id),
                n::status.eq(ReferralStatus::Submitted.as_str()),
                n::created_at.eq(now),
            ))
            .execute(conn.conn())?;
    }
    if !ids.is_empty() {
        email_staff(conn, ids.len())?;
    }
    Ok(ids.len())
}

/// One email per pass to the structure's admins and staff (no family named).
fn email_staff(conn: &mut TenantConn<'_>, count: usize) -> ApiResult<()> {
    let org_id = conn.org_id();
    let recipients: Vec<String> = m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .filter(m::role.eq_any(["admin", "staff"]))
        .filter(users::active.eq(true))
        .select(users::email)
        .load(conn.conn())?;
    for email in recipients {
        crate::mail::queue(
            conn.conn(),
            &email,
            "Des orientations attendent une réponse — Solidaires et Connectés",
            &format!("Bonjour,\n\n{count} orientation(s) attendent votre réponse depuis plusieurs jours.\nConsultez la boîte de réception des orientations.\n"),
        )?;
    }
    Ok(())
}
