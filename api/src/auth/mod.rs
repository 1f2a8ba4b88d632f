//! Authentication and authorisation: passwords, tokens, sessions, throttling, the caller's
//! own account, and the extractors that tell handlers who is calling and in which organisation.

pub mod account;
pub mod actor;
pub mod extract;
pub mod jwt;
pub mod links;
pub mod password;
pub mod repo;
pub mod roles;
pub mod routes;
pub mod session;
pub mod throttle;
pub mod tokens;

pub use actor::{Actor, ActorRole};
pub use extract::{AuthUser, OrgScope, Superadmin};

use diesel::PgConnection;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::platform::error::ApiResult;

/// Sign-in, sessions, the caller's own account and one-time links.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(routes::login)
        .service(routes::refresh)
        .service(routes::logout)
        .service(account::me)
        .service(account::update_me)
        .service(account::change_password)
        .service(account::inspect_invitation)
        .service(account::accept_invitation)
        .service(account::request_reset)
        .service(account::complete_reset);
}

/// (id, name) of people, for views that show who acted.
pub fn user_names(conn: &mut PgConnection, ids: &[Uuid]) -> ApiResult<Vec<(Uuid, String)>> {
    repo::user_names(conn, ids)
}

/// The email of an active account (None once deactivated).
pub fn active_email(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<Option<String>> {
    repo::active_email(conn, user_id)
}
