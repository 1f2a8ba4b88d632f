//! Redeeming an invitation link: what it is for, and accepting it.

use actix_web::{post, web, HttpResponse};
use diesel::PgConnection;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::hash_in_pool;
use crate::auth::session::{self, TokenResponse};
use crate::auth::views::InvitationPreview;
use crate::auth::{password, repo, tokens, AuthUser};
use crate::platform::error::{ApiError, ApiResult, Problem};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{AuthErrors, BodyErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// The token from the link (the part after `#`).
    #[validate(length(min = 20, max = 200))]
    #[schema(min_length = 20, max_length = 200)]
    pub token: String,
}

impl crate::platform::http::body::Rules for TokenBody {}

/// What an invitation link is for, before the person accepts it.
#[utoipa::path(
    tag = "account",
    request_body = TokenBody,
    responses(
        (status = 200, body = InvitationPreview),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Invalid, used or expired link (code token_invalid)"),
        BodyErrors
    ),
    security(())
)]
#[post("/auth/invitations/inspect")]
pub async fn inspect_invitation(
    state: web::Data<AppState>,
    body: ValidJson<TokenBody>,
) -> ApiResult<web::Json<InvitationPreview>> {
    let hash = tokens::digest(&body.into_inner().token);
    let preview = state
        .db
        .token_tx(hash.clone(), move |conn| {
            let invitation = crate::organisations::open_invitation(conn, &hash)?;
            let organisation_name =
                crate::organisations::name_of(conn, invitation.organisation_id.into())?;
            Ok(InvitationPreview {
                email: invitation.email,
                organisation_name,
                role: invitation.role,
                expires_at: invitation.expires_at,
            })
        })
        .await?;
    Ok(web::Json(preview))
}

/// Whether an account with this email has a password (it then accepts from its session).
fn has_password(conn: &mut PgConnection, email: &str) -> ApiResult<bool> {
    Ok(repo::credentials(conn, email)?.is_some_and(|(_, setting, _)| setting.is_some()))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    #[validate(length(min = 20, max = 200))]
    #[schema(min_length = 20, max_length = 200)]
    pub token: String,
    /// The person's name.
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    /// The password chosen: 12 to 128 characters, the most common ones refused.
    #[validate(length(min = 12, max = 128))]
    #[schema(min_length = 12, max_length = 128)]
    pub password: String,
}

impl crate::platform::http::body::Rules for AcceptInvitation {}

/// Accept an invitation with a new account, and sign in. When the address already has an
/// account, the person signs in with it and accepts from their session
/// (`/auth/invitations/accept-signed-in`): no password of an existing account is ever checked
/// here, so an invitation cannot be used to guess one.
#[utoipa::path(
    tag = "account",
    request_body = AcceptInvitation,
    responses(
        (status = 200, body = TokenResponse, description = "Accepted and signed in"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Invalid, used or expired link (code token_invalid)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The address already has an account: sign in, then accept"),
        BodyErrors
    ),
    security(())
)]
#[post("/auth/invitations/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    body: ValidJson<AcceptInvitation>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    if body.name.trim().is_empty() {
        return Err(ApiError::field("name", "Indiquez votre nom."));
    }
    let hash = tokens::digest(&body.token);
    let email = {
        let hash = hash.clone();
        state
            .db
            .token_tx(hash.clone(), move |conn| {
                let invitation = crate::organisations::open_invitation(conn, &hash)?;
                if has_password(conn, &invitation.email)? {
                    return Err(account_exists());
                }
                Ok(invitation.email)
            })
            .await?
    };
    if let Some(problem) = password::weakness(&body.password, &email) {
        return Err(ApiError::field("password", problem));
    }
    let new_hash = hash_in_pool(body.password).await?;
    let jwt = state.jwt.clone();
    let name = body.name;
    let issued = state
        .db
        .token_tx(hash.clone(), move |conn| {
            let invitation = crate::organisations::open_invitation(conn, &hash)?;
            if has_password(conn, &invitation.email)? {
                return Err(account_exists());
            }
            let user_id = create_or_complete_user(conn, &invitation.email, name.trim(), &new_hash)?;
            crate::organisations::redeem_invitation(conn, &invitation, user_id.into())?;
            session::issue(conn, &jwt, user_id, None)
        })
        .await?;
    Ok(session::respond(issued, false, state.config.secure_cookies))
}

/// Accept an invitation for the signed-in person, whose account has the invited address.
#[utoipa::path(
    tag = "account",
    request_body = TokenBody,
    responses(
        (status = 204, description = "Accepted: the person is now a member"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Invalid, used or expired link (code token_invalid)"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The invitation is for another address"),
        AuthErrors,
        BodyErrors
    ),
    security(("bearer" = []))
)]
#[post("/auth/invitations/accept-signed-in")]
pub async fn accept_signed_in(
    user: AuthUser,
    state: web::Data<AppState>,
    body: ValidJson<TokenBody>,
) -> ApiResult<HttpResponse> {
    let hash = tokens::digest(&body.into_inner().token);
    state
        .db
        .token_tx(hash.clone(), move |conn| {
            let invitation = crate::organisations::open_invitation(conn, &hash)?;
            if !invitation.email.eq_ignore_ascii_case(&user.email) {
                return Err(ApiError::new(
                    actix_web::http::StatusCode::FORBIDDEN,
                    crate::platform::error::ErrorCode::Forbidden,
                    "Cette invitation est adressée à une autre adresse que celle de votre compte.",
                ));
            }
            crate::organisations::redeem_invitation(conn, &invitation, user.id.into())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The address already has an account: it accepts from its own session.
fn account_exists() -> ApiError {
    ApiError::conflict(
        "Un compte existe déjà pour cette adresse : connectez-vous avec elle, puis acceptez l'invitation.",
    )
}

/// Creates the account, or sets the password of an account that never had one.
fn create_or_complete_user(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    hash: &str,
) -> ApiResult<Uuid> {
    match repo::find_by_email(conn, email)? {
        Some(id) => {
            repo::complete_account(conn, id, name, hash)?;
            Ok(id)
        }
        None => repo::insert_user(conn, email, name, hash),
    }
}
