//! Invitations to join an organisation with a role. The one-time link is in the answer to
//! the admin (to hand over when no email is configured) and is emailed when SMTP is.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{Duration, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgAdmin, Role};
use crate::auth::{links, OrgScope};
use crate::organisations::domain::{check_role, InvitationStatus, OrgError};
use crate::organisations::repo::invitations::{self as repo, NewInvitation};
use crate::organisations::routes::organisations::OrgPath;
use crate::organisations::views::{CreatedInvitation, InvitationView};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InvitationPath {
    pub invitation_id: Uuid,
}

/// Invitations settled more than 30 days ago are history nobody needs here.
fn recent(conn: &mut TenantConn<'_>, only: Option<Uuid>) -> ApiResult<Vec<InvitationView>> {
    let now = Utc::now();
    repo::list(conn, now - Duration::days(30), only, now)
}

/// The organisation's invitations of the last 30 days, newest first.
#[utoipa::path(
    tag = "members",
    params(OrgPath),
    responses((status = 200, body = Vec<InvitationView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/invitations")]
pub async fn list(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<InvitationView>>> {
    let rows = state.db.org_tx(&scope, |conn| recent(conn, None)).await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitation {
    #[validate(email, length(max = 254))]
    #[schema(max_length = 254)]
    pub email: String,
    /// A role this kind of organisation has.
    pub role: Role,
}

impl crate::platform::http::body::Rules for CreateInvitation {}

/// Invite someone to the organisation with a role. Answers the one-time link (valid 72 h).
#[utoipa::path(
    tag = "members",
    params(OrgPath),
    request_body = CreateInvitation,
    responses((status = 201, body = CreatedInvitation), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/invitations")]
pub async fn create(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    body: ValidJson<CreateInvitation>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    check_role(scope.kind, body.role, "role")?;
    let email = body.email.trim().to_lowercase();
    let (kind, inviter) = (scope.kind, scope.user_id());
    let public_url = state.config.public_url.clone();
    let emailed = state.mailer.is_configured();
    let created = state
        .db
        .org_tx(&scope, move |conn| {
            if crate::organisations::repo::members::has_email(conn, &email)? {
                return Err(OrgError::AlreadyMember.into());
            }
            // A new invitation replaces the pending ones for the same address.
            repo::revoke_pending_for(conn, &email)?;
            let link = links::new_link();
            let id = repo::insert(
                conn,
                &NewInvitation {
                    kind,
                    email: &email,
                    role: body.role,
                    token_hash: &link.hash,
                    expires_at: link.expires_at,
                    created_by: inviter,
                },
            )?;
            let url = links::invitation_url(&public_url, &link.token);
            if emailed {
                let org_id = conn.org_id();
                let org_name =
                    crate::organisations::repo::directory::find(conn.conn(), org_id)?.name;
                crate::platform::mail::queue(
                    conn.conn(),
                    &email,
                    "Invitation — Solidaires et Connectés",
                    &invitation_email(&org_name, &url),
                )?;
            }
            let invitation = recent(conn, Some(id))?
                .into_iter()
                .next()
                .ok_or_else(ApiError::not_found)?;
            Ok(CreatedInvitation {
                invitation,
                url,
                emailed,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

fn invitation_email(org_name: &str, url: &str) -> String {
    format!(
        "Bonjour,\n\n{org_name} vous invite sur Solidaires et Connectés.\n\
         Pour créer votre accès et choisir votre mot de passe, ouvrez ce lien (valable 72 heures) :\n{url}\n"
    )
}

/// Revoke a pending invitation: its link stops working.
#[utoipa::path(
    tag = "members",
    params(OrgPath, InvitationPath),
    responses((status = 204, description = "Revoked"), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[delete("/orgs/{org_id}/invitations/{invitation_id}")]
pub async fn revoke(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    path: web::Path<InvitationPath>,
) -> ApiResult<HttpResponse> {
    let id = path.invitation_id;
    state
        .db
        .org_tx(&scope, move |conn| {
            let view = recent(conn, Some(id))?
                .into_iter()
                .next()
                .ok_or_else(ApiError::not_found)?;
            if view.status != InvitationStatus::Pending {
                return Err(OrgError::InvitationSettled.into());
            }
            repo::revoke(conn, id)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
