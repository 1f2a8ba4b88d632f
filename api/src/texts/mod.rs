//! A structure's versioned texts: its privacy notice, the consent a family gives when it is
//! referred, and the handover agreement. Publishing adds a version; the version is recorded
//! wherever a text is accepted (a handover records its agreement's).

pub mod domain;
pub mod repo;
pub mod routes;
pub mod views;

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use domain::TextKind;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list)
        .service(routes::versions)
        .service(routes::publish);
}

/// The label of the structure's current version of a text (`v2`), if it published one.
pub fn current_label(conn: &mut TenantConn<'_>, kind: TextKind) -> ApiResult<Option<String>> {
    Ok(repo::current(conn, kind)?.map(|r| domain::label(r.version)))
}

/// The paragraphs of the version of a text recorded as `label`, if it is one of the
/// structure's (otherwise the platform's default text applies).
pub fn paragraphs_of(
    conn: &mut TenantConn<'_>,
    kind: TextKind,
    label: &str,
) -> ApiResult<Option<Vec<String>>> {
    let Some(version) = version_of(label) else {
        return Ok(None);
    };
    Ok(repo::version(conn, kind, version)?.map(|r| domain::paragraphs(&r.body)))
}

/// `v3` → 3; anything else (the platform's versions, `2026-09`) → None.
pub fn version_of(label: &str) -> Option<i32> {
    label
        .strip_prefix('v')
        .and_then(|n| n.parse::<i32>().ok())
        .filter(|n| *n >= 1)
}
