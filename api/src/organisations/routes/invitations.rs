//! Invitations to join an organisation with a role. The one-time link is in the answer to
//! the admin (to hand over when no email is configured) and is emailed when SMTP is.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgAdmin, Role};
use crate::auth::{links, OrgScope};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::{lower, TenantConn};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;
use crate::schema::{invitations as inv, memberships as m, organisations, users};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InvitationPath {
    pub invitation_id: Uuid,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedInvitation {
    pub invitation: InvitationView,
    /// The one-time link (shown once: it is not stored).
    pub url: String,
    /// Whether it was also sent by email (only when SMTP is configured).
    pub emailed: bool,
}

type InvitationRow = (
    Uuid,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

fn to_view(row: InvitationRow, now: DateTime<Utc>) -> Option<InvitationView> {
    let (id, email, role, expires_at, accepted_at, revoked_at, created_at) = row;
    let status = match (accepted_at, revoked_at) {
        (Some(_), _) => InvitationStatus::Accepted,
        (_, Some(_)) => InvitationStatus::Revoked,
        _ if expires_at <= now => InvitationStatus::Expired,
        _ => InvitationStatus::Pending,
    };
    Some(InvitationView {
        id,
        email,
        role: Role::parse(&role)?,
        status,
        expires_at,
        created_at,
    })
}

fn load(conn: &mut TenantConn<'_>, only: Option<Uuid>) -> ApiResult<Vec<InvitationView>> {
    let org_id = conn.org_id();
    let mut q = inv::table
        .filter(inv::organisation_id.eq(org_id))
        // Invitations settled more than 30 days ago are history nobody needs here.
        .filter(inv::created_at.gt(Utc::now() - chrono::Duration::days(30)))
        .select((
            inv::id,
            inv::email,
            inv::role,
            inv::expires_at,
            inv::accepted_at,
            inv::revoked_at,
            inv::created_at,
        ))
        .order(inv::created_at.desc())
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(inv::id.eq(id));
    }
    let rows: Vec<InvitationRow> = q.load(conn.conn())?;
    let now = Utc::now();
    Ok(rows.into_iter().filter_map(|r| to_view(r, now)).collect())
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
    let rows = state.db.org_tx(&scope, |conn| load(conn, None)).await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitation {
    #[validate(email, length(max = 254))]
    pub email: String,
    /// A role this kind of organisation has.
    pub role: Role,
}

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
    if !scope.kind.roles().contains(&body.role) {
        return Err(ApiError::field(
            "role",
            "n'est pas un rôle de ce type d'organisation",
        ));
    }
    let email = body.email.trim().to_lowercase();
    let (kind, inviter) = (scope.kind, scope.user_id());
    let public_url = state.config.public_url.clone();
    let emailed = state.mailer.is_configured();
    let created = state
        .db
        .org_tx(&scope, move |conn| {
            let org_id = conn.org_id();
            let already: i64 = m::table
                .inner_join(users::table)
                .filter(m::organisation_id.eq(org_id))
                .filter(lower(users::email).eq(&email))
                .count()
                .get_result(conn.conn())?;
            if already > 0 {
                return Err(ApiError::conflict(
                    "Cette personne est déjà membre de l'organisation.",
                ));
            }
            // A new invitation replaces the pending ones for the same address.
            diesel::update(
                inv::table
                    .filter(inv::organisation_id.eq(org_id))
                    .filter(inv::email.eq(&email))
                    .filter(inv::accepted_at.is_null())
                    .filter(inv::revoked_at.is_null()),
            )
            .set(inv::revoked_at.eq(diesel::dsl::now))
            .execute(conn.conn())?;
            let link = links::new_link();
            let id = Uuid::now_v7();
            diesel::insert_into(inv::table)
                .values((
                    inv::organisation_id.eq(org_id),
                    inv::id.eq(id),
                    inv::organisation_kind.eq(kind.as_str()),
                    inv::email.eq(&email),
                    inv::role.eq(body.role.as_str()),
                    inv::token_hash.eq(&link.hash),
                    inv::expires_at.eq(link.expires_at),
                    inv::created_by.eq(inviter),
                ))
                .execute(conn.conn())?;
            let url = links::invitation_url(&public_url, &link.token);
            if emailed {
                let org_name: String = organisations::table
                    .find(org_id)
                    .select(organisations::name)
                    .first(conn.conn())?;
                crate::platform::mail::queue(
                    conn.conn(),
                    &email,
                    "Invitation — Solidaires et Connectés",
                    &invitation_email(&org_name, &url),
                )?;
            }
            let invitation = load(conn, Some(id))?
                .into_iter()
                .next()
                .ok_or_else(ApiError::internal)?;
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
            let org_id = conn.org_id();
            let view = load(conn, Some(id))?
                .into_iter()
                .next()
                .ok_or_else(ApiError::not_found)?;
            if !matches!(view.status, InvitationStatus::Pending) {
                return Err(ApiError::conflict(
                    "Seule une invitation en attente peut être annulée.",
                ));
            }
            diesel::update(inv::table.find((org_id, id)))
                .set(inv::revoked_at.eq(diesel::dsl::now))
                .execute(conn.conn())?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
