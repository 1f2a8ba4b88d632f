//! The referrals' share of data protection: a family's referrals and their histories as
//! stored, their anonymisation, and the retention of referrals never linked to a household.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Uuid as SqlUuid};
use uuid::Uuid;

use crate::households::repo::{ANONYMOUS_FIRST, ANONYMOUS_LAST};
use crate::platform::db::{json_rows, TenantConn};
use crate::platform::error::ApiResult;
use crate::platform::text::folded_name;
use crate::privacy::Section;
use crate::schema::{referral_events as ev, referrals as r};

pub fn personal_data(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<Vec<Section>> {
    Ok(vec![
        Section::new(
            "referrals",
            json_rows(
                conn,
                "SELECT to_jsonb(r) - 'folded_name' - 'organisation_kind' - 'referrer_kind' AS row \
                   FROM referrals r WHERE organisation_id = $1 AND household_id = $2 ORDER BY created_at",
                household,
            )?,
        ),
        Section::new(
            "referral_events",
            json_rows(
                conn,
                "SELECT to_jsonb(e) AS row FROM referral_events e \
                   JOIN referrals r ON r.organisation_id = e.organisation_id AND r.id = e.referral_id \
                  WHERE r.organisation_id = $1 AND r.household_id = $2 ORDER BY e.at",
                household,
            )?,
        ),
    ])
}

/// The referrals of a household, anonymised.
pub fn anonymise_household(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    let ids: Vec<Uuid> = r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::household_id.eq(household))
        .select(r::id)
        .load(conn.conn())?;
    anonymise(conn, &ids)
}

/// Identity, contact, the other members as sent and the free text replaced or emptied;
/// status, dates, source, site, consent and milestones kept (every figure stays true).
fn anonymise(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let org_id = conn.org_id();
    diesel::update(
        r::table
            .filter(r::organisation_id.eq(org_id))
            .filter(r::id.eq_any(ids))
            .filter(r::anonymised_at.is_null()),
    )
    .set((
        r::first_name.eq(ANONYMOUS_FIRST),
        r::last_name.eq(ANONYMOUS_LAST),
        r::birth_year.eq(None::<i32>),
        r::phone.eq(None::<String>),
        r::email.eq(None::<String>),
        r::address.eq(None::<String>),
        r::postcode.eq(None::<String>),
        r::commune.eq(None::<String>),
        r::neighbourhood.eq(None::<String>),
        r::members.eq(serde_json::json!([])),
        r::needs_other.eq(None::<String>),
        r::reason.eq(None::<String>),
        r::message.eq(None::<String>),
        r::folded_name.eq(folded_name(ANONYMOUS_FIRST, ANONYMOUS_LAST)),
        r::anonymised_at.eq(diesel::dsl::now),
        r::version.eq(r::version + 1),
    ))
    .execute(conn.conn())?;
    diesel::sql_query("SELECT anonymise_referral_messages($1)")
        .bind::<Array<SqlUuid>, _>(ids)
        .execute(conn.conn())?;
    Ok(())
}

/// Of some households, those with a referral changed, or an event in its history, since
/// `since`.
pub fn contacted_since(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
    since: DateTime<Utc>,
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    let recent_event = ev::table
        .filter(ev::organisation_id.eq(org_id))
        .filter(ev::referral_id.eq(r::id))
        .filter(ev::at.ge(since));
    Ok(r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::household_id.eq_any(households))
        .filter(
            r::updated_at
                .ge(since)
                .or(diesel::dsl::exists(recent_event)),
        )
        .select(r::household_id.assume_not_null())
        .distinct()
        .load(conn.conn())?)
}

/// Referrals never linked to a household (declined, expired, waiting) with nothing since
/// `before`: anonymised in batches; returns how many.
pub fn anonymise_unlinked(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    limit: i64,
) -> ApiResult<usize> {
    let org_id = conn.org_id();
    let recent_event = ev::table
        .filter(ev::organisation_id.eq(org_id))
        .filter(ev::referral_id.eq(r::id))
        .filter(ev::at.ge(before));
    let ids: Vec<Uuid> = r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::household_id.is_null())
        .filter(r::anonymised_at.is_null())
        .filter(r::updated_at.lt(before))
        .filter(diesel::dsl::not(diesel::dsl::exists(recent_event)))
        .select(r::id)
        .order((r::updated_at, r::id))
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn.conn())?;
    anonymise(conn, &ids)?;
    Ok(ids.len())
}
