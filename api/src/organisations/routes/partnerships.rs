//! Partnerships: which referrer (CCAS, social landlord) may refer families to which
//! structure. Managed by the structure's admin (or the superadmin); the referrer's members
//! read the structures they can refer to.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgKind, PartnershipReader, StructureAdmin};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson, Versioned};
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::schema::{organisations as o, partnerships as p, sites};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PartnershipPath {
    pub partnership_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    pub id: Uuid,
    pub name: String,
    pub short_name: String,
}

/// A site of the structure (referrers may name a preferred one in a referral).
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteRef {
    pub id: Uuid,
    pub name: String,
    pub city: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipView {
    pub id: Uuid,
    pub structure: OrgRef,
    pub referrer: OrgRef,
    /// The structure's open sites (visible to the referrer while the partnership is active).
    pub structure_sites: Vec<SiteRef>,
    /// Only active partnerships allow new referrals.
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl Versioned for PartnershipView {
    fn version(&self) -> i32 {
        self.version
    }
}

/// Partnerships visible in the current scope: those the structure owns, or those naming
/// the referrer (RLS shows the referrer only its own).
fn load(conn: &mut TenantConn<'_>, only: Option<Uuid>) -> ApiResult<Vec<PartnershipView>> {
    let org_id = conn.org_id();
    let (structure, referrer) = diesel::alias!(o as structure, o as referrer);
    let mut q = p::table
        .inner_join(structure.on(structure.field(o::id).eq(p::organisation_id)))
        .inner_join(referrer.on(referrer.field(o::id).eq(p::referrer_id)))
        .filter(p::organisation_id.eq(org_id).or(p::referrer_id.eq(org_id)))
        .select((
            p::id,
            (
                structure.field(o::id),
                structure.field(o::name),
                structure.field(o::short_name),
            ),
            (
                referrer.field(o::id),
                referrer.field(o::name),
                referrer.field(o::short_name),
            ),
            p::active,
            p::version,
            p::created_at,
        ))
        .order((structure.field(o::name), referrer.field(o::name)))
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(p::id.eq(id));
    }
    type Row = (
        Uuid,
        (Uuid, String, String),
        (Uuid, String, String),
        bool,
        i32,
        DateTime<Utc>,
    );
    let rows: Vec<Row> = q.load(conn.conn())?;
    let structure_ids: Vec<Uuid> = rows.iter().map(|row| row.1 .0).collect();
    // RLS shows a referrer the sites of its active partners only.
    let sites: Vec<(Uuid, Uuid, String, Option<String>)> = sites::table
        .filter(sites::organisation_id.eq_any(&structure_ids))
        .filter(sites::archived.eq(false))
        .order(sites::name)
        .select((sites::organisation_id, sites::id, sites::name, sites::city))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(|(id, s, r, active, version, created_at)| PartnershipView {
            id,
            structure_sites: sites
                .iter()
                .filter(|site| site.0 == s.0)
                .map(|site| SiteRef {
                    id: site.1,
                    name: site.2.clone(),
                    city: site.3.clone(),
                })
                .collect(),
            structure: OrgRef {
                id: s.0,
                name: s.1,
                short_name: s.2,
            },
            referrer: OrgRef {
                id: r.0,
                name: r.1,
                short_name: r.2,
            },
            active,
            version,
            created_at,
        })
        .collect())
}

fn load_one(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<PartnershipView> {
    load(conn, Some(id))?
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
    let rows = state.db.org_tx(&scope, |conn| load(conn, None)).await?;
    Ok(web::Json(rows))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePartnership {
    /// A referrer organisation (see `GET /api/v1/organisations?kind=referrer`).
    pub referrer_id: Uuid,
}

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

/// Inserts a partnership (also used by the demo seed).
pub fn insert(conn: &mut TenantConn<'_>, referrer_id: Uuid) -> ApiResult<Uuid> {
    let kind: Option<String> = o::table
        .find(referrer_id)
        .select(o::kind)
        .first(conn.conn())
        .optional()?;
    if kind.as_deref() != Some(OrgKind::Referrer.as_str()) {
        return Err(ApiError::field(
            "referrer_id",
            "n'est pas une organisation prescriptrice",
        ));
    }
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(p::table)
        .values((
            p::organisation_id.eq(org_id),
            p::id.eq(id),
            p::referrer_id.eq(referrer_id),
        ))
        .execute(conn.conn())?;
    Ok(id)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePartnership {
    /// False suspends the partnership: no new referrals from this referrer.
    pub active: bool,
}

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
    if_match: IfMatch,
    body: ValidJson<UpdatePartnership>,
) -> ApiResult<HttpResponse> {
    let (id, active) = (path.partnership_id, body.into_inner().active);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let org_id = conn.org_id();
            load_one(conn, id)?;
            let updated = diesel::update(
                p::table
                    .find((org_id, id))
                    .filter(p::version.eq(if_match.0)),
            )
            .set((p::active.eq(active), p::version.eq(p::version + 1)))
            .execute(conn.conn())?;
            if updated == 0 {
                return Err(ApiError::version_mismatch());
            }
            load_one(conn, id)
        })
        .await?;
    Ok(with_etag(&view))
}
