//! Devices: registering (with the structure's next asset number), reading, the board's
//! counts, the diagnosis, and each move as a guarded update with its event.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{
    device_disks as k, device_events as ev, device_tag_counters as tc, devices as d,
};
use crate::workshop::domain::{DeviceState, Move};
use crate::workshop::kinds::{DeviceKind, DiskKind, Grade, HardwareTest, ScrapOutcome};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = d)]
pub struct DeviceRow {
    pub id: Uuid,
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand: String,
    pub model: String,
    pub serial: Option<String>,
    pub donation_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
    pub state: DeviceState,
    pub state_since: DateTime<Utc>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub screen_inches: Option<f32>,
    pub battery_health_percent: Option<i32>,
    pub tests_passed: Vec<HardwareTest>,
    pub tests_failed: Vec<HardwareTest>,
    pub appearance_grade: Option<Grade>,
    pub function_grade: Option<Grade>,
    pub notes: Option<String>,
    pub diagnosed_by: Option<Uuid>,
    pub diagnosed_at: Option<DateTime<Utc>>,
    pub scrap_outcome: Option<ScrapOutcome>,
    pub scrap_channel: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = k)]
pub struct DiskRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub position: i32,
    pub kind: DiskKind,
    pub size_gb: i32,
    pub serial: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ev)]
pub struct EventRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub from_state: Option<DeviceState>,
    pub to_state: DeviceState,
    pub actor_id: Uuid,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

/// A device as registered.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = d)]
pub struct NewDevice {
    pub kind: DeviceKind,
    pub brand: String,
    pub model: String,
    pub serial: Option<String>,
    pub donation_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
    pub notes: Option<String>,
}

/// The next asset number of the structure in scope (the counter's row lock orders two
/// registrations made at once).
fn next_number(conn: &mut TenantConn<'_>) -> ApiResult<i32> {
    let org = conn.org_id();
    Ok(diesel::insert_into(tc::table)
        .values((tc::organisation_id.eq(org), tc::last_number.eq(1)))
        .on_conflict(tc::organisation_id)
        .do_update()
        .set(tc::last_number.eq(tc::last_number + 1))
        .returning(tc::last_number)
        .get_result(conn.conn())?)
}

/// Registers a device as received, tagged `prefix-NNNN`.
pub fn insert(conn: &mut TenantConn<'_>, prefix: &str, new: &NewDevice) -> ApiResult<DeviceRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    let number = next_number(conn)?;
    let tag = crate::workshop::domain::asset_tag(prefix, number as u32);
    let row: DeviceRow = diesel::insert_into(d::table)
        .values((
            d::organisation_id.eq(org),
            d::id.eq(Uuid::now_v7()),
            d::asset_tag.eq(tag),
            d::created_by.eq(actor),
            new,
        ))
        .returning(DeviceRow::as_returning())
        .get_result(conn.conn())?;
    record_event(conn, row.id, None, DeviceState::Received, None)?;
    Ok(row)
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<DeviceRow> {
    let org = conn.org_id();
    d::table
        .find((org, id))
        .select(DeviceRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The device, its row locked for the rest of the transaction (a step reads, checks, writes).
pub fn find_for_update(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<DeviceRow> {
    let org = conn.org_id();
    d::table
        .find((org, id))
        .select(DeviceRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Filters of the device list.
#[derive(Debug, Clone, Default)]
pub struct DeviceFilter {
    pub state: Option<DeviceState>,
    pub kind: Option<DeviceKind>,
    pub donation_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
    pub ids: Option<Vec<Uuid>>,
    /// Asset tag after which the page starts.
    pub after_tag: Option<String>,
}

/// Devices in asset-tag order, `limit` of them.
pub fn list(
    conn: &mut TenantConn<'_>,
    filter: &DeviceFilter,
    limit: i64,
) -> ApiResult<Vec<DeviceRow>> {
    let org = conn.org_id();
    let mut q = d::table
        .filter(d::organisation_id.eq(org))
        .select(DeviceRow::as_select())
        .order(d::asset_tag.asc())
        .limit(limit)
        .into_boxed();
    if let Some(state) = filter.state {
        q = q.filter(d::state.eq(state));
    }
    if let Some(kind) = filter.kind {
        q = q.filter(d::kind.eq(kind));
    }
    if let Some(donation) = filter.donation_id {
        q = q.filter(d::donation_id.eq(donation));
    }
    if let Some(site) = filter.site_id {
        q = q.filter(d::site_id.eq(site));
    }
    if let Some(ids) = &filter.ids {
        q = q.filter(d::id.eq_any(ids.clone()));
    }
    if let Some(after) = &filter.after_tag {
        q = q.filter(d::asset_tag.gt(after.clone()));
    }
    Ok(q.load(conn.conn())?)
}

/// Devices per state.
pub fn counts_by_state(conn: &mut TenantConn<'_>) -> ApiResult<Vec<(DeviceState, i64)>> {
    let org = conn.org_id();
    Ok(d::table
        .filter(d::organisation_id.eq(org))
        .group_by(d::state)
        .select((d::state, diesel::dsl::count_star()))
        .load(conn.conn())?)
}

/// The `per_state` devices waiting longest in `state`.
pub fn longest_waiting(
    conn: &mut TenantConn<'_>,
    state: DeviceState,
    per_state: i64,
) -> ApiResult<Vec<DeviceRow>> {
    let org = conn.org_id();
    Ok(d::table
        .filter(d::organisation_id.eq(org))
        .filter(d::state.eq(state))
        .order((d::state_since.asc(), d::id.asc()))
        .limit(per_state)
        .select(DeviceRow::as_select())
        .load(conn.conn())?)
}

/// A diagnosis as recorded.
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = d, treat_none_as_null = true)]
pub struct Diagnosis {
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub screen_inches: Option<f32>,
    pub battery_health_percent: Option<i32>,
    pub tests_passed: Vec<HardwareTest>,
    pub tests_failed: Vec<HardwareTest>,
    pub appearance_grade: Option<Grade>,
    pub function_grade: Option<Grade>,
    pub notes: Option<String>,
    pub diagnosed_by: Option<Uuid>,
    pub diagnosed_at: Option<DateTime<Utc>>,
}

/// One storage device as described in a diagnosis (its id when it was recorded before).
pub struct DiskInput {
    pub id: Option<Uuid>,
    pub kind: DiskKind,
    pub size_gb: i32,
    pub serial: String,
}

/// Writes the diagnosis at `version` and the disks as listed (kept ones keep their id and
/// their erasures; those left out are removed with theirs). None when the version moved on.
pub fn set_diagnosis(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    diagnosis: &Diagnosis,
    disks: &[DiskInput],
) -> ApiResult<Option<DeviceRow>> {
    let org = conn.org_id();
    let Some(row) = diesel::update(d::table.find((org, id)).filter(d::version.eq(version)))
        .set((diagnosis, d::version.eq(d::version + 1)))
        .returning(DeviceRow::as_returning())
        .get_result(conn.conn())
        .optional()?
    else {
        return Ok(None);
    };
    let kept: Vec<Uuid> = disks.iter().filter_map(|k| k.id).collect();
    diesel::delete(
        k::table
            .filter(k::organisation_id.eq(org))
            .filter(k::device_id.eq(id))
            .filter(k::id.ne_all(kept)),
    )
    .execute(conn.conn())?;
    // The positions' unique key is checked at commit: a reordering passes through clashes.
    for (position, disk) in disks.iter().enumerate() {
        let values = (
            k::position.eq(position as i32),
            k::kind.eq(disk.kind),
            k::size_gb.eq(disk.size_gb),
            k::serial.eq(&disk.serial),
        );
        match disk.id {
            Some(disk_id) => {
                diesel::update(k::table.find((org, disk_id)))
                    .set(values)
                    .execute(conn.conn())?;
            }
            None => {
                diesel::insert_into(k::table)
                    .values((
                        k::organisation_id.eq(org),
                        k::id.eq(Uuid::now_v7()),
                        k::device_id.eq(id),
                        values,
                    ))
                    .execute(conn.conn())?;
            }
        }
    }
    Ok(Some(row))
}

pub fn disks(conn: &mut TenantConn<'_>, devices: &[Uuid]) -> ApiResult<Vec<DiskRow>> {
    let org = conn.org_id();
    Ok(k::table
        .filter(k::organisation_id.eq(org))
        .filter(k::device_id.eq_any(devices))
        .order((k::device_id, k::position))
        .select(DiskRow::as_select())
        .load(conn.conn())?)
}

/// Moves the device as the rules allowed, if it is still where the move starts (the state
/// is the guard: two people moving one device at once, one of them wins). None otherwise.
pub fn apply_move(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    step: Move,
    note: Option<&str>,
) -> ApiResult<Option<DeviceRow>> {
    let org = conn.org_id();
    let row = diesel::update(d::table.find((org, id)).filter(d::state.eq(step.from())))
        .set((
            d::state.eq(step.to()),
            d::state_since.eq(diesel::dsl::now),
            d::version.eq(d::version + 1),
        ))
        .returning(DeviceRow::as_returning())
        .get_result(conn.conn())
        .optional()?;
    if row.is_some() {
        record_event(conn, id, Some(step.from()), step.to(), note)?;
    }
    Ok(row)
}

/// Scraps the device (with what became of it) if it is still in `step.from()`.
pub fn scrap(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    step: Move,
    outcome: ScrapOutcome,
    channel: Option<&str>,
    note: Option<&str>,
) -> ApiResult<Option<DeviceRow>> {
    let org = conn.org_id();
    let row = diesel::update(d::table.find((org, id)).filter(d::state.eq(step.from())))
        .set((
            d::state.eq(DeviceState::Scrapped),
            d::state_since.eq(diesel::dsl::now),
            d::scrap_outcome.eq(outcome),
            d::scrap_channel.eq(channel),
            d::version.eq(d::version + 1),
        ))
        .returning(DeviceRow::as_returning())
        .get_result(conn.conn())
        .optional()?;
    if row.is_some() {
        record_event(conn, id, Some(step.from()), DeviceState::Scrapped, note)?;
    }
    Ok(row)
}

fn record_event(
    conn: &mut TenantConn<'_>,
    device: Uuid,
    from: Option<DeviceState>,
    to: DeviceState,
    note: Option<&str>,
) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::insert_into(ev::table)
        .values((
            ev::organisation_id.eq(org),
            ev::id.eq(Uuid::now_v7()),
            ev::device_id.eq(device),
            ev::from_state.eq(from),
            ev::to_state.eq(to),
            ev::actor_id.eq(actor),
            ev::note.eq(note),
        ))
        .execute(conn.conn())?;
    Ok(())
}

pub fn history(conn: &mut TenantConn<'_>, device: Uuid) -> ApiResult<Vec<EventRow>> {
    let org = conn.org_id();
    Ok(ev::table
        .filter(ev::organisation_id.eq(org))
        .filter(ev::device_id.eq(device))
        .order((ev::at.asc(), ev::id.asc()))
        .select(EventRow::as_select())
        .load(conn.conn())?)
}

/// Dates the device's current state back (the demo's devices arrived over weeks).
pub fn set_state_since(conn: &mut TenantConn<'_>, id: Uuid, at: DateTime<Utc>) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::update(d::table.find((org, id)))
        .set(d::state_since.eq(at))
        .execute(conn.conn())?;
    Ok(())
}
