//! Sessions: a short access token plus an opaque refresh token (≥ 256 bits, stored as
//! SHA-256, single use, rotated at each refresh). A sign-in starts a family. A rotated token
//! presented again within 30 s gets the same successor (derived from it, see
//! `JwtKeys::successor_of`): tabs restoring together or a lost answer do not sign anyone out.
//! Later, a replay means the token was stolen, and the whole family is revoked.

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
    issue_with(conn, jwt, user_id, family, tokens::generate(32))
}

/// A used refresh token presented again within this many seconds gets the same successor:
/// two tabs restoring at once, or an answer lost on the way, do not sign the person out.
pub const REFRESH_GRACE_SECS: i64 = 30;

fn issue_with(
    conn: &mut PgConnection,
    jwt: &JwtKeys,
    user_id: Uuid,
    family: Option<Uuid>,
    refresh_token: String,
) -> ApiResult<Issued> {
    let now = Utc::now();
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
    let successor = jwt.successor_of(token);
    if let Some(used_at) = row.used_at {
        if Utc::now() - used_at <= Duration::seconds(REFRESH_GRACE_SECS) {
            if let Some(issued) = reissue(conn, jwt, &row, successor)? {
                return Ok(Rotation::Rotated(issued));
            }
        }
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
    Ok(Rotation::Rotated(issue_with(
        conn,
        jwt,
        row.user_id,
        Some(row.family_id),
        successor,
    )?))
}

/// Within the grace window: the successor already issued for this token, with a fresh access
/// token — when it is still usable (not revoked, not expired, the account active).
fn reissue(
    conn: &mut PgConnection,
    jwt: &JwtKeys,
    row: &sessions::TokenRow,
    successor: String,
) -> ApiResult<Option<Issued>> {
    let Some(next) = sessions::find_for_update(conn, &tokens::digest(&successor))? else {
        return Ok(None);
    };
    if next.family_id != row.family_id
        || next.revoked_at.is_some()
        || next.expires_at <= Utc::now()
        || !repo::is_active(conn, row.user_id)?
    {
        return Ok(None);
    }
    let (access_token, _) = jwt
        .issue(row.user_id, Utc::now())
        .map_err(|err| ApiError::internal_from("token signing", err))?;
    Ok(Some(Issued {
        access_token,
        refresh_token: successor,
    }))
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
