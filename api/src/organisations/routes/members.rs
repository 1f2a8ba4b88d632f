//! An organisation's members, managed by its admin (or the superadmin): list, change a
//! role, deactivate or reactivate, remove, issue a password reset link.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgAdmin, Role};
use crate::auth::OrgScope;
use crate::organisations::domain::{check_role, OrgError};
use crate::organisations::repo::members as repo;
use crate::organisations::routes::organisations::OrgPath;
use crate::organisations::views::{LinkView, MemberView};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct MemberPath {
    /// The member's user id.
    pub user_id: Uuid,
}

fn one_member(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<MemberView> {
    repo::list(conn, Some(user))?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)
}

/// The organisation's members and their roles.
#[utoipa::path(
    tag = "members",
    params(OrgPath),
    responses((status = 200, body = Vec<MemberView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/members")]
pub async fn list(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<MemberView>>> {
    let members = state
        .db
        .org_tx(&scope, |conn| repo::list(conn, None))
        .await?;
    Ok(web::Json(members))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMember {
    /// A role this kind of organisation has.
    pub role: Option<Role>,
    /// False deactivates the account (only for people who belong to this organisation alone).
    pub active: Option<bool>,
}

impl crate::platform::http::body::Rules for UpdateMember {}

/// Change a member's role, or deactivate / reactivate their account. Their current
/// access tokens stop working at once.
#[utoipa::path(
    tag = "members",
    params(OrgPath, MemberPath),
    request_body = UpdateMember,
    responses((status = 200, body = MemberView), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[patch("/orgs/{org_id}/members/{user_id}")]
pub async fn update(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    path: web::Path<MemberPath>,
    body: ValidJson<UpdateMember>,
) -> ApiResult<web::Json<MemberView>> {
    let body = body.into_inner();
    let target = path.user_id;
    if let Some(role) = body.role {
        check_role(scope.kind, role, "role")?;
    }
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let current = changing_admins(conn, target)?;
            if let Some(role) = body.role.filter(|r| *r != current.role) {
                if current.role == Role::Admin {
                    ensure_other_admin(conn, target)?;
                }
                repo::set_role(conn, target, role)?;
                crate::auth::invalidate_access_tokens(conn.conn(), target.into())?;
            }
            if let Some(active) = body.active.filter(|a| *a != current.active) {
                ensure_sole_organisation(conn, target)?;
                if !active && current.role == Role::Admin {
                    ensure_other_admin(conn, target)?;
                }
                crate::auth::set_active(conn.conn(), target.into(), active)?;
            }
            one_member(conn, target)
        })
        .await?;
    Ok(web::Json(view))
}

/// Remove someone from the organisation (their account stays for other organisations).
#[utoipa::path(
    tag = "members",
    params(OrgPath, MemberPath),
    responses((status = 204, description = "Removed"), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[delete("/orgs/{org_id}/members/{user_id}")]
pub async fn remove(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    path: web::Path<MemberPath>,
) -> ApiResult<HttpResponse> {
    let target = path.user_id;
    state
        .db
        .org_tx(&scope, move |conn| {
            let current = changing_admins(conn, target)?;
            if current.role == Role::Admin {
                ensure_other_admin(conn, target)?;
            }
            // Before the removal: an admin may end the sessions of a member only.
            crate::auth::invalidate_access_tokens(conn.conn(), target.into())?;
            repo::remove(conn, target)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Issue a password reset link for a member (only for people who belong to this
/// organisation alone). The link is in the answer, and emailed when SMTP is configured.
#[utoipa::path(
    tag = "members",
    params(OrgPath, MemberPath),
    responses((status = 201, body = LinkView), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/members/{user_id}/password-reset")]
pub async fn issue_reset(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    path: web::Path<MemberPath>,
) -> ApiResult<HttpResponse> {
    let target = path.user_id;
    let public_url = state.config.public_url.clone();
    let emailed = state.mailer.is_configured();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let member = one_member(conn, target)?;
            ensure_sole_organisation(conn, target)?;
            if crate::auth::is_superadmin(conn.conn(), target.into())? {
                return Err(OrgError::SharedAccount.into());
            }
            let (actor, org) = (conn.actor(), conn.org());
            let issuer = actor.user_id.ok_or_else(ApiError::forbidden)?;
            let link = crate::auth::create_password_reset(
                conn.conn(),
                target.into(),
                (issuer.into(), org),
            )?;
            let url = crate::auth::links::reset_url(&public_url, &link.token);
            if emailed {
                crate::platform::mail::queue(
                    conn.conn(),
                    &member.email,
                    "Réinitialiser votre mot de passe — Solidaires et Connectés",
                    &crate::auth::routes::resets::reset_email(&url),
                )?;
            }
            Ok(LinkView {
                url,
                expires_at: link.expires_at,
                emailed,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// An admin acts on an account only when it belongs to their organisation alone: one
/// organisation's admin must not lock out or take over a member of another.
fn ensure_sole_organisation(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<()> {
    if crate::auth::membership_count(conn.conn(), user.into())? > 1 {
        return Err(OrgError::SharedAccount.into());
    }
    Ok(())
}

/// Before a change of roles or accounts: takes the organisation's admin lock, checks that the
/// caller is still allowed (an admin demoted a moment ago no longer acts as one), and reads
/// the member concerned.
fn changing_admins(conn: &mut TenantConn<'_>, target: Uuid) -> ApiResult<MemberView> {
    repo::lock_admins(conn)?;
    let actor = conn.actor();
    if actor.role != crate::auth::ActorRole::Superadmin {
        let caller = actor.user_id.ok_or_else(ApiError::forbidden)?;
        if repo::role_of(conn, caller)? != Some(Role::Admin) {
            return Err(ApiError::forbidden());
        }
    }
    one_member(conn, target)
}

/// An organisation never loses its last active admin.
fn ensure_other_admin(conn: &mut TenantConn<'_>, leaving: Uuid) -> ApiResult<()> {
    if repo::other_active_admins(conn, leaving)? == 0 {
        return Err(OrgError::LastAdmin.into());
    }
    Ok(())
}
