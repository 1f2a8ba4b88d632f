//! Cycles, their facilitators and their sessions.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::cycles::domain::{CycleState, Day, PlannedSession};
use crate::cycles::programme::Theme;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{cycle_facilitators as cf, cycle_sessions as cs, cycles as c};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CycleRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub site_id: Uuid,
    pub name: String,
    pub capacity: i32,
    pub enrolled_count: i32,
    pub state: CycleState,
    pub weekdays: Vec<Day>,
    pub start_time: NaiveTime,
    pub duration_minutes: i32,
    pub first_day: NaiveDate,
    pub state_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cs)]
pub struct SessionRow {
    pub id: Uuid,
    pub cycle_id: Uuid,
    pub number: i32,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
    pub change_reason: Option<String>,
    pub actual_minutes: Option<i32>,
    pub themes_covered: Vec<Theme>,
    pub place: Option<String>,
    pub equipment: Option<String>,
    pub note: Option<String>,
    pub attendance_taken_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// A cycle as created.
pub struct NewCycle<'a> {
    pub programme_id: Uuid,
    pub site_id: Uuid,
    pub name: &'a str,
    pub capacity: i32,
    pub weekdays: &'a [Day],
    pub start_time: NaiveTime,
    pub duration_minutes: i32,
    pub first_day: NaiveDate,
    pub facilitators: &'a [Uuid],
    /// Each generated session with the title of its module.
    pub sessions: &'a [(PlannedSession, String)],
}

pub fn insert(conn: &mut TenantConn<'_>, new: &NewCycle<'_>) -> ApiResult<Uuid> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    let id = Uuid::now_v7();
    diesel::insert_into(c::table)
        .values((
            c::organisation_id.eq(org),
            c::id.eq(id),
            c::programme_id.eq(new.programme_id),
            c::site_id.eq(new.site_id),
            c::name.eq(new.name),
            c::capacity.eq(new.capacity),
            c::weekdays.eq(new.weekdays.to_vec()),
            c::start_time.eq(new.start_time),
            c::duration_minutes.eq(new.duration_minutes),
            c::first_day.eq(new.first_day),
            c::created_by.eq(actor),
        ))
        .execute(conn.conn())?;
    set_facilitators(conn, id, new.facilitators)?;
    let sessions: Vec<_> = new
        .sessions
        .iter()
        .map(|(s, title)| {
            (
                cs::organisation_id.eq(org),
                cs::id.eq(Uuid::now_v7()),
                cs::cycle_id.eq(id),
                cs::number.eq(s.number as i32),
                cs::title.eq(title.clone()),
                cs::starts_at.eq(s.starts_at),
                cs::ends_at.eq(s.ends_at),
            )
        })
        .collect();
    diesel::insert_into(cs::table)
        .values(sessions)
        .execute(conn.conn())?;
    Ok(id)
}

pub fn set_facilitators(conn: &mut TenantConn<'_>, cycle: Uuid, users: &[Uuid]) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::delete(cf::table.filter(cf::organisation_id.eq(org).and(cf::cycle_id.eq(cycle))))
        .execute(conn.conn())?;
    let rows: Vec<_> = users
        .iter()
        .map(|u| {
            (
                cf::organisation_id.eq(org),
                cf::cycle_id.eq(cycle),
                cf::user_id.eq(*u),
            )
        })
        .collect();
    diesel::insert_into(cf::table)
        .values(rows)
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    Ok(())
}

/// The facilitators of some cycles: (cycle, user).
pub fn facilitators(conn: &mut TenantConn<'_>, cycles: &[Uuid]) -> ApiResult<Vec<(Uuid, Uuid)>> {
    let org = conn.org_id();
    Ok(cf::table
        .filter(cf::organisation_id.eq(org).and(cf::cycle_id.eq_any(cycles)))
        .select((cf::cycle_id, cf::user_id))
        .load(conn.conn())?)
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<CycleRow> {
    let org = conn.org_id();
    c::table
        .find((org, id))
        .select(CycleRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The cycle, locked until the transaction ends (enrolments and state changes queue here).
pub fn find_for_update(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<CycleRow> {
    let org = conn.org_id();
    c::table
        .find((org, id))
        .select(CycleRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Filters of the cycles list.
#[derive(Debug, Clone, Default)]
pub struct CycleFilter {
    pub state: Option<CycleState>,
    pub site_id: Option<Uuid>,
}

/// The structure's cycles, latest first (keyset on first day and id).
pub fn list(
    conn: &mut TenantConn<'_>,
    filter: &CycleFilter,
    after: Option<(NaiveDate, Uuid)>,
    limit: i64,
) -> ApiResult<Vec<CycleRow>> {
    let org = conn.org_id();
    let mut query = c::table
        .filter(c::organisation_id.eq(org))
        .select(CycleRow::as_select())
        .order((c::first_day.desc(), c::id.desc()))
        .limit(limit + 1)
        .into_boxed();
    if let Some(state) = filter.state {
        query = query.filter(c::state.eq(state));
    }
    if let Some(site) = filter.site_id {
        query = query.filter(c::site_id.eq(site));
    }
    if let Some((day, id)) = after {
        query = query.filter(
            c::first_day
                .lt(day)
                .or(c::first_day.eq(day).and(c::id.lt(id))),
        );
    }
    Ok(query.load(conn.conn())?)
}

/// Moves a cycle to `to` if it is still in `from`.
pub fn set_state(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    from: CycleState,
    to: CycleState,
    reason: Option<&str>,
) -> ApiResult<bool> {
    let org = conn.org_id();
    Ok(
        diesel::update(c::table.find((org, id)).filter(c::state.eq(from)))
            .set((
                c::state.eq(to),
                c::state_reason.eq(reason),
                c::version.eq(c::version + 1),
            ))
            .execute(conn.conn())?
            == 1,
    )
}

/// Takes a place if one is left: the guarded increment holds the capacity whatever the
/// concurrency (the row lock queues the others, the check backs it).
pub fn take_place(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org = conn.org_id();
    Ok(diesel::update(
        c::table
            .find((org, id))
            .filter(c::enrolled_count.lt(c::capacity)),
    )
    .set(c::enrolled_count.eq(c::enrolled_count + 1))
    .execute(conn.conn())?
        == 1)
}

pub fn free_place(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::update(c::table.find((org, id)).filter(c::enrolled_count.gt(0)))
        .set(c::enrolled_count.eq(c::enrolled_count - 1))
        .execute(conn.conn())?;
    Ok(())
}

/// The sessions of some cycles, in order.
pub fn sessions(conn: &mut TenantConn<'_>, cycles: &[Uuid]) -> ApiResult<Vec<SessionRow>> {
    let org = conn.org_id();
    Ok(cs::table
        .filter(cs::organisation_id.eq(org).and(cs::cycle_id.eq_any(cycles)))
        .order((cs::cycle_id, cs::number))
        .select(SessionRow::as_select())
        .load(conn.conn())?)
}

/// One session of one cycle (404 when it is another cycle's).
pub fn session(conn: &mut TenantConn<'_>, cycle: Uuid, id: Uuid) -> ApiResult<SessionRow> {
    let org = conn.org_id();
    cs::table
        .find((org, id))
        .filter(cs::cycle_id.eq(cycle))
        .select(SessionRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Moves a session (guarded on its version); the new row, or None when it changed.
pub fn move_session(
    conn: &mut TenantConn<'_>,
    session: &SessionRow,
    version: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    reason: &str,
) -> ApiResult<Option<SessionRow>> {
    let org = conn.org_id();
    Ok(diesel::update(
        cs::table
            .find((org, session.id))
            .filter(cs::version.eq(version)),
    )
    .set((
        cs::starts_at.eq(starts_at),
        cs::ends_at.eq(ends_at),
        cs::change_reason.eq(reason),
        cs::version.eq(cs::version + 1),
    ))
    .returning(SessionRow::as_returning())
    .get_result(conn.conn())
    .optional()?)
}

pub fn cancel_session(
    conn: &mut TenantConn<'_>,
    session: &SessionRow,
    version: i32,
    reason: &str,
) -> ApiResult<Option<SessionRow>> {
    let org = conn.org_id();
    Ok(diesel::update(
        cs::table
            .find((org, session.id))
            .filter(cs::version.eq(version)),
    )
    .set((
        cs::cancelled.eq(true),
        cs::change_reason.eq(reason),
        cs::version.eq(cs::version + 1),
    ))
    .returning(SessionRow::as_returning())
    .get_result(conn.conn())
    .optional()?)
}

/// The record of a session as held.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = cs, treat_none_as_null = true)]
pub struct SessionRecord {
    pub actual_minutes: Option<i32>,
    pub themes_covered: Vec<Theme>,
    pub place: Option<String>,
    pub equipment: Option<String>,
    pub note: Option<String>,
}

/// Writes the record with the attendance (guarded on the version); the new row or None.
pub fn record_session(
    conn: &mut TenantConn<'_>,
    session: Uuid,
    version: i32,
    record: &SessionRecord,
    now: DateTime<Utc>,
) -> ApiResult<Option<SessionRow>> {
    let org = conn.org_id();
    Ok(diesel::update(
        cs::table
            .find((org, session))
            .filter(cs::version.eq(version)),
    )
    .set((
        record,
        cs::attendance_taken_at.eq(now),
        cs::version.eq(cs::version + 1),
    ))
    .returning(SessionRow::as_returning())
    .get_result(conn.conn())
    .optional()?)
}

/// Sessions of the structure between two instants, not cancelled, of open cycles (for
/// reminders): (session, cycle's site).
pub fn sessions_between(
    conn: &mut TenantConn<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<(SessionRow, Uuid)>> {
    let org = conn.org_id();
    Ok(cs::table
        .inner_join(
            c::table.on(c::organisation_id
                .eq(cs::organisation_id)
                .and(c::id.eq(cs::cycle_id))),
        )
        .filter(cs::organisation_id.eq(org))
        .filter(cs::starts_at.ge(from).and(cs::starts_at.lt(to)))
        .filter(cs::cancelled.eq(false))
        .filter(c::state.eq_any([CycleState::Planned, CycleState::Running]))
        .order(cs::starts_at)
        .select((SessionRow::as_select(), c::site_id))
        .load(conn.conn())?)
}

/// The sessions a facilitator leads (for their calendar), with their cycle's name.
pub fn sessions_of_facilitator(
    conn: &mut TenantConn<'_>,
    user: Uuid,
) -> ApiResult<Vec<(SessionRow, String, Uuid)>> {
    let org = conn.org_id();
    Ok(cs::table
        .inner_join(
            c::table.on(c::organisation_id
                .eq(cs::organisation_id)
                .and(c::id.eq(cs::cycle_id))),
        )
        .inner_join(
            cf::table.on(cf::organisation_id
                .eq(cs::organisation_id)
                .and(cf::cycle_id.eq(cs::cycle_id))),
        )
        .filter(cs::organisation_id.eq(org).and(cf::user_id.eq(user)))
        .filter(c::state.ne(CycleState::Cancelled))
        .order(cs::starts_at)
        .select((SessionRow::as_select(), c::name, c::site_id))
        .load(conn.conn())?)
}

/// Whether the structure has any cycle (the demo seed runs once).
pub fn any(conn: &mut TenantConn<'_>) -> ApiResult<bool> {
    let org = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        c::table.filter(c::organisation_id.eq(org)),
    ))
    .get_result(conn.conn())?)
}
