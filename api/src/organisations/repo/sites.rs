//! A structure's sites.

use diesel::prelude::*;
use uuid::Uuid;

use crate::organisations::views::SiteView;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::sites as s;

const COLUMNS: (
    s::id,
    s::name,
    s::address,
    s::postcode,
    s::city,
    s::archived,
    s::version,
    s::created_at,
    s::updated_at,
) = (
    s::id,
    s::name,
    s::address,
    s::postcode,
    s::city,
    s::archived,
    s::version,
    s::created_at,
    s::updated_at,
);

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<SiteView> {
    let org_id = conn.org_id();
    Ok(s::table
        .find((org_id, id))
        .select(COLUMNS)
        .first(conn.conn())?)
}

/// The structure's sites by name.
pub fn list(conn: &mut TenantConn<'_>, include_archived: bool) -> ApiResult<Vec<SiteView>> {
    let org_id = conn.org_id();
    let mut q = s::table
        .filter(s::organisation_id.eq(org_id))
        .select(COLUMNS)
        .order(s::name)
        .into_boxed();
    if !include_archived {
        q = q.filter(s::archived.eq(false));
    }
    Ok(q.load(conn.conn())?)
}

/// Whether the structure has a site of this name.
pub fn has_name(conn: &mut TenantConn<'_>, name: &str) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        s::table
            .filter(s::organisation_id.eq(org_id))
            .filter(s::name.eq(name)),
    ))
    .get_result(conn.conn())?)
}

pub struct NewSite {
    pub name: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
}

pub fn insert(conn: &mut TenantConn<'_>, site: &NewSite) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(s::table)
        .values((
            s::organisation_id.eq(org_id),
            s::id.eq(id),
            s::name.eq(&site.name),
            s::address.eq(&site.address),
            s::postcode.eq(&site.postcode),
            s::city.eq(&site.city),
        ))
        .execute(conn.conn())?;
    Ok(id)
}

/// What an update may change (`Some(None)` clears a field).
#[derive(Debug, AsChangeset)]
#[diesel(table_name = s)]
pub struct SiteChanges {
    pub name: Option<String>,
    pub address: Option<Option<String>>,
    pub postcode: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub archived: Option<bool>,
}

/// Applies `changes` if the site is still at `version`; false otherwise.
pub fn update(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    changes: &SiteChanges,
) -> ApiResult<bool> {
    let org_id = conn.org_id();
    let updated = diesel::update(s::table.find((org_id, id)).filter(s::version.eq(version)))
        .set((changes, s::version.eq(s::version + 1)))
        .execute(conn.conn())?;
    Ok(updated == 1)
}

pub fn exists(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(s::table.find((org_id, id)))).get_result(conn.conn())?)
}
