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
use crate::auth::{password, repo, tokens};
use crate::platform::error::{ApiError, ApiResult, Problem};
use crate::platform::http::ValidJson;
use crate::platform::openapi::BodyErrors;
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// The token from the link (the part after `#`).
    #[validate(length(min = 20, max = 200))]
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
            let account_exists = account_with_password(conn, &invitation.email)?.is_some();
            Ok(InvitationPreview {
                email: invitation.email,
                organisation_name,
                role: invitation.role,
                expires_at: invitation.expires_at,
                account_exists,
            })
        })
        .await?;
    Ok(web::Json(preview))
}

/// (id, password hash) of the account with this email, when it has a password.
fn account_with_password(
    conn: &mut PgConnection,
    email: &str,
) -> ApiResult<Option<(Uuid, String)>> {
    Ok(repo::credentials(conn, email)?.and_then(|(id, hash, _)| hash.map(|h| (id, h))))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    #[validate(length(min = 20, max = 200))]
    pub token: String,
    /// The person's name, for a new account (ignored when the account exists).
    #[validate(length(min = 1, max = 120))]
    pub name: Option<String>,
    /// For a new account: the password chosen (12–128 characters). For an existing
    /// account: its current password.
    #[validate(length(min = 1, max = 128))]
    pub password: String,
}

impl crate::platform::http::body::Rules for AcceptInvitation {}

/// Accept an invitation: creates the account (or adds the membership to an existing one,
/// after checking its password) and signs the person in.
#[utoipa::path(
    tag = "account",
    request_body = AcceptInvitation,
    responses(
        (status = 200, body = TokenResponse, description = "Accepted and signed in"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Invalid, used or expired link (code token_invalid)"),
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
    let hash = tokens::digest(&body.token);
    // Look the invitation up first, to know whether to hash a new password or verify one.
    let (email, existing) = {
        let hash = hash.clone();
        state
            .db
            .token_tx(hash.clone(), move |conn| {
                let invitation = crate::organisations::open_invitation(conn, &hash)?;
                let existing = account_with_password(conn, &invitation.email)?;
                Ok((invitation.email, existing))
            })
            .await?
    };
    let new_hash = match &existing {
        Some((_, stored)) => {
            let (candidate, stored) = (body.password.clone(), stored.clone());
            if !web::block(move || password::verify(&candidate, &stored)).await? {
                return Err(ApiError::field(
                    "password",
                    "n'est pas le mot de passe actuel de ce compte",
                ));
            }
            None
        }
        None => {
            if body
                .name
                .as_deref()
                .map(str::trim)
                .unwrap_or_default()
                .is_empty()
            {
                return Err(ApiError::field("name", "est obligatoire"));
            }
            if let Some(problem) = password::weakness(&body.password, &email) {
                return Err(ApiError::field("password", problem));
            }
            Some(hash_in_pool(body.password.clone()).await?)
        }
    };
    let jwt = state.jwt.clone();
    let name = body.name.unwrap_or_default();
    let issued = state
        .db
        .token_tx(hash.clone(), move |conn| {
            let invitation = crate::organisations::open_invitation(conn, &hash)?;
            let user_id = match (existing, new_hash) {
                (Some((id, _)), _) => id,
                (None, Some(new_hash)) => {
                    create_or_complete_user(conn, &invitation.email, name.trim(), &new_hash)?
                }
                (None, None) => {
                    return Err(ApiError::internal_from(
                        "accepting an invitation",
                        "neither an account nor a new password",
                    ))
                }
            };
            crate::organisations::redeem_invitation(conn, &invitation, user_id.into())?;
            session::issue(conn, &jwt, user_id, None)
        })
        .await?;
    Ok(session::respond(issued, false, state.config.secure_cookies))
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
