//! Organisations: the directory every signed-in person can read, creation by the
//! superadmin, and each organisation's details and settings.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{MemberOrSuperadmin, OrgAdmin, OrgKind};
use crate::auth::{AuthUser, OrgScope, Superadmin};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson, Versioned};
use crate::platform::openapi::{
    AuthErrors, BodyErrors, ConflictError, OrgErrors, SuperadminErrors, VersionErrors,
};
use crate::platform::state::AppState;
use crate::schema::organisations as o;

/// The `{org_id}` of every organisation-scoped route.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OrgPath {
    /// The organisation (you must be a member; otherwise 404).
    pub org_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DirectoryEntry {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub short_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationSettings {
    /// Days without an answer before a structure is reminded of a referral.
    pub referral_reminder_days: i32,
    /// Days without an answer before a referral expires.
    pub referral_expiry_days: i32,
    /// Sessions a household must have attended before it can receive a computer.
    pub handover_min_sessions: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub short_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub settings: OrganisationSettings,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Versioned for OrganisationView {
    fn version(&self) -> i32 {
        self.version
    }
}

type OrgRow = (
    Uuid,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    (i32, i32, i32),
    i32,
    DateTime<Utc>,
    DateTime<Utc>,
);

#[allow(clippy::type_complexity)]
const ORG_COLUMNS: (
    o::id,
    o::kind,
    o::name,
    o::short_name,
    o::contact_email,
    o::contact_phone,
    (
        o::referral_reminder_days,
        o::referral_expiry_days,
        o::handover_min_sessions,
    ),
    o::version,
    o::created_at,
    o::updated_at,
) = (
    o::id,
    o::kind,
    o::name,
    o::short_name,
    o::contact_email,
    o::contact_phone,
    (
        o::referral_reminder_days,
        o::referral_expiry_days,
        o::handover_min_sessions,
    ),
    o::version,
    o::created_at,
    o::updated_at,
);

fn to_view(row: OrgRow) -> ApiResult<OrganisationView> {
    let (
        id,
        kind,
        name,
        short_name,
        contact_email,
        contact_phone,
        settings,
        version,
        created_at,
        updated_at,
    ) = row;
    Ok(OrganisationView {
        id,
        kind: OrgKind::parse(&kind).ok_or_else(ApiError::internal)?,
        name,
        short_name,
        contact_email,
        contact_phone,
        settings: OrganisationSettings {
            referral_reminder_days: settings.0,
            referral_expiry_days: settings.1,
            handover_min_sessions: settings.2,
        },
        version,
        created_at,
        updated_at,
    })
}

pub fn load(conn: &mut PgConnection, id: Uuid) -> ApiResult<OrganisationView> {
    to_view(o::table.find(id).select(ORG_COLUMNS).first(conn)?)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// Only organisations of this kind.
    pub kind: Option<OrgKind>,
}

/// The directory of organisations on this instance (names and kinds only).
#[utoipa::path(
    tag = "organisations",
    params(DirectoryQuery),
    responses((status = 200, body = Vec<DirectoryEntry>), AuthErrors, (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Unknown kind")),
    security(("bearer" = []))
)]
#[get("/organisations")]
pub async fn list(
    _user: AuthUser,
    state: web::Data<AppState>,
    query: web::Query<DirectoryQuery>,
) -> ApiResult<web::Json<Vec<DirectoryEntry>>> {
    let kind = query.into_inner().kind;
    let rows: Vec<(Uuid, String, String, String)> = state
        .db
        .system_tx(move |conn| {
            let mut q = o::table
                .select((o::id, o::kind, o::name, o::short_name))
                .order(o::name)
                .into_boxed();
            if let Some(kind) = kind {
                q = q.filter(o::kind.eq(kind.as_str()));
            }
            Ok(q.load(conn)?)
        })
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .filter_map(|(id, kind, name, short_name)| {
                Some(DirectoryEntry {
                    id,
                    kind: OrgKind::parse(&kind)?,
                    name,
                    short_name,
                })
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    pub kind: OrgKind,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub name: String,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub short_name: String,
    #[validate(email, length(max = 254))]
    pub contact_email: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_phone"))]
    pub contact_phone: Option<String>,
}

/// Create an organisation (superadmin). Then invite its first admin.
#[utoipa::path(
    tag = "organisations",
    request_body = CreateOrganisation,
    responses((status = 201, body = OrganisationView), SuperadminErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/organisations")]
pub async fn create(
    _admin: Superadmin,
    state: web::Data<AppState>,
    body: ValidJson<CreateOrganisation>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let view = state
        .db
        .system_tx(move |conn| {
            let id = insert(conn, body.kind, body.name.trim(), body.short_name.trim())?;
            diesel::update(o::table.find(id))
                .set((
                    o::contact_email.eq(body.contact_email.map(|e| e.trim().to_lowercase())),
                    o::contact_phone.eq(body
                        .contact_phone
                        .as_deref()
                        .and_then(crate::platform::validate::normalise_phone)),
                ))
                .execute(conn)?;
            load(conn, id)
        })
        .await?;
    Ok(created(&view, &format!("/api/v1/orgs/{}", view.id)))
}

/// Inserts an organisation (also used by the CLI and the demo seed).
pub fn insert(
    conn: &mut PgConnection,
    kind: OrgKind,
    name: &str,
    short_name: &str,
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(o::table)
        .values((
            o::id.eq(id),
            o::kind.eq(kind.as_str()),
            o::name.eq(name),
            o::short_name.eq(short_name),
        ))
        .execute(conn)?;
    Ok(id)
}

/// An organisation's details and settings (its members, or the superadmin).
#[utoipa::path(
    tag = "organisations",
    params(OrgPath),
    responses((status = 200, body = OrganisationView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}")]
pub async fn get_one(
    scope: OrgScope<MemberOrSuperadmin>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let org_id = scope.org_id;
    let view = state.db.system_tx(move |conn| load(conn, org_id)).await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganisation {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub name: Option<String>,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub short_name: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 254))]
    pub contact_email: Option<String>,
    /// Empty string clears it.
    pub contact_phone: Option<String>,
    #[validate(range(min = 1, max = 90))]
    pub referral_reminder_days: Option<i32>,
    #[validate(range(min = 2, max = 365))]
    pub referral_expiry_days: Option<i32>,
    #[validate(range(min = 0, max = 8))]
    pub handover_min_sessions: Option<i32>,
}

#[derive(AsChangeset)]
#[diesel(table_name = o)]
struct OrgChanges {
    name: Option<String>,
    short_name: Option<String>,
    contact_email: Option<Option<String>>,
    contact_phone: Option<Option<String>>,
    referral_reminder_days: Option<i32>,
    referral_expiry_days: Option<i32>,
    handover_min_sessions: Option<i32>,
}

impl UpdateOrganisation {
    fn into_changes(self) -> ApiResult<OrgChanges> {
        let contact_email = match self.contact_email.map(|e| e.trim().to_lowercase()) {
            None => None,
            Some(e) if e.is_empty() => Some(None),
            Some(e) if validator::ValidateEmail::validate_email(&e) => Some(Some(e)),
            Some(_) => {
                return Err(ApiError::field(
                    "contact_email",
                    "n'est pas une adresse e-mail valide",
                ))
            }
        };
        let contact_phone = match self.contact_phone.map(|p| p.trim().to_owned()) {
            None => None,
            Some(p) if p.is_empty() => Some(None),
            Some(p) => Some(Some(
                crate::platform::validate::normalise_phone(&p).ok_or_else(|| {
                    ApiError::field(
                        "contact_phone",
                        "n'est pas un numéro de téléphone français (par exemple 06 12 34 56 78)",
                    )
                })?,
            )),
        };
        Ok(OrgChanges {
            name: self.name.map(|s| s.trim().to_owned()),
            short_name: self.short_name.map(|s| s.trim().to_owned()),
            contact_email,
            contact_phone,
            referral_reminder_days: self.referral_reminder_days,
            referral_expiry_days: self.referral_expiry_days,
            handover_min_sessions: self.handover_min_sessions,
        })
    }
}

/// Change an organisation's details or settings (its admin, or the superadmin).
#[utoipa::path(
    tag = "organisations",
    params(OrgPath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = UpdateOrganisation,
    responses((status = 200, body = OrganisationView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[patch("/orgs/{org_id}")]
pub async fn update(
    scope: OrgScope<OrgAdmin>,
    state: web::Data<AppState>,
    if_match: IfMatch,
    body: ValidJson<UpdateOrganisation>,
) -> ApiResult<HttpResponse> {
    let changes = body.into_inner().into_changes()?;
    let org_id = scope.org_id;
    let view = state
        .db
        .system_tx(move |conn| {
            let current = load(conn, org_id)?;
            let reminder = changes
                .referral_reminder_days
                .unwrap_or(current.settings.referral_reminder_days);
            let expiry = changes
                .referral_expiry_days
                .unwrap_or(current.settings.referral_expiry_days);
            if reminder >= expiry {
                return Err(ApiError::field(
                    "referral_reminder_days",
                    "doit être plus court que le délai d'expiration",
                ));
            }
            let updated = diesel::update(o::table.find(org_id).filter(o::version.eq(if_match.0)))
                .set((&changes, o::version.eq(o::version + 1)))
                .execute(conn)?;
            if updated == 0 {
                return Err(ApiError::version_mismatch());
            }
            load(conn, org_id)
        })
        .await?;
    Ok(with_etag(&view))
}
