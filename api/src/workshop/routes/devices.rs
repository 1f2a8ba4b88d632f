//! Devices: registering, the list and the board, one device whole, the labels to stick on
//! them, and a household's devices.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::DevicePath;
use crate::auth::roles::{Role, Staff, WorkshopHand};
use crate::auth::OrgScope;
use crate::households::routes::HouseholdPath;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, OrgErrors};
use crate::platform::state::AppState;
use crate::workshop::domain::{tag_prefix, DeviceState};
use crate::workshop::kinds::DeviceKind;
use crate::workshop::loading::{self, summary};
use crate::workshop::repo::allocation;
use crate::workshop::repo::devices::{self as repo, DeviceFilter, NewDevice};
use crate::workshop::repo::donors;
use crate::workshop::views::{BoardView, DeviceDetail, DevicePage, HouseholdDevices, StateColumn};

/// Whether the caller may see households (admins and staff; not volunteers).
pub fn sees_households<R: crate::auth::roles::RoleRequirement>(scope: &OrgScope<R>) -> bool {
    matches!(scope.role(), Some(Role::Admin | Role::Staff))
}

/// A machine as it arrives.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceInput {
    pub kind: DeviceKind,
    #[validate(
        length(min = 1, max = 60),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 60)]
    pub brand: String,
    #[validate(length(max = 80))]
    #[schema(max_length = 80)]
    pub model: Option<String>,
    #[validate(length(max = 80))]
    #[schema(max_length = 80)]
    pub serial: Option<String>,
    /// The lot it came in.
    pub donation_id: Option<Uuid>,
    /// Where it is kept.
    pub site_id: Option<Uuid>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

impl crate::platform::http::body::Rules for DeviceInput {}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Register a machine received: it gets the structure's next asset tag ("AMQR-0042").
#[utoipa::path(
    tag = "workshop",
    params(OrgPath),
    request_body = DeviceInput,
    responses((status = 201, body = DeviceDetail, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices")]
pub async fn create(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    body: ValidJson<DeviceInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let with_household = sees_households(&scope);
    let org = scope.org_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if let Some(donation) = input.donation_id {
                donors::find_donation(conn, donation)
                    .map_err(|_| ApiError::field("donation_id", "Ce don n'existe pas."))?;
            }
            if let Some(site) = input.site_id {
                if !crate::organisations::is_open_site(conn, org.into(), site)? {
                    return Err(ApiError::field(
                        "site_id",
                        "Ce lieu n'appartient pas à cette structure.",
                    ));
                }
            }
            let prefix = tag_prefix(&crate::organisations::in_scope(conn)?.short_name);
            let row = repo::insert(
                conn,
                &prefix,
                &NewDevice {
                    kind: input.kind,
                    brand: input.brand.trim().to_owned(),
                    model: trimmed(input.model).unwrap_or_default(),
                    serial: trimmed(input.serial),
                    donation_id: input.donation_id,
                    site_id: input.site_id,
                    notes: trimmed(input.notes),
                },
            )?;
            loading::detail(conn, row, with_household)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/devices/{}", scope.org_id, view.id),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeviceQuery {
    #[param(inline)]
    pub state: Option<DeviceState>,
    #[param(inline)]
    pub kind: Option<DeviceKind>,
    pub donation_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
    /// The `next_after` of the previous page.
    #[param(max_length = 40)]
    pub after: Option<String>,
    /// 1–200, 50 by default.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Devices in asset-tag order, filtered by state, kind, donation and site.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DeviceQuery),
    responses((status = 200, body = DevicePage), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/devices")]
pub async fn list(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    query: web::Query<DeviceQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::field("limit", "Entre 1 et 200."));
    }
    if query.after.as_ref().is_some_and(|a| a.len() > 40) {
        return Err(ApiError::field(
            "after",
            "Ce repère de page n'est pas valable.",
        ));
    }
    let filter = DeviceFilter {
        state: query.state,
        kind: query.kind,
        donation_id: query.donation_id,
        site_id: query.site_id,
        ids: None,
        after_tag: query.after,
    };
    let page = state
        .db
        .org_tx(&scope, move |conn| {
            let mut rows = repo::list(conn, &filter, limit + 1)?;
            let more = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            Ok(DevicePage {
                next_after: more
                    .then(|| rows.last().map(|r| r.asset_tag.clone()))
                    .flatten(),
                items: rows.iter().map(summary).collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// The workshop board: how many devices in each state, and those waiting longest.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath),
    responses((status = 200, body = BoardView), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/workshop/board")]
pub async fn board(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db
        .org_tx(&scope, |conn| {
            let counts = repo::counts_by_state(conn)?;
            let mut columns = Vec::new();
            for state in DeviceState::ALL {
                let count = counts
                    .iter()
                    .find(|(s, _)| s == state)
                    .map_or(0, |(_, n)| *n);
                let longest_waiting = if count > 0 && state.in_stock() {
                    repo::longest_waiting(conn, *state, 5)?
                        .iter()
                        .map(summary)
                        .collect()
                } else {
                    Vec::new()
                };
                columns.push(StateColumn {
                    state: *state,
                    count,
                    longest_waiting,
                });
            }
            Ok(BoardView { columns })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A device whole: its diagnosis, disks, erasures, certificate, system, checks and history
/// (and, for admins and staff, who it is set aside for or with).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/devices/{device_id}")]
pub async fn get_one(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
) -> ApiResult<HttpResponse> {
    let id = path.device_id;
    let with_household = sees_households(&scope);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, id)?;
            loading::detail(conn, row, with_household)
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LabelQuery {
    /// The devices of this donation…
    pub donation_id: Option<Uuid>,
    /// …or this one device.
    pub device_id: Option<Uuid>,
}

/// A sheet of labels (PDF, 3 × 8 per A4 page): each with the asset tag and a QR code that
/// opens the device's page.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, LabelQuery),
    responses((status = 200, description = "The labels", content_type = "application/pdf", body = Vec<u8>), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/device-labels.pdf")]
pub async fn labels(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    query: web::Query<LabelQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    if query.donation_id.is_none() && query.device_id.is_none() {
        return Err(ApiError::field(
            "donation_id",
            "Choisissez un don ou un équipement.",
        ));
    }
    let filter = DeviceFilter {
        donation_id: query.donation_id,
        ids: query.device_id.map(|d| vec![d]),
        ..Default::default()
    };
    let base = format!(
        "{}/orgs/{}/workshop/devices",
        state.config.public_url, scope.org_id
    );
    let labels = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::list(conn, &filter, 1000)?;
            if rows.is_empty() && query.device_id.is_some() {
                return Err(ApiError::not_found());
            }
            let structure = crate::organisations::in_scope(conn)?.short_name;
            Ok(rows
                .into_iter()
                .map(|r| crate::workshop::documents::Label {
                    url: format!("{base}/{}", r.id),
                    asset_tag: r.asset_tag,
                    line: format!("{} {}", r.brand, r.model).trim().to_owned(),
                    structure: structure.clone(),
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let bytes = web::block(move || crate::workshop::documents::labels(&labels)).await?;
    Ok(crate::platform::http::pdf(bytes, "etiquettes.pdf"))
}

/// The devices set aside for a household and those handed over to it (admins and staff).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, HouseholdPath),
    responses((status = 200, body = HouseholdDevices), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/households/{household_id}/devices")]
pub async fn of_household(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
) -> ApiResult<HttpResponse> {
    let household = path.household_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if !crate::households::exists(conn, household.into())? {
                return Err(ApiError::not_found());
            }
            let (reservations, handovers) = allocation::of_household(conn, household)?;
            let open: Vec<Uuid> = reservations
                .iter()
                .filter(|r| r.ended_at.is_none())
                .map(|r| r.device_id)
                .collect();
            let given: Vec<Uuid> = handovers.iter().map(|h| h.device_id).collect();
            let reserved = repo::list(
                conn,
                &DeviceFilter {
                    ids: Some(open),
                    ..Default::default()
                },
                100,
            )?;
            let devices = repo::list(
                conn,
                &DeviceFilter {
                    ids: Some(given),
                    ..Default::default()
                },
                100,
            )?;
            let name = loading::household_refs(conn, &[household])?.remove(0);
            Ok(HouseholdDevices {
                reserved: reserved.iter().map(summary).collect(),
                handovers: handovers
                    .iter()
                    .map(|h| {
                        let tag = devices
                            .iter()
                            .find(|d| d.id == h.device_id)
                            .map(|d| d.asset_tag.clone())
                            .unwrap_or_default();
                        loading::handover_view(h, &tag, name.clone())
                    })
                    .collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
