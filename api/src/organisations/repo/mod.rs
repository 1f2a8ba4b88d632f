//! Every SQL statement of the organisations module: one file per resource, and here what
//! other modules reach through the module's `mod.rs` (names, sites, partnerships, delays,
//! staff).

pub mod directory;
pub mod invitations;
pub mod members;
pub mod partnerships;
pub mod sites;

use diesel::prelude::*;
use uuid::Uuid;

use crate::auth::roles::{OrgKind, Role};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::OrgId;
use crate::schema::{memberships as m, organisations as o, partnerships as p, sites as s, users};

pub fn names(conn: &mut TenantConn<'_>, ids: &[OrgId]) -> ApiResult<Vec<(OrgId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(o::table
        .filter(o::id.eq_any(ids))
        .select((o::id, o::name))
        .load(conn.conn())?)
}

pub fn site_name(
    conn: &mut TenantConn<'_>,
    structure: OrgId,
    site: Uuid,
) -> ApiResult<Option<String>> {
    Ok(s::table
        .find((structure, site))
        .select(s::name)
        .first(conn.conn())
        .optional()?)
}

pub fn is_open_site(conn: &mut TenantConn<'_>, structure: OrgId, site: Uuid) -> ApiResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        s::table
            .find((structure, site))
            .filter(s::archived.eq(false)),
    ))
    .get_result(conn.conn())?)
}

pub fn is_active_partner(
    conn: &mut TenantConn<'_>,
    structure: OrgId,
    referrer: OrgId,
) -> ApiResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        p::table
            .filter(p::organisation_id.eq(structure))
            .filter(p::referrer_id.eq(referrer))
            .filter(p::active.eq(true)),
    ))
    .get_result(conn.conn())?)
}

/// (reminder, expiry) delays in days of the organisation in scope.
pub fn referral_delays(conn: &mut TenantConn<'_>) -> ApiResult<(i32, i32)> {
    let org_id = conn.org_id();
    Ok(o::table
        .find(org_id)
        .select((o::referral_reminder_days, o::referral_expiry_days))
        .first(conn.conn())?)
}

/// Every structure with its (reminder, expiry) delays: the directory, no tenant data.
pub fn structures_with_delays(conn: &mut PgConnection) -> ApiResult<Vec<(OrgId, i32, i32)>> {
    Ok(o::table
        .filter(o::kind.eq(OrgKind::Structure))
        .select((o::id, o::referral_reminder_days, o::referral_expiry_days))
        .load(conn)?)
}

/// Every structure with its retention period in months.
pub fn structures_with_retention(conn: &mut PgConnection) -> ApiResult<Vec<(OrgId, i32)>> {
    Ok(o::table
        .filter(o::kind.eq(OrgKind::Structure))
        .select((o::id, o::retention_months))
        .load(conn)?)
}

/// Emails of the active admins and staff of the organisation in scope.
pub fn staff_emails(conn: &mut TenantConn<'_>) -> ApiResult<Vec<String>> {
    let org_id = conn.org_id();
    Ok(m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .filter(m::role.eq_any([Role::Admin, Role::Staff]))
        .filter(users::active.eq(true))
        .select(users::email)
        .load(conn.conn())?)
}

/// The workshop's ledger policy of the structure in scope.
pub fn ledger_policy(
    conn: &mut TenantConn<'_>,
) -> ApiResult<crate::training::domain::LedgerPolicy> {
    let org_id = conn.org_id();
    Ok(o::table
        .find(org_id)
        .select(o::workshop_ledger_policy)
        .first(conn.conn())?)
}

/// (completion threshold, sessions required for a computer) of the structure in scope.
pub fn cycle_settings(conn: &mut TenantConn<'_>) -> ApiResult<(i32, i32)> {
    let org_id = conn.org_id();
    Ok(o::table
        .find(org_id)
        .select((o::cycle_completion_threshold, o::handover_min_sessions))
        .first(conn.conn())?)
}
