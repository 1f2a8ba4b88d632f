//! Donors and their donations.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{devices as d, donations as dn, donors as r};
use crate::workshop::kinds::DonorKind;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct DonorRow {
    pub id: Uuid,
    pub name: String,
    pub kind: DonorKind,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// A donor's fields as written.
#[derive(Debug, Clone, AsChangeset, Insertable)]
#[diesel(table_name = r, treat_none_as_null = true)]
pub struct DonorFields {
    pub name: String,
    pub kind: DonorKind,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dn)]
pub struct DonationRow {
    pub id: Uuid,
    pub donor_id: Uuid,
    pub received_on: NaiveDate,
    pub items_announced: i32,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A unique-name clash on donors becomes the field's error.
fn name_taken(err: diesel::result::Error) -> ApiError {
    match &err {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::field("name", "Un donateur porte déjà ce nom."),
        _ => err.into(),
    }
}

pub fn insert(conn: &mut TenantConn<'_>, fields: &DonorFields) -> ApiResult<DonorRow> {
    let org = conn.org_id();
    diesel::insert_into(r::table)
        .values((r::organisation_id.eq(org), r::id.eq(Uuid::now_v7()), fields))
        .returning(DonorRow::as_returning())
        .get_result(conn.conn())
        .map_err(name_taken)
}

/// Rewrites a donor at `version`; None when the version moved on.
pub fn update(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    fields: &DonorFields,
) -> ApiResult<Option<DonorRow>> {
    let org = conn.org_id();
    diesel::update(r::table.find((org, id)).filter(r::version.eq(version)))
        .set((fields, r::version.eq(r::version + 1)))
        .returning(DonorRow::as_returning())
        .get_result(conn.conn())
        .optional()
        .map_err(name_taken)
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<DonorRow> {
    let org = conn.org_id();
    r::table
        .find((org, id))
        .select(DonorRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

pub fn list(conn: &mut TenantConn<'_>) -> ApiResult<Vec<DonorRow>> {
    let org = conn.org_id();
    Ok(r::table
        .filter(r::organisation_id.eq(org))
        .order((r::name.asc(), r::id.asc()))
        .select(DonorRow::as_select())
        .load(conn.conn())?)
}

/// Per donor: (donations, devices received).
pub fn counts(conn: &mut TenantConn<'_>) -> ApiResult<Vec<(Uuid, i64, i64)>> {
    let org = conn.org_id();
    let donations: Vec<(Uuid, i64)> = dn::table
        .filter(dn::organisation_id.eq(org))
        .group_by(dn::donor_id)
        .select((dn::donor_id, diesel::dsl::count_star()))
        .load(conn.conn())?;
    let devices: Vec<(Uuid, i64)> = d::table
        .inner_join(
            dn::table.on(dn::organisation_id
                .eq(d::organisation_id)
                .and(dn::id.nullable().eq(d::donation_id))),
        )
        .filter(d::organisation_id.eq(org))
        .group_by(dn::donor_id)
        .select((dn::donor_id, diesel::dsl::count_star()))
        .load(conn.conn())?;
    Ok(donations
        .into_iter()
        .map(|(donor, n)| {
            let given = devices
                .iter()
                .find(|(d, _)| *d == donor)
                .map_or(0, |(_, n)| *n);
            (donor, n, given)
        })
        .collect())
}

pub struct NewDonation<'a> {
    pub donor_id: Uuid,
    pub received_on: NaiveDate,
    pub items_announced: i32,
    pub notes: Option<&'a str>,
}

pub fn insert_donation(conn: &mut TenantConn<'_>, new: &NewDonation<'_>) -> ApiResult<DonationRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    Ok(diesel::insert_into(dn::table)
        .values((
            dn::organisation_id.eq(org),
            dn::id.eq(Uuid::now_v7()),
            dn::donor_id.eq(new.donor_id),
            dn::received_on.eq(new.received_on),
            dn::items_announced.eq(new.items_announced),
            dn::notes.eq(new.notes),
            dn::created_by.eq(actor),
        ))
        .returning(DonationRow::as_returning())
        .get_result(conn.conn())?)
}

pub fn find_donation(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<DonationRow> {
    let org = conn.org_id();
    dn::table
        .find((org, id))
        .select(DonationRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Donations, newest first, of one donor or of all.
pub fn donations(conn: &mut TenantConn<'_>, donor: Option<Uuid>) -> ApiResult<Vec<DonationRow>> {
    let org = conn.org_id();
    let mut query = dn::table
        .filter(dn::organisation_id.eq(org))
        .select(DonationRow::as_select())
        .order((dn::received_on.desc(), dn::id.desc()))
        .limit(500)
        .into_boxed();
    if let Some(donor) = donor {
        query = query.filter(dn::donor_id.eq(donor));
    }
    Ok(query.load(conn.conn())?)
}

/// Devices registered per donation, for the lists.
pub fn devices_per_donation(
    conn: &mut TenantConn<'_>,
    donations: &[Uuid],
) -> ApiResult<Vec<(Uuid, i64)>> {
    let org = conn.org_id();
    let rows: Vec<(Option<Uuid>, i64)> = d::table
        .filter(d::organisation_id.eq(org))
        .filter(d::donation_id.eq_any(donations))
        .group_by(d::donation_id)
        .select((d::donation_id, diesel::dsl::count_star()))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}
