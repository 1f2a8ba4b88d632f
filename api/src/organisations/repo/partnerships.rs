//! Partnerships between structures and referrers.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::organisations::views::{OrgRef, PartnershipView, SiteRef};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::{organisations as o, partnerships as p, sites};

/// Partnerships visible in the current scope: those the structure owns, or those naming
/// the referrer (RLS shows the referrer only its own), with the structures' open sites.
pub fn list(conn: &mut TenantConn<'_>, only: Option<Uuid>) -> ApiResult<Vec<PartnershipView>> {
    let org_id = conn.org_id();
    let (structure, referrer) = diesel::alias!(o as structure, o as referrer);
    let mut q = p::table
        .inner_join(structure.on(structure.field(o::id).eq(p::organisation_id)))
        .inner_join(referrer.on(referrer.field(o::id).eq(p::referrer_id)))
        .filter(p::organisation_id.eq(org_id).or(p::referrer_id.eq(org_id)))
        .select((
            p::id,
            (
                structure.field(o::id),
                structure.field(o::name),
                structure.field(o::short_name),
            ),
            (
                referrer.field(o::id),
                referrer.field(o::name),
                referrer.field(o::short_name),
            ),
            p::active,
            p::version,
            p::created_at,
        ))
        .order((structure.field(o::name), referrer.field(o::name)))
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(p::id.eq(id));
    }
    let rows: Vec<(Uuid, OrgRef, OrgRef, bool, i32, DateTime<Utc>)> = q.load(conn.conn())?;
    let structure_ids: Vec<Uuid> = rows.iter().map(|row| row.1.id).collect();
    // RLS shows a referrer the sites of its active partners only.
    let open_sites: Vec<(Uuid, Uuid, String, Option<String>)> = sites::table
        .filter(sites::organisation_id.eq_any(&structure_ids))
        .filter(sites::archived.eq(false))
        .order(sites::name)
        .select((sites::organisation_id, sites::id, sites::name, sites::city))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(id, structure, referrer, active, version, created_at)| PartnershipView {
                id,
                structure_sites: open_sites
                    .iter()
                    .filter(|site| site.0 == structure.id)
                    .map(|site| SiteRef {
                        id: site.1,
                        name: site.2.clone(),
                        city: site.3.clone(),
                    })
                    .collect(),
                structure,
                referrer,
                active,
                version,
                created_at,
            },
        )
        .collect())
}

/// Whether the structure in scope already has a partnership with this referrer.
pub fn exists_with(conn: &mut TenantConn<'_>, referrer_id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        p::table
            .filter(p::organisation_id.eq(org_id))
            .filter(p::referrer_id.eq(referrer_id)),
    ))
    .get_result(conn.conn())?)
}

pub fn insert(conn: &mut TenantConn<'_>, referrer_id: Uuid) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(p::table)
        .values((
            p::organisation_id.eq(org_id),
            p::id.eq(id),
            p::referrer_id.eq(referrer_id),
        ))
        .execute(conn.conn())?;
    Ok(id)
}

/// Sets `active` if the partnership is still at `version`; false otherwise.
pub fn set_active(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    active: bool,
) -> ApiResult<bool> {
    let org_id = conn.org_id();
    let updated = diesel::update(p::table.find((org_id, id)).filter(p::version.eq(version)))
        .set((p::active.eq(active), p::version.eq(p::version + 1)))
        .execute(conn.conn())?;
    Ok(updated == 1)
}

pub fn exists(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(p::table.find((org_id, id)))).get_result(conn.conn())?)
}
