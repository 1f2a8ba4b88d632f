//! Every SQL statement of the referrals module: the referral and its history. Always inside
//! an organisation's door: the structure's for its inbox and transitions, the referrer's
//! for what it sent. Other modules' data comes through their `mod.rs`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamptz};
use diesel::IntoSql;
use uuid::Uuid;

pub mod privacy;

use super::domain::{DeclineReason, ReferralSource, ReferralStatus};
use crate::auth::{Actor, ActorRole};
use crate::households::domain::DuplicateMatch;
use crate::households::domain::{ContactChannel, MemberInput, Need};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::ids::{HouseholdId, OrgId, ReferralId, UserId};
use crate::schema::{referral_events as ev, referrals as r};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ReferralRow {
    pub organisation_id: OrgId,
    pub id: ReferralId,
    pub source: ReferralSource,
    pub referrer_org_id: Option<OrgId>,
    pub created_by: UserId,
    pub site_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: ContactChannel,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub members: serde_json::Value,
    pub needs: Vec<Need>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub consent_given_on: Option<NaiveDate>,
    pub consent_text_version: Option<String>,
    pub share_progress: bool,
    pub status: ReferralStatus,
    pub decline_reason: Option<DeclineReason>,
    pub household_id: Option<HouseholdId>,
    /// The person referred, among the household's members.
    pub member_id: Option<Uuid>,
    pub cycle_start_date: Option<NaiveDate>,
    pub sessions_planned: Option<i32>,
    pub sessions_attended: Option<i32>,
    pub device_handed_over_on: Option<NaiveDate>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub folded_name: String,
    pub version: i32,
}

impl ReferralRow {
    /// The other members, as sent (stored as JSON written by this module).
    pub fn members(&self) -> ApiResult<Vec<MemberInput>> {
        serde_json::from_value(self.members.clone())
            .map_err(|err| ApiError::internal_from("referral members unreadable", err))
    }
}

/// One referral visible in the current door (as structure or as referrer).
pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    r::table
        .filter(r::id.eq(id))
        .filter(
            r::organisation_id
                .eq(org_id)
                .or(r::referrer_org_id.eq(org_id)),
        )
        .select(ReferralRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// One referral of the structure in scope, locked until the transaction ends (the one read
/// of a change: the rules are checked on it, the guarded update follows).
pub fn find_owned_for_update(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    r::table
        .find((org_id, id))
        .select(ReferralRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// What a transition changes besides the status.
#[derive(Debug, Default, Clone)]
pub struct TransitionChanges {
    pub decline_reason: Option<DeclineReason>,
    pub household_id: Option<HouseholdId>,
    pub member_id: Option<Uuid>,
    pub cycle_start_date: Option<NaiveDate>,
    pub sessions_planned: Option<i32>,
}

/// Moves `current` to `to`, guarded in SQL on the state it was read in; None when another
/// transaction moved it first.
pub fn update_status(
    conn: &mut TenantConn<'_>,
    current: &ReferralRow,
    to: ReferralStatus,
    changes: &TransitionChanges,
    now: DateTime<Utc>,
) -> ApiResult<Option<ReferralRow>> {
    let decided_at = if current.status.decides() {
        Some(now)
    } else {
        current.decided_at
    };
    Ok(diesel::update(
        r::table
            .find((current.organisation_id, current.id))
            .filter(r::status.eq(current.status)),
    )
    .set((
        r::status.eq(to),
        r::decided_at.eq(decided_at),
        changes.decline_reason.map(|d| r::decline_reason.eq(d)),
        changes.household_id.map(|h| r::household_id.eq(h)),
        changes.member_id.map(|m| r::member_id.eq(m)),
        changes.cycle_start_date.map(|d| r::cycle_start_date.eq(d)),
        changes.sessions_planned.map(|s| r::sessions_planned.eq(s)),
        r::version.eq(r::version + 1),
    ))
    .returning(ReferralRow::as_returning())
    .get_result(conn.conn())
    .optional()?)
}

/// Records the day the family received its computer on its referrals still in the journey
/// that have none yet (the workshop's handover).
pub fn set_device_handed_over(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
    on: NaiveDate,
) -> ApiResult<Vec<ReferralRow>> {
    let org_id = conn.org_id();
    Ok(diesel::update(
        r::table
            .filter(r::organisation_id.eq(org_id))
            .filter(r::household_id.eq(household))
            .filter(r::status.eq_any([
                ReferralStatus::Accepted,
                ReferralStatus::Enrolled,
                ReferralStatus::Completed,
                ReferralStatus::DroppedOut,
            ]))
            .filter(r::device_handed_over_on.is_null()),
    )
    .set((
        r::device_handed_over_on.eq(on),
        r::version.eq(r::version + 1),
    ))
    .returning(ReferralRow::as_returning())
    .get_results(conn.conn())?)
}

/// Writes the milestones read from the family's cycle.
pub fn set_cycle_milestones(
    conn: &mut TenantConn<'_>,
    id: ReferralId,
    start: Option<NaiveDate>,
    attended: i32,
    planned: i32,
) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    Ok(diesel::update(r::table.find((org_id, id)))
        .set((
            r::cycle_start_date.eq(start),
            r::sessions_attended.eq(attended),
            r::sessions_planned.eq(planned),
            r::version.eq(r::version + 1),
        ))
        .returning(ReferralRow::as_returning())
        .get_result(conn.conn())?)
}

/// A state change as the history records it.
pub struct NewEvent<'a> {
    pub from: Option<ReferralStatus>,
    pub to: ReferralStatus,
    pub actor: &'a Actor,
    pub reason: Option<&'a str>,
    pub message: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub fn record_event(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    event: NewEvent<'_>,
) -> ApiResult<()> {
    diesel::insert_into(ev::table)
        .values((
            ev::organisation_id.eq(referral.organisation_id),
            ev::id.eq(Uuid::now_v7()),
            ev::referral_id.eq(referral.id),
            ev::referrer_org_id.eq(referral.referrer_org_id),
            ev::from_status.eq(event.from),
            ev::to_status.eq(event.to),
            ev::actor_user_id.eq(event.actor.user_id),
            ev::actor_org_id.eq(event.actor.org_id),
            ev::actor_role.eq(event.actor.role),
            ev::reason.eq(event.reason),
            ev::message.eq(event.message),
            ev::at.eq(event.at),
        ))
        .execute(conn.conn())?;
    Ok(())
}

/// One entry of a referral's history, with the ids of who acted.
#[derive(Debug, Clone, Queryable)]
pub struct EventRow {
    pub from_status: Option<ReferralStatus>,
    pub to_status: ReferralStatus,
    pub actor_user_id: Option<UserId>,
    pub actor_org_id: Option<OrgId>,
    pub actor_role: ActorRole,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub at: DateTime<Utc>,
}

/// A referral's history, oldest first.
pub fn history(conn: &mut TenantConn<'_>, referral: &ReferralRow) -> ApiResult<Vec<EventRow>> {
    Ok(ev::table
        .filter(ev::organisation_id.eq(referral.organisation_id))
        .filter(ev::referral_id.eq(referral.id))
        .order((ev::at, ev::id))
        .select((
            ev::from_status,
            ev::to_status,
            ev::actor_user_id,
            ev::actor_org_id,
            ev::actor_role,
            ev::reason,
            ev::message,
            ev::at,
        ))
        .load(conn.conn())?)
}

/// The referrals of a household, newest first: (id, status, source, referrer, sent).
pub fn for_household(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
) -> ApiResult<
    Vec<(
        ReferralId,
        ReferralStatus,
        ReferralSource,
        Option<OrgId>,
        DateTime<Utc>,
    )>,
> {
    let org_id = conn.org_id();
    Ok(r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::household_id.eq(household))
        .order(r::submitted_at.desc())
        .select((
            r::id,
            r::status,
            r::source,
            r::referrer_org_id,
            r::submitted_at,
        ))
        .load(conn.conn())?)
}

/// (id, first name, last name, referrer) of the referrals among `ids` the door can read.
pub fn family_names(
    conn: &mut TenantConn<'_>,
    ids: &[Uuid],
) -> ApiResult<Vec<(Uuid, String, String, Option<OrgId>)>> {
    let org_id = conn.org_id();
    Ok(r::table
        .filter(r::id.eq_any(ids))
        .filter(
            r::organisation_id
                .eq(org_id)
                .or(r::referrer_org_id.eq(org_id)),
        )
        .select((r::id, r::first_name, r::last_name, r::referrer_org_id))
        .load(conn.conn())?)
}

/// Other referrals of the structure that may be the same family (same phone, or same name
/// and year of birth or commune), in one query.
pub fn duplicate_referrals(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
) -> ApiResult<Vec<(Uuid, ReferralStatus, Vec<DuplicateMatch>)>> {
    let org_id = conn.org_id();
    let rows: Vec<(
        Uuid,
        ReferralStatus,
        Option<String>,
        String,
        Option<i32>,
        Option<String>,
    )> = r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::id.ne(referral.id))
        .filter(
            r::phone
                .eq(referral.phone.clone().unwrap_or_default())
                .or(r::folded_name.eq(&referral.folded_name)),
        )
        .order(r::submitted_at.desc())
        .limit(10)
        .select((
            r::id,
            r::status,
            r::phone,
            r::folded_name,
            r::birth_year,
            r::commune,
        ))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status, phone, name, year, commune)| {
            let mut why = Vec::new();
            if phone.is_some() && phone == referral.phone {
                why.push(DuplicateMatch::Phone);
            }
            if name == referral.folded_name && year.is_some() && year == referral.birth_year {
                why.push(DuplicateMatch::NameAndBirthYear);
            }
            if name == referral.folded_name
                && crate::households::domain::same_commune(
                    commune.as_deref(),
                    referral.commune.as_deref(),
                )
            {
                why.push(DuplicateMatch::NameAndCommune);
            }
            (!why.is_empty()).then_some((id, status, why))
        })
        .collect())
}

/// Filters of a list of referrals.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    /// As the referrer that sent them (else as the receiving structure).
    pub as_referrer: bool,
    pub status: Option<ReferralStatus>,
    pub source: Option<ReferralSource>,
    pub submitted_before: Option<DateTime<Utc>>,
    /// Folded name fragment.
    pub name: Option<String>,
}

/// A page of referrals, newest first, after the `(submitted_at, id)` cursor.
pub fn list(
    conn: &mut TenantConn<'_>,
    filter: &ListFilter,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> ApiResult<Vec<ReferralRow>> {
    let org_id = conn.org_id();
    let mut q = r::table.select(ReferralRow::as_select()).into_boxed();
    q = if filter.as_referrer {
        q.filter(r::referrer_org_id.eq(org_id))
    } else {
        q.filter(r::organisation_id.eq(org_id))
    };
    match filter.status {
        // The referrer sees "accepted" for a journey the family did not agree to share
        // (domain::status_seen): its filter follows what it sees.
        Some(status) if filter.as_referrer && status == ReferralStatus::Accepted => {
            q = q.filter(
                r::status.eq(status).or(r::share_progress
                    .eq(false)
                    .and(r::status.eq_any(ReferralStatus::ALL.iter().filter(|s| s.is_journey())))),
            );
        }
        Some(status) if filter.as_referrer && status.is_journey() => {
            q = q.filter(r::status.eq(status).and(r::share_progress.eq(true)));
        }
        Some(status) => q = q.filter(r::status.eq(status)),
        None => {}
    }
    if let Some(source) = filter.source {
        q = q.filter(r::source.eq(source));
    }
    if let Some(before) = filter.submitted_before {
        q = q.filter(r::submitted_at.le(before));
    }
    if let Some(text) = filter.name.as_deref().filter(|t| !t.is_empty()) {
        // Through the search function: a LIKE under the policies could use no index.
        let pattern = format!("%{}%", crate::platform::text::like_escape(text));
        q = q.filter(
            sql::<Bool>("referrals.id IN (SELECT id FROM referral_search_ids(")
                .bind::<Text, _>(pattern)
                .sql(", ")
                .bind::<Bool, _>(filter.as_referrer)
                .sql("))"),
        );
    }
    if let Some((at, id)) = after {
        // A row comparison: one index range, where the equivalent OR scans and filters.
        q = q.filter(
            sql::<Bool>("(referrals.submitted_at, referrals.id) < (")
                .bind::<Timestamptz, _>(at)
                .sql(", ")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .sql(")"),
        );
    }
    Ok(q.order((r::submitted_at.desc(), r::id.desc()))
        .limit(limit + 1)
        .load(conn.conn())?)
}

/// The inbox counters: (status, source, count) from the counters the database maintains
/// (a trigger on referrals), and how many referrals still wait since before
/// `overdue_before` (an index range on the waiting ones).
pub fn counts(
    conn: &mut TenantConn<'_>,
    overdue_before: DateTime<Utc>,
) -> ApiResult<(Vec<(ReferralStatus, ReferralSource, i64)>, i64)> {
    use crate::schema::referral_counts as c;
    let org_id = conn.org_id();
    let by_state: Vec<(ReferralStatus, ReferralSource, i64)> = c::table
        .filter(c::organisation_id.eq(org_id))
        .group_by((c::status, c::source))
        // sum(bigint) is a numeric; a count fits a bigint.
        .select((
            c::status,
            c::source,
            sql::<diesel::sql_types::BigInt>("sum(referral_counts.n)::bigint"),
        ))
        .load(conn.conn())?;
    let overdue = r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::status.eq(ReferralStatus::Submitted))
        .filter(r::submitted_at.le(overdue_before))
        .count()
        .get_result(conn.conn())?;
    Ok((by_state, overdue))
}

/// The fields of a new referral, already cleaned.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = r)]
pub struct NewReferral {
    pub organisation_id: OrgId,
    pub id: ReferralId,
    pub source: ReferralSource,
    pub referrer_org_id: Option<OrgId>,
    pub created_by: UserId,
    pub site_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: ContactChannel,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub members: serde_json::Value,
    pub needs: Vec<Need>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub consent_given_on: Option<NaiveDate>,
    pub consent_text_version: Option<String>,
    pub share_progress: bool,
    pub folded_name: String,
}

pub fn insert(conn: &mut TenantConn<'_>, referral: &NewReferral) -> ApiResult<ReferralRow> {
    Ok(diesel::insert_into(r::table)
        .values(referral)
        .returning(ReferralRow::as_returning())
        .get_result(conn.conn())?)
}

/// Submitted referrals sent before `before`, locked for this runner only (deadlines job).
pub fn take_submitted(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    unreminded_only: bool,
) -> ApiResult<Vec<ReferralRow>> {
    let org_id = conn.org_id();
    // Locking clauses cannot be boxed: the optional filter is a bound switch instead.
    Ok(r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::status.eq(ReferralStatus::Submitted))
        .filter(r::submitted_at.le(before))
        .filter(
            r::reminded_at
                .is_null()
                .or((!unreminded_only).into_sql::<diesel::sql_types::Bool>()),
        )
        .select(ReferralRow::as_select())
        .for_update()
        .skip_locked()
        .load(conn.conn())?)
}

/// Marks a referral reminded; false when another runner did it first.
pub fn mark_reminded(conn: &mut TenantConn<'_>, id: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let org_id = conn.org_id();
    let claimed = diesel::update(r::table.find((org_id, id)).filter(r::reminded_at.is_null()))
        .set(r::reminded_at.eq(now))
        .execute(conn.conn())?;
    Ok(claimed == 1)
}

/// `now - days`, for filters in days.
pub fn days_before(now: DateTime<Utc>, days: i32) -> DateTime<Utc> {
    now - Duration::days(i64::from(days))
}

/// Moves a referral's sending date (the demo seed spreads its referrals over weeks).
pub fn backdate(
    conn: &mut TenantConn<'_>,
    id: ReferralId,
    at: DateTime<Utc>,
) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    Ok(diesel::update(r::table.find((org_id, id)))
        .set(r::submitted_at.eq(at))
        .returning(ReferralRow::as_returning())
        .get_result(conn.conn())?)
}

/// Whether the structure in scope has received any referral.
pub fn any(conn: &mut TenantConn<'_>) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        r::table.filter(r::organisation_id.eq(org_id)),
    ))
    .get_result(conn.conn())?)
}
