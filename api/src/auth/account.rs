//! The signed-in person's own account (`/me`), and redeeming one-time links: accepting an
//! invitation, resetting a password.

use actix_web::{get, patch, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgKind, Role};
use crate::auth::session::{self, TokenResponse};
use crate::auth::{links, password, tokens, AuthUser};
use crate::platform::db::{lower, switch_org};
use crate::platform::error::{ApiError, ApiResult, Problem};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{AuthErrors, BodyErrors};
use crate::platform::state::AppState;
use crate::schema::{invitations as inv, memberships, organisations, password_resets as pr, users};

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipView {
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub organisation_short_name: String,
    pub organisation_kind: OrgKind,
    pub role: Role,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub is_superadmin: bool,
    pub memberships: Vec<MembershipView>,
}

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
    let (id, email, name, locale, is_superadmin): (Uuid, String, String, String, bool) =
        users::table
            .find(user_id)
            .select((
                users::id,
                users::email,
                users::name,
                users::locale,
                users::is_superadmin,
            ))
            .first(conn)?;
    let rows: Vec<(Uuid, String, String, String, String)> = memberships::table
        .inner_join(organisations::table)
        .filter(memberships::user_id.eq(user_id))
        .order(organisations::name)
        .select((
            organisations::id,
            organisations::name,
            organisations::short_name,
            organisations::kind,
            memberships::role,
        ))
        .load(conn)?;
    let memberships = rows
        .into_iter()
        .filter_map(
            |(organisation_id, organisation_name, organisation_short_name, kind, role)| {
                Some(MembershipView {
                    organisation_id,
                    organisation_name,
                    organisation_short_name,
                    organisation_kind: OrgKind::parse(&kind)?,
                    role: Role::parse(&role)?,
                })
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
    pub name: Option<String>,
    /// `fr` or `en`.
    #[validate(custom(function = "crate::platform::validate::validate_locale"))]
    pub locale: Option<String>,
}

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
                diesel::update(users::table.find(user.id))
                    .set(users::name.eq(name.trim()))
                    .execute(conn)?;
            }
            if let Some(locale) = body.locale {
                diesel::update(users::table.find(user.id))
                    .set(users::locale.eq(locale))
                    .execute(conn)?;
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
    pub current_password: String,
    /// 12 to 128 characters; the most common passwords are refused.
    #[validate(length(min = 12, max = 128))]
    pub new_password: String,
}

/// Change one's password. Every other session ends and older access tokens stop working;
/// the answer is a fresh session for this client.
#[utoipa::path(
    tag = "account",
    request_body = ChangePassword,
    responses((status = 200, body = TokenResponse), AuthErrors, BodyErrors),
    security(("bearer" = []))
)]
#[put("/me/password")]
pub async fn change_password(
    user: AuthUser,
    state: web::Data<AppState>,
    body: ValidJson<ChangePassword>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    if let Some(problem) = password::weakness(&body.new_password, &user.email) {
        return Err(ApiError::field("new_password", problem));
    }
    let current: Option<String> = state
        .db
        .user_tx(user.id, move |conn| {
            Ok(users::table
                .find(user.id)
                .select(users::password_hash)
                .first(conn)?)
        })
        .await?;
    let candidate = body.current_password.clone();
    let ok = web::block(move || current.is_some_and(|h| password::verify(&candidate, &h))).await?;
    if !ok {
        return Err(ApiError::field(
            "current_password",
            "n'est pas votre mot de passe actuel",
        ));
    }
    let new_hash = hash_in_pool(body.new_password).await?;
    let jwt = state.jwt.clone();
    let issued = state
        .db
        .user_tx(user.id, move |conn| {
            set_password(conn, user.id, &new_hash)?;
            session::issue(conn, &jwt, user.id, None)
        })
        .await?;
    Ok(session::respond(issued, false, state.config.secure_cookies))
}

async fn hash_in_pool(password: String) -> ApiResult<String> {
    web::block(move || password::hash(&password))
        .await?
        .map_err(|err| ApiError::internal_from("password hashing", err))
}

/// Stores a new password and ends every session of the person.
fn set_password(conn: &mut PgConnection, user_id: Uuid, hash: &str) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    session::revoke_all(conn, user_id)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// The token from the link (the part after `#`).
    #[validate(length(min = 20, max = 200))]
    pub token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationPreview {
    pub email: String,
    pub organisation_name: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    /// The email already has an account: accepting asks for its current password.
    pub account_exists: bool,
}

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
            let invitation = open_invitation(conn, &hash)?;
            let organisation_name: String = organisations::table
                .find(invitation.organisation_id)
                .select(organisations::name)
                .first(conn)?;
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

struct OpenInvitation {
    organisation_id: Uuid,
    id: Uuid,
    organisation_kind: String,
    email: String,
    role: Role,
    expires_at: DateTime<Utc>,
}

/// The invitation with this hash, if it can still be accepted.
fn open_invitation(conn: &mut PgConnection, hash: &str) -> ApiResult<OpenInvitation> {
    let row: Option<(Uuid, Uuid, String, String, String, DateTime<Utc>)> = inv::table
        .filter(inv::token_hash.eq(hash))
        .filter(inv::accepted_at.is_null())
        .filter(inv::revoked_at.is_null())
        .filter(inv::expires_at.gt(diesel::dsl::now))
        .select((
            inv::organisation_id,
            inv::id,
            inv::organisation_kind,
            inv::email,
            inv::role,
            inv::expires_at,
        ))
        .for_update()
        .first(conn)
        .optional()?;
    let (organisation_id, id, organisation_kind, email, role, expires_at) =
        row.ok_or_else(ApiError::token_invalid)?;
    Ok(OpenInvitation {
        organisation_id,
        id,
        organisation_kind,
        email,
        role: Role::parse(&role).ok_or_else(ApiError::internal)?,
        expires_at,
    })
}

/// (id, password hash) of the account with this email, when it has a password.
fn account_with_password(
    conn: &mut PgConnection,
    email: &str,
) -> ApiResult<Option<(Uuid, String)>> {
    let row: Option<(Uuid, Option<String>)> = users::table
        .filter(lower(users::email).eq(email.to_lowercase()))
        .select((users::id, users::password_hash))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(id, hash)| hash.map(|h| (id, h))))
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
                let invitation = open_invitation(conn, &hash)?;
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
            let invitation = open_invitation(conn, &hash)?;
            let user_id = match (existing, new_hash) {
                (Some((id, _)), _) => id,
                (None, Some(new_hash)) => {
                    create_or_complete_user(conn, &invitation.email, name.trim(), &new_hash)?
                }
                (None, None) => return Err(ApiError::internal()),
            };
            switch_org(conn, invitation.organisation_id)?;
            diesel::insert_into(memberships::table)
                .values((
                    memberships::organisation_id.eq(invitation.organisation_id),
                    memberships::user_id.eq(user_id),
                    memberships::organisation_kind.eq(&invitation.organisation_kind),
                    memberships::role.eq(invitation.role.as_str()),
                ))
                .on_conflict((memberships::organisation_id, memberships::user_id))
                .do_update()
                .set(memberships::role.eq(invitation.role.as_str()))
                .execute(conn)?;
            diesel::update(inv::table.find((invitation.organisation_id, invitation.id)))
                .set(inv::accepted_at.eq(diesel::dsl::now))
                .execute(conn)?;
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
    let existing: Option<Uuid> = users::table
        .filter(lower(users::email).eq(email.to_lowercase()))
        .select(users::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        diesel::update(users::table.find(id))
            .set((
                users::password_hash.eq(hash),
                users::name.eq(name),
                users::active.eq(true),
            ))
            .execute(conn)?;
        return Ok(id);
    }
    let id = Uuid::now_v7();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::email.eq(email),
            users::name.eq(name),
            users::password_hash.eq(hash),
        ))
        .execute(conn)?;
    Ok(id)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    #[validate(email, length(max = 254))]
    pub email: String,
}

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
                let user: Option<Uuid> = users::table
                    .filter(lower(users::email).eq(&email))
                    .filter(users::active.eq(true))
                    .select(users::id)
                    .first(conn)
                    .optional()?;
                if let Some(user_id) = user {
                    let link = links::create_password_reset(conn, user_id)?;
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
    pub token: String,
    /// 12 to 128 characters; the most common passwords are refused.
    #[validate(length(min = 1, max = 128))]
    pub password: String,
}

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
                let row: Option<(Uuid, Uuid, String)> = pr::table
                    .inner_join(users::table)
                    .filter(pr::token_hash.eq(hash))
                    .filter(pr::used_at.is_null())
                    .filter(pr::expires_at.gt(diesel::dsl::now))
                    .filter(users::active.eq(true))
                    .select((pr::id, users::id, users::email))
                    .first(conn)
                    .optional()?;
                row.ok_or_else(ApiError::token_invalid)
            })
            .await?
    };
    if let Some(problem) = password::weakness(&body.password, &email) {
        return Err(ApiError::field("password", problem));
    }
    let new_hash = hash_in_pool(body.password).await?;
    state
        .db
        .system_tx(move |conn| {
            // Guarded: a link used concurrently is redeemed once.
            let claimed = diesel::update(pr::table.find(reset_id).filter(pr::used_at.is_null()))
                .set(pr::used_at.eq(diesel::dsl::now))
                .execute(conn)?;
            if claimed == 0 {
                return Err(ApiError::token_invalid());
            }
            set_password(conn, user_id, &new_hash)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
