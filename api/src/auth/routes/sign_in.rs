//! Sign-in, refresh and sign-out.

use actix_web::{post, web, HttpMessage, HttpRequest, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::repo;
use crate::auth::session::{self, Rotation, TokenResponse, REFRESH_COOKIE};
use crate::auth::{password, throttle};
use crate::platform::error::{ApiError, ErrorCode, Problem};
use crate::platform::http::ValidJson;
use crate::platform::openapi::BodyErrors;
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 3, max = 254))]
    #[schema(min_length = 3, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 1024))]
    #[schema(min_length = 1, max_length = 1024)]
    pub password: String,
    /// Non-browser clients: also return the refresh token in the body.
    #[serde(default)]
    pub refresh_in_body: bool,
}

impl crate::platform::http::body::Rules for LoginRequest {}

/// Sign in with email and password.
///
/// Answers the access token, and sets the refresh token as an HttpOnly, SameSite=Strict
/// cookie scoped to `/api/v1/auth`. An unknown email and a wrong password get the same
/// answer. After 5 failures in a minute for one address and account (or 100 in an hour
/// for one account), the answer is 429 with `Retry-After`.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse, description = "Signed in"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "Wrong email or password"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many failures; see Retry-After",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        BodyErrors,
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let email = body.email.trim().to_lowercase();
    let ip = client_ip(&req, state.config.trust_proxy);
    {
        let (email, ip) = (email.clone(), ip.clone());
        state
            .db
            .system_tx(move |conn| throttle::reserve(conn, &email, &ip, Utc::now()))
            .await?;
    }
    let lookup_email = email.clone();
    let account = state
        .db
        .system_tx(move |conn| repo::credentials(conn, &lookup_email))
        .await?;
    if let Some((id, _, _)) = &account {
        // The journal names the account an attempt was made on (never the address typed).
        req.extensions_mut()
            .insert(crate::audit::middleware::SignInSubject(*id));
    }
    let setting = account.as_ref().and_then(|(_, setting, _)| setting.clone());
    let candidate = body.password.clone();
    let hashed = crate::auth::hashing::run(move || {
        // A dummy setting when there is no usable account: same work, same timing.
        let setting = setting.unwrap_or_else(|| password::dummy_setting().to_owned());
        let candidate_hash = password::hash_with_setting(&candidate, &setting);
        // A stored hash made with weaker parameters is replaced once the password is known.
        let replacement = password::needs_rehash(&setting)
            .then(|| password::hash(&candidate).ok())
            .flatten();
        (candidate_hash, replacement)
    })
    .await?;
    let (user_id, candidate_hash, replacement) = match (account, hashed) {
        (Some((id, Some(_), true)), (Some(candidate_hash), replacement)) => {
            (id, candidate_hash, replacement)
        }
        // The reserved attempt stays recorded as a failure.
        _ => return Err(wrong_credentials()),
    };
    let jwt = state.jwt.clone();
    let issued = state
        .db
        .user_tx(user_id, move |conn| {
            if !repo::password_matches(conn, user_id, &candidate_hash)? {
                return Ok(None);
            }
            throttle::clear(conn, &email, &ip)?;
            if let Some(new_hash) = replacement {
                repo::set_password_hash(conn, user_id, &new_hash)?;
            }
            session::issue(conn, &jwt, user_id, None).map(Some)
        })
        .await?
        .ok_or_else(wrong_credentials)?;
    Ok(session::respond(
        issued,
        body.refresh_in_body,
        state.config.secure_cookies,
    ))
}

fn wrong_credentials() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidCredentials,
        "L'adresse e-mail ou le mot de passe est incorrect.",
    )
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// For non-browser clients; browsers send the cookie instead.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub refresh_token: Option<String>,
    /// Also return the new refresh token in the body.
    #[serde(default)]
    pub refresh_in_body: bool,
}

/// Exchange a refresh token (cookie or body) for a new access token and a new refresh
/// token. Each refresh token works once; presenting a used one revokes the whole session.
#[utoipa::path(
    tag = "auth",
    request_body(content = Option<RefreshRequest>, description = "Optional: browsers send nothing but the cookie"),
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No valid refresh token"),
        BodyErrors,
    ),
    security(())
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body = optional_body::<RefreshRequest>(&body)?;
    let token = body
        .refresh_token
        .clone()
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()))
        .ok_or_else(ApiError::unauthenticated)?;
    let jwt = state.jwt.clone();
    let outcome = state
        .db
        .system_tx(move |conn| session::rotate(conn, &jwt, &token))
        .await?;
    match outcome {
        Rotation::Rotated(issued) => Ok(session::respond(
            issued,
            body.refresh_in_body,
            state.config.secure_cookies,
        )),
        Rotation::Refused | Rotation::Replayed => {
            let mut res = actix_web::ResponseError::error_response(&ApiError::unauthenticated());
            res.add_cookie(&session::clear_cookie(state.config.secure_cookies))
                .map_err(|err| ApiError::internal_from("clearing the session cookie", err))?;
            Ok(res)
        }
    }
}

/// Sign out: revokes the session's refresh tokens and clears the cookie.
#[utoipa::path(
    tag = "auth",
    request_body(content = Option<RefreshRequest>, description = "Optional: browsers send nothing but the cookie"),
    responses((status = 204, description = "Signed out"), BodyErrors),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let body = optional_body::<RefreshRequest>(&body)?;
    let token = body
        .refresh_token
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()));
    if let Some(token) = token {
        state
            .db
            .system_tx(move |conn| session::revoke_by_token(conn, &token))
            .await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(session::clear_cookie(state.config.secure_cookies))
        .finish())
}

/// A body that may be empty (refresh and logout from a browser send none).
fn optional_body<T: serde::de::DeserializeOwned + Default + Validate>(
    bytes: &[u8],
) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    if bytes.len() > crate::platform::http::body::MAX_JSON_BYTES {
        return Err(ApiError::new(
            actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "Le contenu dépasse 64 Kio.",
        ));
    }
    let value: T = crate::platform::http::body::parse(bytes)?;
    value.validate()?;
    Ok(value)
}

/// The client address: the peer, or `X-Real-IP` when a trusted proxy sets it.
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| {
            req.headers()
                .get("x-real-ip")?
                .to_str()
                .ok()?
                .parse::<std::net::IpAddr>()
                .ok()
        })
        .flatten();
    if let Some(ip) = forwarded {
        return ip.to_string();
    }
    req.peer_addr()
        .map(|addr| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}
