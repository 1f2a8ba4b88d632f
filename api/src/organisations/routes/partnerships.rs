//! Partnerships: which referrer (CCAS, social landlord) may refer families to which
//! structure. Managed by the structure's admin (or the superadmin); the referrer's members
//! read the structures they can refer to.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgKind, PartnershipReader, StructureAdmin};
use crate::auth::OrgScope;
use crate::organisations::repo::partnerships as repo;
use crate::organisations::routes::organisations::OrgPath;
use crate::organisations::views::PartnershipView;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PartnershipPath {
    pub partnership_id: Uuid,
}

fn load_one(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<PartnershipView> {
    repo::list(conn, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)
}

/// A structure's partnerships with referrers; for a referrer, the structures it can refer to.
#[utoipa::path(
    tag = "partnerships",
    params(OrgPath),
    responses((status = 200, body = Vec<PartnershipView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/partnerships")]
pub async fn list(
    scope: OrgScope<PartnershipReader>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<PartnershipView>>> {
    let rows = state
        .db
        .org_tx(&scope, |conn| repo::list(conn, None))
        .await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePartnership {
    /// A referrer organisation (see `GET /api/v1/organisations?kind=referrer`).
    pub referrer_id: Uuid,
}

impl crate::platform::http::body::Rules for CreatePartnership {}

/// Open a partnership with a referrer, which may then refer families to this structure.
#[utoipa::path(
    tag = "partnerships",
    params(OrgPath),
    request_body = CreatePartnership,
    responses((status = 201, body = PartnershipView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/partnerships")]
pub async fn create(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    body: ValidJson<CreatePartnership>,
) -> ApiResult<HttpResponse> {
    let referrer_id = body.into_inner().referrer_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let id = insert(conn, referrer_id)?;
            load_one(conn, id)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/partnerships/{}", scope.org_id, view.id),
    ))
}

/// Opens a partnership with a referrer organisation (also used by the demo seed).
pub fn insert(conn: &mut TenantConn<'_>, referrer_id: Uuid) -> ApiResult<Uuid> {
    if crate::organisations::kind_of(conn.conn(), referrer_id.into())? != Some(OrgKind::Referrer) {
        return Err(ApiError::field(
            "referrer_id",
            "Ce n'est pas une organisation prescriptrice.",
        ));
    }
    repo::insert(conn, referrer_id)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePartnership {
    /// False suspends the partnership: no new referrals from this referrer.
    pub active: bool,
}

impl crate::platform::http::body::Rules for UpdatePartnership {}

/// Suspend or resume a partnership. Needs `If-Match`.
#[utoipa::path(
    tag = "partnerships",
    params(OrgPath, PartnershipPath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = UpdatePartnership,
    responses((status = 200, body = PartnershipView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors),
    security(("bearer" = []))
)]
#[patch("/orgs/{org_id}/partnerships/{partnership_id}")]
pub async fn update(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    path: web::Path<PartnershipPath>,
    body: ValidJson<UpdatePartnership>,
    // Its version is asked for once the body is read: a faulty body is a 422 first.
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (id, active) = (path.partnership_id, body.into_inner().active);
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if !repo::set_active(conn, id, version, active)? {
                return Err(match repo::exists(conn, id)? {
                    true => ApiError::version_mismatch(),
                    false => ApiError::not_found(),
                });
            }
            load_one(conn, id)
        })
        .await?;
    Ok(with_etag(&view))
}
