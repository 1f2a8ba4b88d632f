//! Erasure certificates: the PDF of a device's, finding one by its code within the
//! structure, and the public check anyone holding a certificate can make.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::DevicePath;
use crate::auth::roles::WorkshopHand;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::openapi::{ConflictError, OrgErrors};
use crate::platform::state::AppState;
use crate::workshop::domain::{normalise_code, ErasureMethod};
use crate::workshop::kinds::DeviceKind;
use crate::workshop::repo::{devices, steps};
use crate::workshop::report;
use crate::workshop::views::{CertificateLookup, VerificationView};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CodePath {
    /// As printed ("7KQ2-M9XD-4HTR"); case, spaces and dashes do not matter.
    pub code: String,
}

/// The device's erasure certificate (PDF), once it has been declared erased (409 before).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    responses((status = 200, description = "The certificate", content_type = "application/pdf", body = Vec<u8>), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/devices/{device_id}/certificate.pdf")]
pub async fn certificate_pdf(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
) -> ApiResult<HttpResponse> {
    let id = path.device_id;
    let verify_url = format!("{}/verifier", state.config.public_url);
    let data = state
        .db
        .org_tx(&scope, move |conn| {
            report::certificate_data(conn, id, verify_url)
        })
        .await?;
    let tag = data.asset_tag.clone();
    let bytes = web::block(move || crate::workshop::documents::certificate(&data)).await?;
    Ok(crate::platform::http::pdf(
        bytes,
        &format!("certificat-effacement-{tag}.pdf"),
    ))
}

/// A certificate of the structure by its code (typed from a paper one): which device.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, CodePath),
    responses((status = 200, body = CertificateLookup), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/certificates/{code}")]
pub async fn lookup(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<CodePath>,
) -> ApiResult<HttpResponse> {
    let code = normalise_code(&path.code).ok_or_else(ApiError::not_found)?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let certificate = steps::certificate_by_code(conn, &code)?;
            let device = devices::find(conn, certificate.device_id)?;
            Ok(CertificateLookup {
                device_id: device.id,
                asset_tag: device.asset_tag,
                code: certificate.code,
                issued_at: certificate.issued_at,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Check an erasure certificate (public, no account): genuine or not found. Tells the
/// structure, the asset tag, the day and the standards used; nothing of any person. Limited
/// to 30 checks a minute per address.
#[utoipa::path(
    tag = "workshop",
    params(CodePath),
    responses(
        (status = 200, body = VerificationView),
        (status = 404, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "No certificate has this code"),
        (status = 429, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Too many checks from this address: wait (Retry-After)"),
    ),
    security(())
)]
#[get("/verify/{code}")]
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<CodePath>,
) -> ApiResult<HttpResponse> {
    let client = crate::auth::routes::sign_in::client_ip(&req, state.config.trust_proxy);
    if let Err(not_until) = state.public_limiter.check_key(&client) {
        let wait = not_until.wait_time_from(governor::clock::Clock::now(
            &governor::clock::DefaultClock::default(),
        ));
        return Err(ApiError::too_many_requests(wait.as_secs().max(1)));
    }
    if state.public_limiter.len() > 50_000 {
        state.public_limiter.retain_recent();
    }
    let code = normalise_code(&path.code).ok_or_else(ApiError::not_found)?;
    let found = state
        .db
        .system_tx(move |conn| steps::verify(conn, &code).map(|found| (found, code)))
        .await?;
    let (Some(found), code) = found else {
        return Err(ApiError::not_found());
    };
    let issued_on = found
        .issued_at
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut standards: Vec<String> = found
        .methods
        .iter()
        .filter_map(|m| ErasureMethod::parse(m))
        .map(|m| m.standard().to_owned())
        .collect();
    standards.sort();
    standards.dedup();
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(VerificationView {
            genuine: true,
            code,
            structure: found.structure,
            asset_tag: found.asset_tag,
            device_kind: DeviceKind::parse(&found.device_kind).unwrap_or(DeviceKind::Other),
            issued_on,
            disks_erased: found.disks,
            standards,
        }))
}
