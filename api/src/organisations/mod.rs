//! Organisations and what belongs to them: members and their roles, invitations, sites,
//! partnerships between structures and referrers, settings.

pub mod repo;
pub mod routes;

use diesel::PgConnection;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;

pub fn routes(cfg: &mut ServiceConfig) {
    use routes::{invitations, members, organisations, partnerships, sites};
    cfg.service(organisations::list)
        .service(organisations::create)
        .service(organisations::get_one)
        .service(organisations::update)
        .service(members::list)
        .service(members::update)
        .service(members::remove)
        .service(members::issue_reset)
        .service(invitations::list)
        .service(invitations::create)
        .service(invitations::revoke)
        .service(sites::list)
        .service(sites::create)
        .service(sites::get_one)
        .service(sites::update)
        .service(partnerships::list)
        .service(partnerships::create)
        .service(partnerships::update);
}

/// (id, name) of organisations from the directory.
pub fn names(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<(Uuid, String)>> {
    repo::names(conn, ids)
}

/// A site's name, if the structure has it (and the caller may see it).
pub fn site_name(
    conn: &mut TenantConn<'_>,
    structure: Uuid,
    site: Uuid,
) -> ApiResult<Option<String>> {
    repo::site_name(conn, structure, site)
}

/// The structure has this site and it is not archived.
pub fn is_open_site(conn: &mut TenantConn<'_>, structure: Uuid, site: Uuid) -> ApiResult<bool> {
    repo::is_open_site(conn, structure, site)
}

/// The referrer may refer families to the structure.
pub fn is_active_partner(
    conn: &mut TenantConn<'_>,
    structure: Uuid,
    referrer: Uuid,
) -> ApiResult<bool> {
    repo::is_active_partner(conn, structure, referrer)
}

/// (reminder, expiry) delays in days of the organisation in scope.
pub fn referral_delays(conn: &mut TenantConn<'_>) -> ApiResult<(i32, i32)> {
    repo::referral_delays(conn)
}

/// Every structure with its (reminder, expiry) delays, for the deadlines job.
pub fn structures_with_delays(conn: &mut PgConnection) -> ApiResult<Vec<(Uuid, i32, i32)>> {
    crate::platform::db::run_in_context(conn, &Default::default(), repo::structures_with_delays)
}

/// Emails of the active admins and staff of the organisation in scope.
pub fn staff_emails(conn: &mut TenantConn<'_>) -> ApiResult<Vec<String>> {
    repo::staff_emails(conn)
}
