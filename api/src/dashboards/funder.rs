//! HTTP for the funder report: the texts a structure writes for a year, and the PDF.

use actix_web::{get, put, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::domain::Period;
use super::funder_pdf::{document, FunderReport};
use super::repo;
use super::routes::structure_dashboard;
use crate::auth::roles::{FiguresReader, Staff};
use crate::auth::OrgScope;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::{IfMatch, ValidJson, Versioned};
use crate::platform::ids::OrgId;
use crate::platform::openapi::{BodyErrors, OrgErrors, VersionErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReportPath {
    /// The organisation.
    pub org_id: uuid::Uuid,
    /// The calendar year the report covers.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: i32,
}

/// The texts of a year's funder report (empty, version 0, until saved).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FunderReportTexts {
    pub year: i32,
    /// The context: the territory, the families, the partners.
    pub context: String,
    /// The year's highlights.
    pub highlights: String,
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
}

impl Versioned for FunderReportTexts {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FunderReportInput {
    #[validate(length(max = 4000, message = "4 000 caractères au plus."))]
    pub context: String,
    #[validate(length(max = 4000, message = "4 000 caractères au plus."))]
    pub highlights: String,
}

impl crate::platform::http::body::Rules for FunderReportInput {}

fn year(path: &ReportPath) -> ApiResult<i32> {
    if (2000..=2100).contains(&path.year) {
        Ok(path.year)
    } else {
        Err(ApiError::not_found())
    }
}

fn texts(year: i32, saved: Option<repo::ReportTexts>) -> FunderReportTexts {
    match saved {
        Some(t) => FunderReportTexts {
            year,
            context: t.context,
            highlights: t.highlights,
            version: t.version,
            updated_at: Some(t.updated_at),
        },
        None => FunderReportTexts {
            year,
            context: String::new(),
            highlights: String::new(),
            version: 0,
            updated_at: None,
        },
    }
}

/// The texts of the year's funder report.
#[utoipa::path(
    tag = "dashboards",
    params(ReportPath),
    responses((status = 200, body = FunderReportTexts), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/funder-reports/{year}")]
pub async fn get_texts(
    scope: OrgScope<FiguresReader>,
    state: web::Data<AppState>,
    path: web::Path<ReportPath>,
) -> ApiResult<HttpResponse> {
    let year = year(&path)?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            Ok(texts(year, repo::report_texts(conn, year)?))
        })
        .await?;
    Ok(crate::platform::http::version::with_etag(&view))
}

/// Saves the texts (admins and staff), `If-Match` with the version edited (`0` the first
/// time).
#[utoipa::path(
    tag = "dashboards",
    params(ReportPath, ("If-Match" = String, Header, description = "The texts' version, as in the ETag (\"0\" the first time)")),
    request_body = FunderReportInput,
    responses((status = 200, body = FunderReportTexts), OrgErrors, BodyErrors, VersionErrors),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/funder-reports/{year}")]
pub async fn save_texts(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReportPath>,
    if_match: IfMatch,
    body: ValidJson<FunderReportInput>,
) -> ApiResult<HttpResponse> {
    let year = year(&path)?;
    let expected = if_match.version()?;
    let input = body.into_inner();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let saved = repo::save_report_texts(
                conn,
                year,
                input.context.trim(),
                input.highlights.trim(),
                expected,
            )?
            .ok_or_else(ApiError::version_mismatch)?;
            Ok(texts(year, Some(saved)))
        })
        .await?;
    Ok(crate::platform::http::version::with_etag(&view))
}

/// The year's funder report as a PDF: the figures (counts from 1 to 4 read "< 5"), a
/// monthly chart and the structure's texts.
#[utoipa::path(
    tag = "dashboards",
    params(ReportPath),
    responses((status = 200, description = "The report", content_type = "application/pdf", body = Vec<u8>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/funder-reports/{year}/report.pdf")]
pub async fn report_pdf(
    scope: OrgScope<FiguresReader>,
    state: web::Data<AppState>,
    path: web::Path<ReportPath>,
) -> ApiResult<HttpResponse> {
    let year = year(&path)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(ApiError::not_found)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 1).ok_or_else(ApiError::not_found)?;
    let period = Period { first, last };
    let dashboard = structure_dashboard(&scope, &state, period, None).await?;
    let org = OrgId(scope.org_id);
    let (name, saved) = state
        .db
        .org_tx(&scope, move |conn| {
            let name = crate::organisations::names(conn, &[org])?
                .into_iter()
                .next()
                .map(|(_, name)| name)
                .unwrap_or_default();
            Ok((name, repo::report_texts(conn, year)?))
        })
        .await?;
    let saved = texts(year, saved);
    let bytes = web::block(move || {
        document(&FunderReport {
            structure: &name,
            year,
            dashboard: &dashboard,
            context: &saved.context,
            highlights: &saved.highlights,
        })
    })
    .await?;
    Ok(crate::platform::http::pdf(
        bytes,
        &format!("rapport-{year}.pdf"),
    ))
}
