//! Donors and their donations (lots), the donation receipt, and the report a structure
//! sends a donor on what became of its machines.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{DonationPath, DonorPath};
use crate::auth::roles::WorkshopHand;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, OrgErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::workshop::kinds::DonorKind;
use crate::workshop::repo::donors::{
    self as repo, DonationRow, DonorFields, DonorRow, NewDonation,
};
use crate::workshop::report;
use crate::workshop::views::{DonationView, DonorReport, DonorView};

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DonorInput {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    pub kind: DonorKind,
    #[validate(length(max = 120))]
    #[schema(max_length = 120)]
    pub contact_name: Option<String>,
    #[validate(email, length(max = 254))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_phone"))]
    pub phone: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub address: Option<String>,
}

impl crate::platform::http::body::Rules for DonorInput {}

impl DonorInput {
    fn fields(self) -> DonorFields {
        let blank_is_none =
            |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        DonorFields {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            contact_name: blank_is_none(self.contact_name),
            email: blank_is_none(self.email),
            phone: blank_is_none(self.phone),
            address: blank_is_none(self.address),
        }
    }
}

fn donor_view(row: DonorRow, counts: &[(Uuid, i64, i64)]) -> DonorView {
    let (lots, given) = counts
        .iter()
        .find(|(d, _, _)| *d == row.id)
        .map_or((0, 0), |(_, n, g)| (*n, *g));
    DonorView {
        id: row.id,
        name: row.name,
        kind: row.kind,
        contact_name: row.contact_name,
        email: row.email,
        phone: row.phone,
        address: row.address,
        donations: lots,
        devices: given,
        version: row.version,
    }
}

fn one_donor(conn: &mut TenantConn<'_>, row: DonorRow) -> ApiResult<DonorView> {
    let counts = repo::counts(conn)?;
    Ok(donor_view(row, &counts))
}

/// The structure's donors, by name, with what each gave.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath),
    responses((status = 200, body = Vec<DonorView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donors")]
pub async fn list(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let views = state
        .db
        .org_tx(&scope, |conn| {
            let counts = repo::counts(conn)?;
            Ok(repo::list(conn)?
                .into_iter()
                .map(|row| donor_view(row, &counts))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(views))
}

#[utoipa::path(
    tag = "workshop",
    params(OrgPath),
    request_body = DonorInput,
    responses((status = 201, body = DonorView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/donors")]
pub async fn create(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    body: ValidJson<DonorInput>,
) -> ApiResult<HttpResponse> {
    let fields = body.into_inner().fields();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::insert(conn, &fields)?;
            one_donor(conn, row)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/donors/{}", scope.org_id, view.id),
    ))
}

#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonorPath),
    responses((status = 200, body = DonorView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donors/{donor_id}")]
pub async fn get_one(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonorPath>,
) -> ApiResult<HttpResponse> {
    let id = path.donor_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, id)?;
            one_donor(conn, row)
        })
        .await?;
    Ok(with_etag(&view))
}

/// Correct a donor (`If-Match`: the version read).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonorPath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = DonorInput,
    responses((status = 200, body = DonorView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/donors/{donor_id}")]
pub async fn replace(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonorPath>,
    if_match: IfMatch,
    body: ValidJson<DonorInput>,
) -> ApiResult<HttpResponse> {
    let fields = body.into_inner().fields();
    let version = if_match.version()?;
    let id = path.donor_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            repo::find(conn, id)?;
            let row =
                repo::update(conn, id, version, &fields)?.ok_or_else(ApiError::version_mismatch)?;
            one_donor(conn, row)
        })
        .await?;
    Ok(with_etag(&view))
}

/// A lot of machines received from a donor.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DonationInput {
    pub donor_id: Uuid,
    pub received_on: NaiveDate,
    /// How many machines the donor announced.
    #[validate(range(min = 1, max = 1000))]
    #[schema(minimum = 1, maximum = 1000)]
    pub items_announced: i32,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

impl crate::platform::http::body::Rules for DonationInput {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        let today = crate::platform::text::paris_today();
        if self.received_on > today {
            crate::platform::error::add_field_error(
                errors,
                "received_on",
                "Un don ne peut pas être reçu dans le futur.",
            );
        }
    }
}

fn donation_views(
    conn: &mut TenantConn<'_>,
    rows: Vec<DonationRow>,
) -> ApiResult<Vec<DonationView>> {
    let ids: Vec<Uuid> = rows.iter().map(|d| d.id).collect();
    let registered = repo::devices_per_donation(conn, &ids)?;
    let donors = repo::list(conn)?;
    Ok(rows
        .into_iter()
        .map(|d| DonationView {
            donor_name: donors
                .iter()
                .find(|o| o.id == d.donor_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            devices_registered: registered
                .iter()
                .find(|(id, _)| *id == d.id)
                .map_or(0, |(_, n)| *n),
            id: d.id,
            donor_id: d.donor_id,
            received_on: d.received_on,
            items_announced: d.items_announced,
            notes: d.notes,
            created_at: d.created_at,
        })
        .collect())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DonationQuery {
    /// Only this donor's donations.
    pub donor_id: Option<Uuid>,
}

/// Donations, newest first (the last 500).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonationQuery),
    responses((status = 200, body = Vec<DonationView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donations")]
pub async fn donations(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    query: web::Query<DonationQuery>,
) -> ApiResult<HttpResponse> {
    let donor = query.donor_id;
    let views = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::donations(conn, donor)?;
            donation_views(conn, rows)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views))
}

#[utoipa::path(
    tag = "workshop",
    params(OrgPath),
    request_body = DonationInput,
    responses((status = 201, body = DonationView, headers(("Location" = String))), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/donations")]
pub async fn create_donation(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    body: ValidJson<DonationInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            repo::find(conn, input.donor_id)
                .map_err(|_| ApiError::field("donor_id", "Ce donateur n'existe pas."))?;
            let row = repo::insert_donation(
                conn,
                &NewDonation {
                    donor_id: input.donor_id,
                    received_on: input.received_on,
                    items_announced: input.items_announced,
                    notes: input
                        .notes
                        .as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty()),
                },
            )?;
            Ok(donation_views(conn, vec![row])?.remove(0))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/orgs/{}/donations/{}", scope.org_id, view.id),
        ))
        .json(view))
}

#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonationPath),
    responses((status = 200, body = DonationView), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donations/{donation_id}")]
pub async fn get_donation(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonationPath>,
) -> ApiResult<HttpResponse> {
    let id = path.donation_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find_donation(conn, id)?;
            Ok(donation_views(conn, vec![row])?.remove(0))
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The receipt of a donation (PDF): what was received, for the donor.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonationPath),
    responses((status = 200, description = "The receipt", content_type = "application/pdf", body = Vec<u8>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donations/{donation_id}/receipt.pdf")]
pub async fn receipt(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonationPath>,
) -> ApiResult<HttpResponse> {
    let id = path.donation_id;
    let data = state
        .db
        .org_tx(&scope, move |conn| report::receipt_data(conn, id))
        .await?;
    let bytes = web::block(move || crate::workshop::documents::receipt(&data)).await?;
    Ok(crate::platform::http::pdf(bytes, "recu-de-don.pdf"))
}

/// What became of each machine a donor gave: ready, handed over (never to whom), scrapped
/// and how, with its erasure certificate.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonorPath),
    responses((status = 200, body = DonorReport), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donors/{donor_id}/report")]
pub async fn donor_report(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonorPath>,
) -> ApiResult<HttpResponse> {
    let id = path.donor_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| report::donor_report(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The donor report as a PDF to send the donor.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DonorPath),
    responses((status = 200, description = "The report", content_type = "application/pdf", body = Vec<u8>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/donors/{donor_id}/report.pdf")]
pub async fn donor_report_pdf(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DonorPath>,
) -> ApiResult<HttpResponse> {
    let id = path.donor_id;
    let view: DonorReport = state
        .db
        .org_tx(&scope, move |conn| report::donor_report(conn, id))
        .await?;
    let bytes = web::block(move || crate::workshop::documents::donor_report(&view)).await?;
    Ok(crate::platform::http::pdf(bytes, "rapport-donateur.pdf"))
}
