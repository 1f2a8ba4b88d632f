//! Sessions: a short access token plus an opaque refresh token (≥ 256 bits, stored as
//! SHA-256, single use, rotated at each refresh). A sign-in starts a family; replaying a
//! rotated token revokes the whole family, since it means the token was stolen.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpResponse;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::jwt::{JwtKeys, ACCESS_TTL_SECS};
use super::tokens;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{refresh_tokens as rt, users};

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
    diesel::insert_into(rt::table)
        .values((
            rt::id.eq(Uuid::now_v7()),
            rt::user_id.eq(user_id),
            rt::family_id.eq(family.unwrap_or_else(Uuid::now_v7)),
            rt::token_hash.eq(tokens::digest(&refresh_token)),
            rt::expires_at.eq(now + Duration::days(REFRESH_TTL_DAYS)),
        ))
        .execute(conn)?;
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
    type Row = (
        Uuid,
        Uuid,
        Uuid,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    let row: Option<Row> = rt::table
        .filter(rt::token_hash.eq(tokens::digest(token)))
        .select((
            rt::id,
            rt::user_id,
            rt::family_id,
            rt::expires_at,
            rt::used_at,
            rt::revoked_at,
        ))
        .for_update()
        .first(conn)
        .optional()?;
    let Some((id, user_id, family, expires_at, used_at, revoked_at)) = row else {
        return Ok(Rotation::Refused);
    };
    if used_at.is_some() {
        revoke_family(conn, family)?;
        tracing::warn!(%user_id, "refresh token replayed: session family revoked");
        return Ok(Rotation::Replayed);
    }
    if revoked_at.is_some() || expires_at <= Utc::now() {
        return Ok(Rotation::Refused);
    }
    let active: bool = users::table
        .find(user_id)
        .select(users::active)
        .first(conn)?;
    if !active {
        return Ok(Rotation::Refused);
    }
    diesel::update(rt::table.find(id))
        .set(rt::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(Rotation::Rotated(issue(conn, jwt, user_id, Some(family))?))
}

pub fn revoke_family(conn: &mut PgConnection, family: Uuid) -> ApiResult<()> {
    diesel::update(
        rt::table
            .filter(rt::family_id.eq(family))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}

/// Revokes the family of the given token (sign-out). Unknown tokens are ignored.
pub fn revoke_by_token(conn: &mut PgConnection, token: &str) -> ApiResult<()> {
    let family: Option<Uuid> = rt::table
        .filter(rt::token_hash.eq(tokens::digest(token)))
        .select(rt::family_id)
        .first(conn)
        .optional()?;
    if let Some(family) = family {
        revoke_family(conn, family)?;
    }
    Ok(())
}

/// Ends every session of a person and refuses their existing access tokens.
pub fn revoke_all(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    invalidate_access_tokens(conn, user_id)
}

/// Refuses access tokens issued until now (role change, deactivation, password change).
pub fn invalidate_access_tokens(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::tokens_valid_after.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
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
