//! Programmes: the structure's templates of ordered modules. Everyone who reads the
//! schedule sees them; admins write them.

use actix_web::{get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{ScheduleReader, StructureAdmin};
use crate::auth::OrgScope;
use crate::cycles::programme::Theme;
use crate::cycles::repo::programmes::{self as repo, NewModule, ProgrammeRow};
use crate::cycles::views::{ModuleView, ProgrammeView};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult, FieldErrors};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, VersionErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ProgrammePath {
    pub programme_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleInput {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    #[serde(default)]
    pub objectives: String,
    /// 15 minutes to 8 hours.
    #[validate(range(min = 15, max = 480))]
    #[schema(minimum = 15, maximum = 480)]
    pub duration_minutes: i32,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    #[serde(default)]
    pub themes: Vec<Theme>,
}

/// A programme as written by an admin: a name and 1 to 20 modules, in order.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    #[validate(length(min = 1, max = 20), nested)]
    #[schema(min_items = 1, max_items = 20)]
    pub modules: Vec<ModuleInput>,
}

impl crate::platform::http::body::Rules for ProgrammeInput {
    fn check(&self, errors: &mut FieldErrors) {
        if self.name.trim().is_empty() {
            crate::platform::error::add_field_error(errors, "name", "Donnez un nom au parcours.");
        }
        for (i, module) in self.modules.iter().enumerate() {
            if module.title.trim().is_empty() {
                crate::platform::error::add_field_error(
                    errors,
                    &format!("modules[{i}].title"),
                    "Donnez un titre au module.",
                );
            }
        }
    }
}

impl ProgrammeInput {
    fn modules(&self) -> Vec<NewModule> {
        self.modules
            .iter()
            .map(|m| {
                let mut themes = m.themes.clone();
                themes.dedup();
                NewModule {
                    title: m.title.trim().to_owned(),
                    objectives: m.objectives.trim().to_owned(),
                    duration_minutes: m.duration_minutes,
                    themes,
                }
            })
            .collect()
    }
}

pub fn view_of(conn: &mut TenantConn<'_>, row: ProgrammeRow) -> ApiResult<ProgrammeView> {
    let modules = repo::modules(conn, &[row.id])?;
    Ok(to_view(row, &modules))
}

fn to_view(row: ProgrammeRow, modules: &[repo::ModuleRow]) -> ProgrammeView {
    ProgrammeView {
        id: row.id,
        name: row.name,
        is_default: row.is_default,
        modules: modules
            .iter()
            .filter(|m| m.programme_id == row.id)
            .map(|m| ModuleView {
                title: m.title.clone(),
                objectives: m.objectives.clone(),
                duration_minutes: m.duration_minutes,
                themes: m.themes.clone(),
            })
            .collect(),
        version: row.version,
        updated_at: row.updated_at,
    }
}

/// The structure's programmes, the built-in one first (created the first time it is asked
/// for: "Parcours numérique des familles", 8 modules).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    responses((status = 200, body = Vec<ProgrammeView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/programmes")]
pub async fn list(
    scope: OrgScope<ScheduleReader>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<ProgrammeView>>> {
    let views = state
        .db
        .org_tx(&scope, |conn| {
            repo::ensure_default(conn)?;
            let rows = repo::list(conn)?;
            let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
            let modules = repo::modules(conn, &ids)?;
            Ok(rows.into_iter().map(|r| to_view(r, &modules)).collect())
        })
        .await?;
    Ok(web::Json(views))
}

/// One programme with its modules.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, ProgrammePath),
    responses((status = 200, body = ProgrammeView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/programmes/{programme_id}")]
pub async fn get_one(
    scope: OrgScope<ScheduleReader>,
    state: web::Data<AppState>,
    path: web::Path<ProgrammePath>,
) -> ApiResult<HttpResponse> {
    let id = path.programme_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, id)?;
            view_of(conn, row)
        })
        .await?;
    Ok(with_etag(&view))
}

/// Create a programme (structure admins).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    request_body = ProgrammeInput,
    responses((status = 201, body = ProgrammeView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/programmes")]
pub async fn create(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    body: ValidJson<ProgrammeInput>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let id = repo::insert(conn, body.name.trim(), &body.modules())?;
            let row = repo::find(conn, id)?;
            view_of(conn, row)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/programmes/{}", scope.org_id, view.id),
    ))
}

/// Replace a programme's name and modules (structure admins, `If-Match`). Cycles already
/// created keep their sessions' titles.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, ProgrammePath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = ProgrammeInput,
    responses((status = 200, body = ProgrammeView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, ConflictError),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/programmes/{programme_id}")]
pub async fn replace(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    path: web::Path<ProgrammePath>,
    body: ValidJson<ProgrammeInput>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let id = path.programme_id;
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let current = repo::find(conn, id)?;
            if !repo::replace(conn, current.id, version, body.name.trim(), &body.modules())? {
                return Err(ApiError::version_mismatch());
            }
            let row = repo::find(conn, id)?;
            view_of(conn, row)
        })
        .await?;
    Ok(with_etag(&view))
}
