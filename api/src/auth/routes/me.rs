//! The signed-in person's own account (`/me`): read, rename, change language and password.

use actix_web::{get, patch, put, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::PgConnection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::hash_in_pool;
use crate::auth::repo;
use crate::auth::session::{self, TokenResponse};
use crate::auth::views::{Locale, MeView, MembershipView};
use crate::auth::{password, throttle, AuthUser};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{AuthErrors, BodyErrors};
use crate::platform::state::AppState;

/// The signed-in person and the organisations they belong to, with their role in each.
#[utoipa::path(tag = "account", responses((status = 200, body = MeView), AuthErrors), security(("bearer" = [])))]
#[get("/me")]
pub async fn me(user: AuthUser, state: web::Data<AppState>) -> ApiResult<web::Json<MeView>> {
    let view = state
        .db
        .user_tx(user.id, move |conn| load_me(conn, user.id))
        .await?;
    Ok(web::Json(view))
}

fn load_me(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<MeView> {
    let (id, email, name, locale, is_superadmin) = repo::profile(conn, user_id)?;
    let memberships = crate::organisations::memberships_of(conn, user_id.into())?
        .into_iter()
        .map(
            |(organisation_id, organisation_name, organisation_short_name, kind, role)| {
                MembershipView {
                    organisation_id,
                    organisation_name,
                    organisation_short_name,
                    organisation_kind: kind,
                    role,
                }
            },
        )
        .collect();
    Ok(MeView {
        id,
        email,
        name,
        locale,
        is_superadmin,
        memberships,
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    /// `fr` or `en`.
    pub locale: Option<Locale>,
}

impl crate::platform::http::body::Rules for UpdateMe {}

/// Change one's own name or interface language.
#[utoipa::path(
    tag = "account",
    request_body = UpdateMe,
    responses((status = 200, body = MeView), AuthErrors, BodyErrors),
    security(("bearer" = []))
)]
#[patch("/me")]
pub async fn update_me(
    user: AuthUser,
    state: web::Data<AppState>,
    body: ValidJson<UpdateMe>,
) -> ApiResult<web::Json<MeView>> {
    let body = body.into_inner();
    let view = state
        .db
        .user_tx(user.id, move |conn| {
            if let Some(name) = body.name {
                repo::set_name(conn, user.id, name.trim())?;
            }
            if let Some(locale) = body.locale {
                repo::set_locale(conn, user.id, locale)?;
            }
            load_me(conn, user.id)
        })
        .await?;
    Ok(web::Json(view))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    #[validate(length(min = 1, max = 1024))]
    #[schema(min_length = 1, max_length = 1024)]
    pub current_password: String,
    /// 12 to 128 characters; the most common passwords are refused.
    #[validate(length(min = 12, max = 128))]
    #[schema(min_length = 12, max_length = 128)]
    pub new_password: String,
}

impl crate::platform::http::body::Rules for ChangePassword {}

/// Change one's password. Every other session ends and older access tokens stop working;
/// the answer is a fresh session for this client.
#[utoipa::path(
    tag = "account",
    request_body = ChangePassword,
    responses(
        (status = 200, body = TokenResponse),
        AuthErrors,
        BodyErrors,
        (status = 429, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Too many wrong passwords; see Retry-After",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(("bearer" = []))
)]
#[put("/me/password")]
pub async fn change_password(
    user: AuthUser,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidJson<ChangePassword>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    if let Some(problem) = password::weakness(&body.new_password, &user.email) {
        return Err(ApiError::field("new_password", problem));
    }
    // Checking the current password is a password check like sign-in's: throttled.
    let (email, ip) = (
        user.email.to_lowercase(),
        super::sign_in::client_ip(&req, state.config.trust_proxy),
    );
    let setting = {
        let (email, ip) = (email.clone(), ip.clone());
        state
            .db
            .user_tx(user.id, move |conn| {
                throttle::reserve(conn, &email, &ip, Utc::now())?;
                repo::password_setting(conn, user.id)
            })
            .await?
    };
    let candidate = body.current_password.clone();
    let candidate_hash = crate::auth::hashing::run(move || {
        setting.and_then(|s| password::hash_with_setting(&candidate, &s))
    })
    .await?;
    let matches = match candidate_hash {
        Some(candidate) => {
            state
                .db
                .user_tx(user.id, move |conn| {
                    repo::password_matches(conn, user.id, &candidate)
                })
                .await?
        }
        None => false,
    };
    if !matches {
        return Err(ApiError::field(
            "current_password",
            "Ce n'est pas votre mot de passe actuel.",
        ));
    }
    // The new password is hashed only once the current one is known to be right.
    let new_hash = hash_in_pool(body.new_password).await?;
    let jwt = state.jwt.clone();
    let issued = state
        .db
        .user_tx(user.id, move |conn| {
            throttle::clear(conn, &email, &ip)?;
            set_password(conn, user.id, &new_hash)?;
            session::issue(conn, &jwt, user.id, None)
        })
        .await?;
    Ok(session::respond(issued, false, state.config.secure_cookies))
}

/// Stores a new password and ends every session of the person.
pub fn set_password(conn: &mut PgConnection, user_id: Uuid, hash: &str) -> ApiResult<()> {
    repo::set_password_hash(conn, user_id, hash)?;
    session::revoke_all(conn, user_id)
}
