//! A structure's sites (maisons de quartier, centres sociaux): where cycles and workshops
//! happen. Read by every member of the structure, managed by its admin.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{StructureAdmin, StructureMember};
use crate::auth::OrgScope;
use crate::organisations::domain::{clearable, clearable_postcode, OrgError};
use crate::organisations::repo::sites::{self as repo, NewSite, SiteChanges};
use crate::organisations::routes::organisations::OrgPath;
use crate::organisations::views::SiteView;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SitePath {
    pub site_id: Uuid,
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
        .org_tx(&scope, move |conn| repo::list(conn, include_archived))
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
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub address: Option<String>,
    /// Five digits.
    #[validate(custom(function = "crate::platform::validate::validate_postcode"))]
    #[schema(pattern = "^[0-9]{5}$")]
    pub postcode: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub city: Option<String>,
}

impl crate::platform::http::body::Rules for CreateSite {}

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
    let site = NewSite {
        name: body.name.trim().to_owned(),
        address: clearable(body.address).flatten(),
        postcode: clearable(body.postcode).flatten(),
        city: clearable(body.city).flatten(),
    };
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let id = repo::insert(conn, &site)?;
            repo::find(conn, id)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/sites/{}", scope.org_id, view.id),
    ))
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
    let view = state
        .db
        .org_tx(&scope, move |conn| repo::find(conn, id))
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSite {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 120)]
    pub name: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub address: Option<String>,
    /// Five digits; empty string clears it.
    pub postcode: Option<String>,
    /// Empty string clears it.
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub city: Option<String>,
    pub archived: Option<bool>,
}

impl crate::platform::http::body::Rules for UpdateSite {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        if let Err(OrgError::Invalid { field, message }) =
            clearable_postcode(self.postcode.clone(), "postcode")
        {
            crate::platform::error::add_field_error(errors, field, message);
        }
    }
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
    body: ValidJson<UpdateSite>,
    // Its version is asked for once the body is read: a faulty body is a 422 first.
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let changes = SiteChanges {
        name: body.name.map(|n| n.trim().to_owned()),
        address: clearable(body.address),
        postcode: clearable_postcode(body.postcode, "postcode")?,
        city: clearable(body.city),
        archived: body.archived,
    };
    let id = path.site_id;
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if !repo::update(conn, id, version, &changes)? {
                return Err(match repo::exists(conn, id)? {
                    true => ApiError::version_mismatch(),
                    false => ApiError::not_found(),
                });
            }
            repo::find(conn, id)
        })
        .await?;
    Ok(with_etag(&view))
}
