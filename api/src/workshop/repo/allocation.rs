//! Reservations and handovers: which household a device is set aside for or was given to.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{handovers as h, reservations as r};
use crate::workshop::kinds::{Accessory, ReturnReason};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ReservationRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub household_id: Uuid,
    pub reserved_at: DateTime<Utc>,
    pub reserved_by: Uuid,
    pub note: Option<String>,
    pub ended_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = h)]
pub struct HandoverRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub household_id: Uuid,
    pub reservation_id: Uuid,
    pub handed_on: NaiveDate,
    pub accessories: Vec<Accessory>,
    pub condition: String,
    pub agreement_version: String,
    pub recipient_name: String,
    pub created_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub returned_at: Option<DateTime<Utc>>,
    pub return_reason: Option<ReturnReason>,
    pub return_note: Option<String>,
}

/// Sets the device aside for the household; the partial unique index refuses a second open
/// reservation of one device (None then).
pub fn reserve(
    conn: &mut TenantConn<'_>,
    device: Uuid,
    household: Uuid,
    note: Option<&str>,
) -> ApiResult<Option<ReservationRow>> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    Ok(diesel::insert_into(r::table)
        .values((
            r::organisation_id.eq(org),
            r::id.eq(Uuid::now_v7()),
            r::device_id.eq(device),
            r::household_id.eq(household),
            r::reserved_by.eq(actor),
            r::note.eq(note),
        ))
        .on_conflict_do_nothing()
        .returning(ReservationRow::as_returning())
        .get_result(conn.conn())
        .optional()?)
}

/// The device's open reservation.
pub fn open_reservation(
    conn: &mut TenantConn<'_>,
    device: Uuid,
) -> ApiResult<Option<ReservationRow>> {
    let org = conn.org_id();
    Ok(r::table
        .filter(r::organisation_id.eq(org))
        .filter(r::device_id.eq(device))
        .filter(r::ended_at.is_null())
        .select(ReservationRow::as_select())
        .first(conn.conn())
        .optional()?)
}

/// Ends a reservation (`handed_over` or `released`).
pub fn end_reservation(conn: &mut TenantConn<'_>, id: Uuid, outcome: &str) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::update(r::table.find((org, id)).filter(r::ended_at.is_null()))
        .set((r::ended_at.eq(diesel::dsl::now), r::outcome.eq(outcome)))
        .execute(conn.conn())?;
    Ok(())
}

pub struct NewHandover<'a> {
    pub reservation: &'a ReservationRow,
    pub handed_on: NaiveDate,
    pub accessories: &'a [Accessory],
    pub condition: &'a str,
    pub agreement_version: &'a str,
    pub recipient_name: &'a str,
}

pub fn insert_handover(conn: &mut TenantConn<'_>, new: &NewHandover<'_>) -> ApiResult<HandoverRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    Ok(diesel::insert_into(h::table)
        .values((
            h::organisation_id.eq(org),
            h::id.eq(Uuid::now_v7()),
            h::device_id.eq(new.reservation.device_id),
            h::household_id.eq(new.reservation.household_id),
            h::reservation_id.eq(new.reservation.id),
            h::handed_on.eq(new.handed_on),
            h::accessories.eq(new.accessories.to_vec()),
            h::condition.eq(new.condition),
            h::agreement_version.eq(new.agreement_version),
            h::recipient_name.eq(new.recipient_name),
            h::created_by.eq(actor),
        ))
        .returning(HandoverRow::as_returning())
        .get_result(conn.conn())?)
}

/// The device's handover not yet returned.
pub fn open_handover(conn: &mut TenantConn<'_>, device: Uuid) -> ApiResult<Option<HandoverRow>> {
    let org = conn.org_id();
    Ok(h::table
        .filter(h::organisation_id.eq(org))
        .filter(h::device_id.eq(device))
        .filter(h::returned_at.is_null())
        .select(HandoverRow::as_select())
        .first(conn.conn())
        .optional()?)
}

pub fn find_handover(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<HandoverRow> {
    let org = conn.org_id();
    h::table
        .find((org, id))
        .select(HandoverRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Handovers of devices (the donor report: given or not, never to whom).
pub fn handovers_of_devices(
    conn: &mut TenantConn<'_>,
    devices: &[Uuid],
) -> ApiResult<Vec<HandoverRow>> {
    let org = conn.org_id();
    Ok(h::table
        .filter(h::organisation_id.eq(org))
        .filter(h::device_id.eq_any(devices))
        .order(h::created_at.desc())
        .select(HandoverRow::as_select())
        .load(conn.conn())?)
}

pub fn mark_returned(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    reason: ReturnReason,
    note: Option<&str>,
) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::update(h::table.find((org, id)).filter(h::returned_at.is_null()))
        .set((
            h::returned_at.eq(diesel::dsl::now),
            h::return_reason.eq(reason),
            h::return_note.eq(note),
        ))
        .execute(conn.conn())?;
    Ok(())
}

/// A household's reservations and handovers (its page).
pub fn of_household(
    conn: &mut TenantConn<'_>,
    household: Uuid,
) -> ApiResult<(Vec<ReservationRow>, Vec<HandoverRow>)> {
    let org = conn.org_id();
    let reservations = r::table
        .filter(r::organisation_id.eq(org))
        .filter(r::household_id.eq(household))
        .order(r::reserved_at.desc())
        .select(ReservationRow::as_select())
        .load(conn.conn())?;
    let handovers = h::table
        .filter(h::organisation_id.eq(org))
        .filter(h::household_id.eq(household))
        .order(h::created_at.desc())
        .select(HandoverRow::as_select())
        .load(conn.conn())?;
    Ok((reservations, handovers))
}
