//! The audit journal: an append-only record of who did what, when, to which resource and
//! how it ended — written by a middleware for every request that matters, read by an
//! organisation's admins, trimmed by the retention job. Never a field's content.

pub mod domain;
pub mod middleware;
pub mod repo;
pub mod retention;
pub mod routes;
pub mod views;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(routes::journal);
}
