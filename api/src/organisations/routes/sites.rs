//! A structure's sites (maisons de quartier, centres sociaux): where cycles and workshops
//! happen. Read by every member of the structure, managed by its admin.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{StructureAdmin, StructureMember};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson, Versioned};
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::schema::sites as s;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SitePath {
    pub site_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema, Queryable)]
pub struct SiteView {
    pub id: Uuid,
    pub name: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// Archived sites are kept for history but offered for nothing new.
    pub archived: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Versioned for SiteView {
    fn version(&self) -> i32 {
        self.version
    }
}

const COLUMNS: (
    s::id,
    s::name,
    s::address,
    s::postcode,
    s::city,
    s::archived,
    s::version,
    s::created_at,
    s::updated_at,
) = (
    s::id,
    s::name,
    s::address,
    s::postcode,
    s::city,
    s::archived,
    s::version,
    s::created_at,
    s::updated_at,
);

fn load(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<SiteView> {
    let org_id = conn.org_id();
    Ok(s::table
        .find((org_id, id))
        .select(COLUMNS)
        .first(conn.conn())?)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SiteQuery {
    /// Include archived sites.
    #[serde(default)]
    pub include_archived: bool,
}

/// The structure's sites, by name.
#[utoipa::path(
    tag = "sites",
    params(OrgPath, SiteQuery),
    responses((status = 200, body = Vec<SiteView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/sites")]
pub async fn list(
    scope: OrgScope<StructureMember>,
    state: web::Data<AppState>,
    query: web::Query<SiteQuery>,
) -> ApiResult<web::Json<Vec<SiteView>>> {
    let include_archived = query.include_archived;
    let rows = state
        .db
        .org_tx(&scope, move |conn| {
            let org_id = conn.org_id();
            let mut q = s::table
                .filter(s::organisation_id.eq(org_id))
                .select(COLUMNS)
                .order(s::name)
                .into_boxed();
            if !include_archived {
                q = q.filter(s::archived.eq(false));
            }
            Ok(q.load(conn.conn())?)
        })
        .await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSite {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub name: String,
    #[validate(length(max = 200))]
    pub address: Option<String>,
    /// Five digits.
    #[validate(custom(function = "crate::platform::validate::validate_postcode"))]
    pub postcode: Option<String>,
    #[validate(length(max = 100))]
    pub city: Option<String>,
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Add a site.
#[utoipa::path(
    tag = "sites",
    params(OrgPath),
    request_body = CreateSite,
    responses((status = 201, body = SiteView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/sites")]
pub async fn create(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    body: ValidJson<CreateSite>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let id = insert(
                conn,
                body.name.trim(),
                blank_to_none(body.address),
                blank_to_none(body.postcode),
                blank_to_none(body.city),
            )?;
            load(conn, id)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/sites/{}", scope.org_id, view.id),
    ))
}

/// Inserts a site (also used by the demo seed).
pub fn insert(
    conn: &mut TenantConn<'_>,
    name: &str,
    address: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(s::table)
        .values((
            s::organisation_id.eq(org_id),
            s::id.eq(id),
            s::name.eq(name),
            s::address.eq(address),
            s::postcode.eq(postcode),
            s::city.eq(city),
        ))
        .execute(conn.conn())?;
    Ok(id)
}

/// One site.
#[utoipa::path(
    tag = "sites",
    params(OrgPath, SitePath),
    responses((status = 200, body = SiteView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/sites/{site_id}")]
pub async fn get_one(
    scope: OrgScope<StructureMember>,
    state: web::Data<AppState>,
    path: web::Path<SitePath>,
) -> ApiResult<HttpResponse> {
    let id = path.site_id;
    let view = state.db.org_tx(&scope, move |conn| load(conn, id)).await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSite {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    pub name: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 200))]
    pub address: Option<String>,
    /// Five digits; empty string clears it.
    pub postcode: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 100))]
    pub city: Option<String>,
    pub archived: Option<bool>,
}

#[derive(AsChangeset)]
#[diesel(table_name = s)]
struct SiteChanges {
    name: Option<String>,
    address: Option<Option<String>>,
    postcode: Option<Option<String>>,
    city: Option<Option<String>>,
    archived: Option<bool>,
}

/// Change a site (name, address, archived). Needs `If-Match` with the version edited.
#[utoipa::path(
    tag = "sites",
    params(OrgPath, SitePath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = UpdateSite,
    responses((status = 200, body = SiteView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[patch("/orgs/{org_id}/sites/{site_id}")]
pub async fn update(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    path: web::Path<SitePath>,
    if_match: IfMatch,
    body: ValidJson<UpdateSite>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let postcode = match body.postcode.map(|p| p.trim().to_owned()) {
        None => None,
        Some(p) if p.is_empty() => Some(None),
        Some(p) => {
            crate::platform::validate::validate_postcode(&p).map_err(|_| {
                ApiError::field("postcode", "doit compter cinq chiffres, par exemple 59590")
            })?;
            Some(Some(p))
        }
    };
    let clearable =
        |v: Option<String>| v.map(|v| Some(v.trim().to_owned()).filter(|v| !v.is_empty()));
    let changes = SiteChanges {
        name: body.name.map(|n| n.trim().to_owned()),
        address: clearable(body.address),
        postcode,
        city: clearable(body.city),
        archived: body.archived,
    };
    let id = path.site_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let org_id = conn.org_id();
            load(conn, id)?;
            let updated = diesel::update(
                s::table
                    .find((org_id, id))
                    .filter(s::version.eq(if_match.0)),
            )
            .set((&changes, s::version.eq(s::version + 1)))
            .execute(conn.conn())?;
            if updated == 0 {
                return Err(ApiError::version_mismatch());
            }
            load(conn, id)
        })
        .await?;
    Ok(with_etag(&view))
}
