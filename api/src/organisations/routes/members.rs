//! An organisation's members, managed by its admin (or the superadmin): list, change a
//! role, deactivate or reactivate, remove, issue a password reset link.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgAdmin, Role};
use crate::auth::{links, session, OrgScope};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;
use crate::schema::{memberships as m, users};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct MemberPath {
    /// The member's user id.
    pub user_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// False when the account is deactivated (it cannot sign in).
    pub active: bool,
    /// False until the person has chosen a password.
    pub has_password: bool,
    pub member_since: DateTime<Utc>,
}

type MemberRow = (
    Uuid,
    String,
    String,
    String,
    bool,
    Option<String>,
    DateTime<Utc>,
);

fn to_view(row: MemberRow) -> Option<MemberView> {
    let (user_id, email, name, role, active, hash, member_since) = row;
    Some(MemberView {
        user_id,
        email,
        name,
        role: Role::parse(&role)?,
        active,
        has_password: hash.is_some(),
        member_since,
    })
}

fn query_members(conn: &mut TenantConn<'_>, user: Option<Uuid>) -> ApiResult<Vec<MemberView>> {
    let org_id = conn.org_id();
    let mut q = m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .select((
            users::id,
            users::email,
            users::name,
            m::role,
            users::active,
            users::password_hash,
            m::created_at,
        ))
        .order(users::name)
        .into_boxed();
    if let Some(user) = user {
        q = q.filter(users::id.eq(user));
    }
    let rows: Vec<MemberRow> = q.load(conn.conn())?;
    Ok(rows.into_iter().filter_map(to_view).collect())
}

fn one_member(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<MemberView> {
    query_members(conn, Some(user))?
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
        .org_tx(&scope, |conn| query_members(conn, None))
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
        if !scope.kind.roles().contains(&role) {
            return Err(ApiError::field(
                "role",
                "n'est pas un rôle de ce type d'organisation",
            ));
        }
    }
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let current = one_member(conn, target)?;
            if let Some(role) = body.role.filter(|r| *r != current.role) {
                if current.role == Role::Admin {
                    ensure_other_admin(conn, target)?;
                }
                let org_id = conn.org_id();
                diesel::update(m::table.find((org_id, target)))
                    .set(m::role.eq(role.as_str()))
                    .execute(conn.conn())?;
                session::invalidate_access_tokens(conn.conn(), target)?;
            }
            if let Some(active) = body.active.filter(|a| *a != current.active) {
                ensure_sole_organisation(conn, target)?;
                if !active && current.role == Role::Admin {
                    ensure_other_admin(conn, target)?;
                }
                diesel::update(users::table.find(target))
                    .set(users::active.eq(active))
                    .execute(conn.conn())?;
                if !active {
                    session::revoke_all(conn.conn(), target)?;
                }
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
            let current = one_member(conn, target)?;
            if current.role == Role::Admin {
                ensure_other_admin(conn, target)?;
            }
            let org_id = conn.org_id();
            diesel::delete(m::table.find((org_id, target))).execute(conn.conn())?;
            session::invalidate_access_tokens(conn.conn(), target)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkView {
    /// The one-time link to hand to the person (valid 72 hours).
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// Whether it was also sent by email (only when SMTP is configured).
    pub emailed: bool,
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
            let link = links::create_password_reset(conn.conn(), target)?;
            let url = links::reset_url(&public_url, &link.token);
            if emailed {
                crate::platform::mail::queue(
                    conn.conn(),
                    &member.email,
                    "Réinitialiser votre mot de passe — Solidaires et Connectés",
                    &crate::auth::account::reset_email(&url),
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
    let count: i32 = users::table
        .find(user)
        .select(users::membership_count)
        .first(conn.conn())?;
    if count > 1 {
        return Err(ApiError::conflict(
            "Cette personne appartient aussi à une autre organisation : retirez-la plutôt de la vôtre, ou demandez au superadministrateur.",
        ));
    }
    Ok(())
}

/// An organisation never loses its last active admin.
fn ensure_other_admin(conn: &mut TenantConn<'_>, leaving: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    let others: i64 = m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .filter(m::role.eq(Role::Admin.as_str()))
        .filter(users::active.eq(true))
        .filter(m::user_id.ne(leaving))
        .count()
        .get_result(conn.conn())?;
    if others == 0 {
        return Err(ApiError::conflict(
            "L'organisation doit d'abord avoir un autre administrateur actif.",
        ));
    }
    Ok(())
}
