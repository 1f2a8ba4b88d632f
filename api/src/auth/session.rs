//! Sessions: a short access token plus an opaque refresh token (≥ 256 bits, stored as
//! SHA-256, single use, rotated at each refresh). A sign-in starts a family; replaying a
//! rotated token revokes the whole family, since it means the token was stolen.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpResponse;
use chrono::{Duration, Utc};
use diesel::PgConnection;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::jwt::{JwtKeys, ACCESS_TTL_SECS};
use super::repo::{self, sessions};
use super::tokens;
use crate::platform::error::{ApiError, ApiResult};

pub const REFRESH_COOKIE: &str = "solidaires_refresh";
pub const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";
pub const REFRESH_TTL_DAYS: i64 = 14;

/// What a sign-in, a refresh or a password change answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Bearer token for `Authorization`, valid 15 minutes.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The refresh token, only when asked for with `refresh_in_body` (non-browser
    /// clients). Browsers get it in an HttpOnly cookie instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// A new session's secrets, before they are turned into a response.
pub struct Issued {
    pub access_token: String,
    pub refresh_token: String,
}

/// Creates a refresh token in `family` (a new family when None) and an access token.
pub fn issue(
    conn: &mut PgConnection,
    jwt: &JwtKeys,
    user_id: Uuid,
    family: Option<Uuid>,
) -> ApiResult<Issued> {
    let now = Utc::now();
    let refresh_token = tokens::generate(32);
    sessions::insert(
        conn,
        user_id,
        family.unwrap_or_else(Uuid::now_v7),
        &tokens::digest(&refresh_token),
        now + Duration::days(REFRESH_TTL_DAYS),
    )?;
    let (access_token, _) = jwt
        .issue(user_id, now)
        .map_err(|err| ApiError::internal_from("token signing", err))?;
    Ok(Issued {
        access_token,
        refresh_token,
    })
}

/// The outcome of presenting a refresh token.
pub enum Rotation {
    Rotated(Issued),
    /// Unknown, expired, revoked, or the account is inactive.
    Refused,
    /// A token already used: the family has been revoked.
    Replayed,
}

/// Rotates a refresh token. Runs in the caller's transaction, which must commit even on
/// `Replayed` (so the revocation sticks): hence an outcome, not an error.
pub fn rotate(conn: &mut PgConnection, jwt: &JwtKeys, token: &str) -> ApiResult<Rotation> {
    let Some(row) = sessions::find_for_update(conn, &tokens::digest(token))? else {
        return Ok(Rotation::Refused);
    };
    if row.used_at.is_some() {
        sessions::revoke_family(conn, row.family_id)?;
        tracing::warn!(user_id = %row.user_id, "refresh token replayed: session family revoked");
        return Ok(Rotation::Replayed);
    }
    if row.revoked_at.is_some() || row.expires_at <= Utc::now() {
        return Ok(Rotation::Refused);
    }
    if !repo::is_active(conn, row.user_id)? {
        return Ok(Rotation::Refused);
    }
    sessions::mark_used(conn, row.id)?;
    Ok(Rotation::Rotated(issue(
        conn,
        jwt,
        row.user_id,
        Some(row.family_id),
    )?))
}

/// Revokes the family of the given token (sign-out). Unknown tokens are ignored.
pub fn revoke_by_token(conn: &mut PgConnection, token: &str) -> ApiResult<()> {
    if let Some(family) = sessions::family_of(conn, &tokens::digest(token))? {
        sessions::revoke_family(conn, family)?;
    }
    Ok(())
}

/// Ends every session of a person and refuses their existing access tokens.
pub fn revoke_all(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    sessions::revoke_all(conn, user_id)?;
    invalidate_access_tokens(conn, user_id)
}

/// Refuses access tokens issued until now (role change, deactivation, password change).
pub fn invalidate_access_tokens(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    repo::invalidate_access_tokens(conn, user_id)
}

/// 200 with the access token, and the refresh token as an HttpOnly cookie (and in the
/// body when asked).
pub fn respond(issued: Issued, refresh_in_body: bool, secure_cookie: bool) -> HttpResponse {
    let cookie = Cookie::build(REFRESH_COOKIE, issued.refresh_token.clone())
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(secure_cookie)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::days(REFRESH_TTL_DAYS))
        .finish();
    HttpResponse::Ok().cookie(cookie).json(TokenResponse {
        access_token: issued.access_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TTL_SECS,
        refresh_token: refresh_in_body.then_some(issued.refresh_token),
    })
}

/// The cookie that clears the refresh cookie.
pub fn clear_cookie(secure_cookie: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build(REFRESH_COOKIE, "")
        .path(REFRESH_COOKIE_PATH)
        .http_only(true)
        .secure(secure_cookie)
        .same_site(SameSite::Strict)
        .finish();
    cookie.make_removal();
    cookie
}
