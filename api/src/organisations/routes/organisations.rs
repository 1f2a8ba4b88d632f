//! Organisations: the directory every signed-in person can read, creation by the
//! superadmin, and each organisation's details and settings.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{MemberOrSuperadmin, OrgAdmin, OrgKind};
use crate::auth::{AuthUser, OrgScope, Superadmin};
use crate::organisations::domain::{self, clearable_email, clearable_phone};
use crate::organisations::repo::directory::{self as repo, NewOrganisation, OrgChanges};
use crate::organisations::views::{DirectoryEntry, OrganisationView};
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{
    AuthErrors, BodyErrors, ConflictError, OrgErrors, SuperadminErrors, VersionErrors,
};
use crate::platform::state::AppState;

/// The `{org_id}` of every organisation-scoped route.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OrgPath {
    /// The organisation (you must be a member; otherwise 404).
    pub org_id: Uuid,
}

/// An organisation's details (a door of its own: global rows, no tenant data).
pub fn load(conn: &mut diesel::PgConnection, id: Uuid) -> ApiResult<OrganisationView> {
    repo::find(conn, id)
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
    let rows = state
        .db
        .system_tx(move |conn| repo::list(conn, kind))
        .await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganisation {
    pub kind: OrgKind,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 40)]
    pub short_name: String,
    #[validate(email, length(max = 254))]
    #[schema(max_length = 254)]
    pub contact_email: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_phone"))]
    pub contact_phone: Option<String>,
}

impl crate::platform::http::body::Rules for CreateOrganisation {}

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
    let new = NewOrganisation {
        id: Uuid::now_v7(),
        kind: body.kind,
        name: body.name.trim().to_owned(),
        short_name: body.short_name.trim().to_owned(),
        contact_email: clearable_email(body.contact_email, "contact_email")?.flatten(),
        contact_phone: clearable_phone(body.contact_phone, "contact_phone")?.flatten(),
    };
    let view = state
        .db
        .system_tx(move |conn| {
            repo::insert(conn, &new)?;
            load(conn, new.id)
        })
        .await?;
    Ok(created(&view, &format!("/api/v1/orgs/{}", view.id)))
}

/// Inserts an organisation with only its kind and names (the CLI and the demo seed).
pub fn insert(
    conn: &mut diesel::PgConnection,
    kind: OrgKind,
    name: &str,
    short_name: &str,
) -> ApiResult<Uuid> {
    let new = NewOrganisation {
        id: Uuid::now_v7(),
        kind,
        name: name.to_owned(),
        short_name: short_name.to_owned(),
        contact_email: None,
        contact_phone: None,
    };
    repo::insert(conn, &new)?;
    Ok(new.id)
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
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 40)]
    pub short_name: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 254))]
    #[schema(max_length = 254)]
    pub contact_email: Option<String>,
    /// Empty string clears it.
    pub contact_phone: Option<String>,
    #[validate(range(min = 1, max = 90))]
    #[schema(minimum = 1, maximum = 90)]
    pub referral_reminder_days: Option<i32>,
    #[validate(range(min = 2, max = 365))]
    #[schema(minimum = 2, maximum = 365)]
    pub referral_expiry_days: Option<i32>,
    #[validate(range(min = 0, max = 8))]
    #[schema(minimum = 0, maximum = 8)]
    pub handover_min_sessions: Option<i32>,
    /// Sessions present to complete a cycle (6 by default; cancelled sessions do not
    /// count as planned, and a cycle with fewer sessions left needs them all).
    #[validate(range(min = 1, max = 50))]
    #[schema(minimum = 1, maximum = 50)]
    pub cycle_completion_threshold: Option<i32>,
    /// A workshop step by someone without the matching validated competence: `warn`
    /// (accepted, flagged on the device) or `strict` (refused).
    pub workshop_ledger_policy: Option<crate::training::domain::LedgerPolicy>,
    /// Months after a family's last contact before its data is anonymised (12–120).
    #[validate(range(min = 12, max = 120))]
    #[schema(minimum = 12, maximum = 120)]
    pub retention_months: Option<i32>,
}

impl crate::platform::http::body::Rules for UpdateOrganisation {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        for result in [
            clearable_email(self.contact_email.clone(), "contact_email"),
            clearable_phone(self.contact_phone.clone(), "contact_phone"),
        ] {
            if let Err(domain::OrgError::Invalid { field, message }) = result {
                crate::platform::error::add_field_error(errors, field, message);
            }
        }
    }
}

impl UpdateOrganisation {
    fn into_changes(self) -> ApiResult<OrgChanges> {
        Ok(OrgChanges {
            name: self.name.map(|s| s.trim().to_owned()),
            short_name: self.short_name.map(|s| s.trim().to_owned()),
            contact_email: clearable_email(self.contact_email, "contact_email")?,
            contact_phone: clearable_phone(self.contact_phone, "contact_phone")?,
            referral_reminder_days: self.referral_reminder_days,
            referral_expiry_days: self.referral_expiry_days,
            handover_min_sessions: self.handover_min_sessions,
            cycle_completion_threshold: self.cycle_completion_threshold,
            workshop_ledger_policy: self.workshop_ledger_policy,
            retention_months: self.retention_months,
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
    body: ValidJson<UpdateOrganisation>,
    // Its version is asked for once the body is read: a faulty body is a 422 first.
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let changes = body.into_inner().into_changes()?;
    let org_id = scope.org_id;
    let version = if_match.version()?;
    let view = state
        .db
        .system_tx(move |conn| {
            let current = load(conn, org_id)?;
            domain::check_delays(
                changes
                    .referral_reminder_days
                    .unwrap_or(current.settings.referral_reminder_days),
                changes
                    .referral_expiry_days
                    .unwrap_or(current.settings.referral_expiry_days),
            )?;
            if !repo::update(conn, org_id, version, &changes)? {
                return Err(ApiError::version_mismatch());
            }
            load(conn, org_id)
        })
        .await?;
    Ok(with_etag(&view))
}
