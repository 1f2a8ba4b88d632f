//! HTTP for a family's rights: the export of everything held (JSON or PDF) and erasure.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{access_pdf, registry, repo, Section};
use crate::auth::roles::PrivacyOfficer;
use crate::auth::OrgScope;
use crate::households::routes::HouseholdPath;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;

/// Everything the structure holds on a household, module by module, as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalDataExport {
    pub household_id: Uuid,
    pub structure: String,
    pub exported_at: DateTime<Utc>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `pdf`: a readable document instead of JSON.
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Pdf,
}

/// The right of access: everything held on a household in every module (its file, members,
/// referrals and their history, cycles, attendance, skills, reminders, computers). A
/// structure's admins only; journalled as an export.
#[utoipa::path(
    tag = "privacy",
    params(OrgPath, HouseholdPath, ExportQuery),
    responses(
        (status = 200, description = "The data, or the PDF with `format=pdf`", content(
            (PersonalDataExport = "application/json"),
            (Vec<u8> = "application/pdf")
        )),
        OrgErrors
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/households/{household_id}/personal-data")]
pub async fn personal_data(
    scope: OrgScope<PrivacyOfficer>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
    query: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let household = path.household_id;
    let export = state
        .db
        .org_tx(&scope, move |conn| {
            if !crate::households::repo::exists(conn, household)? {
                return Err(ApiError::not_found());
            }
            let org = conn.org();
            let structure = crate::organisations::name_of(conn.conn(), org)?;
            Ok(PersonalDataExport {
                household_id: household,
                structure,
                exported_at: Utc::now(),
                sections: registry::export(conn, household)?,
            })
        })
        .await?;
    Ok(match query.format {
        None => HttpResponse::Ok().json(export),
        Some(ExportFormat::Pdf) => crate::platform::http::pdf(
            access_pdf::document(&export),
            &format!("donnees-personnelles-{household}.pdf"),
        ),
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// Why, in the admin's words about the request ("courrier du 12/11/2026"), kept in the
    /// register of erasures; not the family's data.
    #[validate(
        length(min = 3, max = 500),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 3, max_length = 500)]
    pub reason: String,
}

impl crate::platform::http::body::Rules for EraseRequest {}

#[derive(Debug, Serialize, ToSchema)]
pub struct Erased {
    pub household_id: Uuid,
    pub erased_at: DateTime<Utc>,
}

/// The right to erasure: the household, its members and its referrals anonymised now in every
/// module (identity, contact and free text gone; ids, dates and facts kept, so every figure
/// stays true; computers handed over keep their history). Recorded with the reason, and
/// journalled. A structure's admins only; 409 when already anonymised.
#[utoipa::path(
    tag = "privacy",
    params(OrgPath, HouseholdPath),
    request_body = EraseRequest,
    responses((status = 200, body = Erased), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/households/{household_id}/erasure")]
pub async fn erase(
    scope: OrgScope<PrivacyOfficer>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
    body: ValidJson<EraseRequest>,
) -> ApiResult<web::Json<Erased>> {
    let household = path.household_id;
    let reason = body.into_inner().reason.trim().to_owned();
    let erased = state
        .db
        .org_tx(&scope, move |conn| {
            // Locks the household: two erasures of one family do not both pass.
            if !crate::households::repo::lock(conn, household)? {
                return Err(ApiError::not_found());
            }
            if crate::households::repo::is_anonymised(conn, household)? {
                return Err(ApiError::conflict(
                    "Les données de ce foyer ont déjà été anonymisées.",
                ));
            }
            let erased_at = repo::record_erasure(conn, household, &reason)?;
            registry::anonymise(conn, household)?;
            Ok(Erased {
                household_id: household,
                erased_at,
            })
        })
        .await?;
    Ok(web::Json(erased))
}
