//! Authentication and authorisation: passwords, tokens, sessions, throttling, the caller's
//! own account, and the extractors that tell handlers who is calling and in which organisation.

pub mod actor;
pub mod extract;
pub mod hashing;
pub mod jwt;
pub mod links;
pub mod password;
pub mod repo;
pub mod roles;
pub mod routes;
pub mod session;
pub mod throttle;
pub mod tokens;
pub mod views;

pub use actor::{Actor, ActorRole};
pub use extract::{AuthUser, OrgScope, Superadmin};

use diesel::PgConnection;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::platform::error::ApiResult;
use crate::platform::ids::UserId;

/// Sign-in, sessions, the caller's own account and one-time links.
pub fn routes(cfg: &mut ServiceConfig) {
    use routes::{invitations, me, resets, sign_in};
    cfg.service(sign_in::login)
        .service(sign_in::refresh)
        .service(sign_in::logout)
        .service(me::me)
        .service(me::update_me)
        .service(me::change_password)
        .service(invitations::inspect_invitation)
        .service(invitations::accept_invitation)
        .service(invitations::accept_signed_in)
        .service(resets::request_reset)
        .service(resets::complete_reset);
}

/// (id, name) of people, for views that show who acted.
pub fn user_names(conn: &mut PgConnection, ids: &[UserId]) -> ApiResult<Vec<(UserId, String)>> {
    repo::user_names(conn, ids)
}

/// The email of an active account (None once deactivated).
pub fn active_email(conn: &mut PgConnection, user_id: UserId) -> ApiResult<Option<String>> {
    repo::active_email(conn, user_id.0)
}

/// Refuses the person's access tokens issued until now (role change, removal).
pub fn invalidate_access_tokens(conn: &mut PgConnection, user_id: UserId) -> ApiResult<()> {
    session::invalidate_access_tokens(conn, user_id.0)
}

/// Deactivates (ending every session) or reactivates an account.
pub fn set_active(conn: &mut PgConnection, user_id: UserId, active: bool) -> ApiResult<()> {
    repo::set_active(conn, user_id.0, active)?;
    if !active {
        session::revoke_all(conn, user_id.0)?;
    }
    Ok(())
}

/// How many organisations the person belongs to.
pub fn membership_count(conn: &mut PgConnection, user_id: UserId) -> ApiResult<i32> {
    repo::membership_count(conn, user_id.0)
}

/// A one-time password reset link for the person, issued by an admin of an organisation,
/// voiding the earlier ones.
pub fn create_password_reset(
    conn: &mut PgConnection,
    user_id: UserId,
    issuer: (UserId, crate::platform::ids::OrgId),
) -> ApiResult<links::NewLink> {
    links::create_password_reset(conn, user_id.0, Some((issuer.0 .0, issuer.1 .0)))
}

/// Whether the person is the instance's superadmin.
pub fn is_superadmin(conn: &mut PgConnection, user_id: UserId) -> ApiResult<bool> {
    repo::is_superadmin(conn, user_id.0)
}

/// The id of the account with this email (any case), if any.
pub fn find_user_by_email(conn: &mut PgConnection, email: &str) -> ApiResult<Option<UserId>> {
    Ok(repo::find_by_email(conn, email)?.map(UserId))
}

/// Creates the account unless the email exists (the CLI and the demo seed); its id.
pub fn ensure_user(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
) -> ApiResult<UserId> {
    match repo::find_by_email(conn, email)? {
        Some(id) => Ok(UserId(id)),
        None => repo::insert_user(conn, email, name, password_hash).map(UserId),
    }
}

/// Makes the person the instance's superadmin (the CLI and the demo seed).
pub fn make_superadmin(conn: &mut PgConnection, user_id: UserId) -> ApiResult<()> {
    repo::make_superadmin(conn, user_id.0)
}
