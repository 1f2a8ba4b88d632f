//! Enrolments (places and the waiting list), attendance and skills checks.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::cycles::domain::{EnrolmentStatus, Presence};
use crate::cycles::skills::{Autonomy, Competence, Moment};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{attendance as a, enrolments as e, skills_checks as sc};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = e)]
pub struct EnrolmentRow {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub household_id: Uuid,
    pub member_id: Uuid,
    pub referral_id: Option<Uuid>,
    pub status: EnrolmentStatus,
    pub waiting_since: Option<DateTime<Utc>>,
    pub enrolled_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub version: i32,
}

pub struct NewEnrolment {
    pub cycle_id: Uuid,
    pub household_id: Uuid,
    pub member_id: Uuid,
    pub referral_id: Option<Uuid>,
    pub status: EnrolmentStatus,
}

pub fn insert(
    conn: &mut TenantConn<'_>,
    new: &NewEnrolment,
    now: DateTime<Utc>,
) -> ApiResult<EnrolmentRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    let waiting = new.status == EnrolmentStatus::Waiting;
    Ok(diesel::insert_into(e::table)
        .values((
            e::organisation_id.eq(org),
            e::id.eq(Uuid::now_v7()),
            e::cycle_id.eq(new.cycle_id),
            e::household_id.eq(new.household_id),
            e::member_id.eq(new.member_id),
            e::referral_id.eq(new.referral_id),
            e::status.eq(new.status),
            // The wall clock at the insert, taken under the cycle's lock: the waiting list's
            // order is the order in which places were asked for.
            waiting.then(|| {
                e::waiting_since.eq(diesel::dsl::sql::<
                    diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>,
                >("clock_timestamp()"))
            }),
            e::enrolled_at.eq((!waiting).then_some(now)),
            e::created_by.eq(actor),
        ))
        .returning(EnrolmentRow::as_returning())
        .get_result(conn.conn())?)
}

/// The enrolments of some cycles: places first (in order of enrolment), then the waiting
/// list in its order, then those who left.
pub fn for_cycles(conn: &mut TenantConn<'_>, cycles: &[Uuid]) -> ApiResult<Vec<EnrolmentRow>> {
    let org = conn.org_id();
    Ok(e::table
        .filter(e::organisation_id.eq(org).and(e::cycle_id.eq_any(cycles)))
        .order((
            e::cycle_id,
            e::waiting_since.asc().nulls_first(),
            e::enrolled_at,
            e::id,
        ))
        .select(EnrolmentRow::as_select())
        .load(conn.conn())?)
}

/// A household's enrolments (for its eligibility).
pub fn for_household(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<Vec<EnrolmentRow>> {
    let org = conn.org_id();
    Ok(e::table
        .filter(
            e::organisation_id
                .eq(org)
                .and(e::household_id.eq(household)),
        )
        .select(EnrolmentRow::as_select())
        .load(conn.conn())?)
}

/// One enrolment of one cycle, locked (404 when it is another cycle's).
pub fn find_for_update(
    conn: &mut TenantConn<'_>,
    cycle: Uuid,
    id: Uuid,
) -> ApiResult<EnrolmentRow> {
    let org = conn.org_id();
    e::table
        .find((org, id))
        .filter(e::cycle_id.eq(cycle))
        .select(EnrolmentRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The first of the waiting list, locked.
pub fn first_waiting(conn: &mut TenantConn<'_>, cycle: Uuid) -> ApiResult<Option<EnrolmentRow>> {
    let org = conn.org_id();
    Ok(e::table
        .filter(e::organisation_id.eq(org).and(e::cycle_id.eq(cycle)))
        .filter(e::status.eq(EnrolmentStatus::Waiting))
        .order((e::waiting_since, e::id))
        .select(EnrolmentRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?)
}

/// Moves an enrolment on, if it is still in `from`.
pub fn set_status(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    from: EnrolmentStatus,
    to: EnrolmentStatus,
    now: DateTime<Utc>,
) -> ApiResult<Option<EnrolmentRow>> {
    let org = conn.org_id();
    let place = to == EnrolmentStatus::Enrolled;
    let ended = !to.is_current();
    Ok(
        diesel::update(e::table.find((org, id)).filter(e::status.eq(from)))
            .set((
                e::status.eq(to),
                place.then(|| e::enrolled_at.eq(now)),
                ended.then(|| e::ended_at.eq(now)),
                e::version.eq(e::version + 1),
            ))
            .returning(EnrolmentRow::as_returning())
            .get_result(conn.conn())
            .optional()?,
    )
}

/// Records the presence of each participant at a session (a replay changes nothing).
pub fn record_attendance(
    conn: &mut TenantConn<'_>,
    cycle: Uuid,
    session: Uuid,
    entries: &[(Uuid, Presence)],
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    let rows: Vec<_> = entries
        .iter()
        .map(|(enrolment, presence)| {
            (
                a::organisation_id.eq(org),
                a::cycle_id.eq(cycle),
                a::session_id.eq(session),
                a::enrolment_id.eq(*enrolment),
                a::presence.eq(*presence),
                a::recorded_at.eq(now),
                a::recorded_by.eq(actor),
            )
        })
        .collect();
    diesel::insert_into(a::table)
        .values(rows)
        .on_conflict((a::organisation_id, a::session_id, a::enrolment_id))
        .do_update()
        .set((
            a::presence.eq(diesel::upsert::excluded(a::presence)),
            a::recorded_at.eq(diesel::upsert::excluded(a::recorded_at)),
            a::recorded_by.eq(diesel::upsert::excluded(a::recorded_by)),
        ))
        .execute(conn.conn())?;
    Ok(())
}

/// Presence recorded in some cycles: (session, enrolment, presence).
pub fn attendance(
    conn: &mut TenantConn<'_>,
    cycles: &[Uuid],
) -> ApiResult<Vec<(Uuid, Uuid, Presence)>> {
    let org = conn.org_id();
    Ok(a::table
        .filter(a::organisation_id.eq(org).and(a::cycle_id.eq_any(cycles)))
        .select((a::session_id, a::enrolment_id, a::presence))
        .load(conn.conn())?)
}

/// Replaces one check of one participant.
pub fn replace_check(
    conn: &mut TenantConn<'_>,
    enrolment: Uuid,
    moment: Moment,
    levels: &[(Competence, Autonomy)],
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::delete(
        sc::table.filter(
            sc::organisation_id
                .eq(org)
                .and(sc::enrolment_id.eq(enrolment))
                .and(sc::moment.eq(moment)),
        ),
    )
    .execute(conn.conn())?;
    let rows: Vec<_> = levels
        .iter()
        .map(|(competence, level)| {
            (
                sc::organisation_id.eq(org),
                sc::enrolment_id.eq(enrolment),
                sc::moment.eq(moment),
                sc::competence.eq(*competence),
                sc::level.eq(*level),
                sc::assessed_at.eq(now),
                sc::assessed_by.eq(actor),
            )
        })
        .collect();
    diesel::insert_into(sc::table)
        .values(rows)
        .execute(conn.conn())?;
    Ok(())
}

/// The checks of some participants: (enrolment, moment, competence, level).
pub fn checks(
    conn: &mut TenantConn<'_>,
    enrolments: &[Uuid],
) -> ApiResult<Vec<(Uuid, Moment, Competence, Autonomy)>> {
    let org = conn.org_id();
    Ok(sc::table
        .filter(
            sc::organisation_id
                .eq(org)
                .and(sc::enrolment_id.eq_any(enrolments)),
        )
        .select((sc::enrolment_id, sc::moment, sc::competence, sc::level))
        .load(conn.conn())?)
}
