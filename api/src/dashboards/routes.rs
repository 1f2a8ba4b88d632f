//! HTTP for the dashboards: a structure's (JSON, CSV, XLSX) and the network's.

use std::collections::HashMap;

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::domain::{Period, PeriodError};
use super::views::{NetworkDashboard, ReferrerDashboard, StructureDashboard};
use super::{export, figures, network, referrer, repo, tables};
use crate::auth::roles::{FiguresReader, NetworkCoordinator, Referrer};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::ids::OrgId;
use crate::platform::openapi::{BodyErrors, OrgErrors};
use crate::platform::state::AppState;
use crate::platform::text::paris_today;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// First month, `AAAA-MM` (by default eleven months before `to`).
    #[param(max_length = 7, pattern = r"^\d{4}-\d{2}$")]
    pub from: Option<String>,
    /// Last month, `AAAA-MM` (by default this month). At most 36 months in all.
    #[param(max_length = 7, pattern = r"^\d{4}-\d{2}$")]
    pub to: Option<String>,
    /// One of the structure's sites (training figures stay the structure's).
    pub site_id: Option<Uuid>,
    /// The dashboard as a file instead of JSON.
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// UTF-8 with BOM, `;` separated, decimal comma: opens as-is in French Excel.
    Csv,
    Xlsx,
}

fn period(from: Option<&str>, to: Option<&str>) -> ApiResult<Period> {
    Period::parse(from, to, paris_today()).map_err(|e| match e {
        PeriodError::Malformed(field) => {
            ApiError::field(field, "Indiquez un mois sous la forme AAAA-MM.")
        }
        PeriodError::Reversed => ApiError::field("to", "Le dernier mois doit suivre le premier."),
        PeriodError::TooLong => ApiError::field("from", "La période couvre au plus 36 mois."),
    })
}

/// The directory's names of organisations, by id.
fn names_by_id(conn: &mut TenantConn<'_>, ids: Vec<Uuid>) -> ApiResult<HashMap<Uuid, String>> {
    let ids: Vec<OrgId> = ids.into_iter().map(OrgId).collect();
    Ok(crate::organisations::names(conn, &ids)?
        .into_iter()
        .map(|(id, name)| (id.0, name))
        .collect())
}

pub(super) async fn structure_dashboard<R: crate::auth::roles::RoleRequirement>(
    scope: &OrgScope<R>,
    state: &AppState,
    period: Period,
    site: Option<Uuid>,
) -> ApiResult<StructureDashboard> {
    state
        .db
        .org_tx(scope, move |conn| {
            if let Some(site) = site {
                let org = conn.org();
                crate::organisations::site_name(conn, org, site)?
                    .ok_or_else(ApiError::not_found)?;
            }
            let cells = repo::structure_cells(conn, period, site)?;
            let names = names_by_id(conn, figures::referrers_in(&cells))?;
            Ok(figures::dashboard(period, site, &cells, &names))
        })
        .await
}

/// The structure's dashboard for a period of whole months, optionally at one site: referrals
/// by source and outcome, delays, cycles, attendance, completion, skills, devices, handovers,
/// training; each figure also month by month. With `format`, as a CSV or XLSX file.
#[utoipa::path(
    tag = "dashboards",
    params(OrgPath, DashboardQuery),
    responses(
        (status = 200, description = "The figures, or the file when `format` is given", content(
            (StructureDashboard = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        OrgErrors, BodyErrors
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/dashboard")]
pub async fn structure(
    scope: OrgScope<FiguresReader>,
    state: web::Data<AppState>,
    query: web::Query<DashboardQuery>,
) -> ApiResult<HttpResponse> {
    let period = period(query.from.as_deref(), query.to.as_deref())?;
    let view = structure_dashboard(&scope, &state, period, query.site_id).await?;
    match query.format {
        None => Ok(HttpResponse::Ok().json(view)),
        Some(format) => file(
            format,
            &tables::structure(&view),
            &format!("tableau-de-bord-{}-{}", view.from, view.to),
        ),
    }
}

fn file(format: ExportFormat, tables: &[export::Table], name: &str) -> ApiResult<HttpResponse> {
    Ok(match format {
        ExportFormat::Csv => export::attachment(
            export::csv(tables)?,
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
        ),
        ExportFormat::Xlsx => export::attachment(
            export::xlsx(tables)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        ),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReferrerQuery {
    #[param(max_length = 7, pattern = r"^\d{4}-\d{2}$")]
    pub from: Option<String>,
    #[param(max_length = 7, pattern = r"^\d{4}-\d{2}$")]
    pub to: Option<String>,
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

/// The referrer's dashboard: the families it referred in the period by structure and
/// outcome, and the journeys of those who agreed to share them. With `format`, as a file.
#[utoipa::path(
    tag = "dashboards",
    params(OrgPath, ReferrerQuery),
    responses(
        (status = 200, description = "The figures, or the file when `format` is given", content(
            (ReferrerDashboard = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        OrgErrors, BodyErrors
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/referrer-dashboard")]
pub async fn referrer_view(
    scope: OrgScope<Referrer>,
    state: web::Data<AppState>,
    query: web::Query<ReferrerQuery>,
) -> ApiResult<HttpResponse> {
    let period = period(query.from.as_deref(), query.to.as_deref())?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::sent(conn, period)?;
            let mut ids: Vec<Uuid> = rows.iter().map(|r| r.structure_id).collect();
            ids.sort();
            ids.dedup();
            let names = names_by_id(conn, ids)?;
            Ok(referrer::dashboard(period, &rows, &names))
        })
        .await?;
    match query.format {
        None => Ok(HttpResponse::Ok().json(view)),
        Some(format) => file(
            format,
            &tables::referrer(&view),
            &format!("orientations-{}-{}", view.from, view.to),
        ),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NetworkQuery {
    /// A calendar year (this year by default): only whole years, so that two periods cannot
    /// be subtracted to give a masked month back.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[param(inline)]
    pub format: Option<ExportFormat>,
}

fn year(query: &NetworkQuery) -> ApiResult<i32> {
    use chrono::Datelike;
    let year = query.year.unwrap_or_else(|| paris_today().year());
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::field(
            "year",
            "Indiquez une année entre 2000 et 2100.",
        ));
    }
    Ok(year)
}

async fn network_dashboard(
    scope: &OrgScope<NetworkCoordinator>,
    state: &AppState,
    year: i32,
) -> ApiResult<NetworkDashboard> {
    let rows = state
        .db
        .network_tx(scope, move |conn| repo::network_rows(conn, year))
        .await?;
    Ok(network::dashboard(year, &rows))
}

/// The network's dashboard for a calendar year (coordinator): every structure's figures and
/// the total, aggregates only; counts from 1 to 4 read "< 5", and a count that would give
/// one back by subtraction reads "masked".
#[utoipa::path(
    tag = "dashboards",
    params(OrgPath, NetworkQuery),
    responses(
        (status = 200, description = "The figures, or the file when `format` is given", content(
            (NetworkDashboard = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        OrgErrors, BodyErrors
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/network-dashboard")]
pub async fn network_view(
    scope: OrgScope<NetworkCoordinator>,
    state: web::Data<AppState>,
    query: web::Query<NetworkQuery>,
) -> ApiResult<HttpResponse> {
    let year = year(&query)?;
    let view = network_dashboard(&scope, &state, year).await?;
    match query.format {
        None => Ok(HttpResponse::Ok().json(view)),
        Some(format) => file(format, &tables::network(&view), &format!("reseau-{year}")),
    }
}
