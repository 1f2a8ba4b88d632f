//! Password reset links: asking for one by email, and choosing a new password with it.

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::hash_in_pool;
use super::me::set_password;
use crate::auth::repo::{self, resets};
use crate::auth::{links, password, tokens};
use crate::platform::error::{ApiError, ApiResult, Problem};
use crate::platform::http::ValidJson;
use crate::platform::openapi::BodyErrors;
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    #[validate(email, length(max = 254))]
    #[schema(max_length = 254)]
    pub email: String,
}

impl crate::platform::http::body::Rules for ResetRequest {}

/// Ask for a password reset link by email. The answer is the same whether or not the
/// address has an account; the link is mailed only when SMTP is configured.
#[utoipa::path(
    tag = "account",
    request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way"), BodyErrors),
    security(())
)]
#[post("/auth/password-reset/request")]
pub async fn request_reset(
    state: web::Data<AppState>,
    body: ValidJson<ResetRequest>,
) -> ApiResult<HttpResponse> {
    if state.mailer.is_configured() {
        let email = body.into_inner().email.trim().to_lowercase();
        let public_url = state.config.public_url.clone();
        state
            .db
            .system_tx(move |conn| {
                if let Some(user_id) = repo::find_active_by_email(conn, &email)? {
                    let link = links::create_password_reset(conn, user_id, None)?;
                    crate::platform::mail::queue(
                        conn,
                        &email,
                        "Réinitialiser votre mot de passe — Solidaires et Connectés",
                        &reset_email(&links::reset_url(&public_url, &link.token)),
                    )?;
                }
                Ok(())
            })
            .await?;
    }
    Ok(HttpResponse::Accepted().finish())
}

pub fn reset_email(url: &str) -> String {
    format!(
        "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 72 heures) :\n{url}\n\n\
         Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n"
    )
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteReset {
    #[validate(length(min = 20, max = 200))]
    #[schema(min_length = 20, max_length = 200)]
    pub token: String,
    /// 12 to 128 characters; the most common passwords are refused.
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128)]
    pub password: String,
}

impl crate::platform::http::body::Rules for CompleteReset {}

/// Choose a new password with a reset link. Every session of the account ends.
#[utoipa::path(
    tag = "account",
    request_body = CompleteReset,
    responses(
        (status = 204, description = "Password changed; sign in with it"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Invalid, used or expired link (code token_invalid)"),
        BodyErrors
    ),
    security(())
)]
#[post("/auth/password-reset/complete")]
pub async fn complete_reset(
    state: web::Data<AppState>,
    body: ValidJson<CompleteReset>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let hash = tokens::digest(&body.token);
    let (reset_id, user_id, email) = {
        let hash = hash.clone();
        state
            .db
            .system_tx(move |conn| {
                let link = resets::find_open(conn, &hash)?.ok_or_else(ApiError::token_invalid)?;
                // An admin's link works only while it is still justified.
                if let (Some(issuer), Some(org)) = (link.issued_by, link.issued_in) {
                    let justified = crate::organisations::admin_link_still_justified(
                        conn,
                        org.into(),
                        issuer.into(),
                        link.user_id.into(),
                    )?;
                    if !justified {
                        return Err(ApiError::token_invalid());
                    }
                }
                Ok((link.id, link.user_id, link.email))
            })
            .await?
    };
    if let Some(problem) = password::weakness(&body.password, &email) {
        return Err(ApiError::field("password", problem));
    }
    let new_hash = hash_in_pool(body.password).await?;
    // The link's door: presenting the link is what lets this transaction set the password.
    state
        .db
        .token_tx(hash, move |conn| {
            // Guarded: a link used concurrently is redeemed once.
            if !resets::claim(conn, reset_id)? {
                return Err(ApiError::token_invalid());
            }
            set_password(conn, user_id, &new_hash)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
