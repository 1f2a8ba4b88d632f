//! Giving a device to a family: reserving a ready one for a household, releasing it, the
//! handover (eligibility checked, `Idempotency-Key`), its printable agreement, and taking a
//! device back. Admins and staff only: volunteers do not see households.

use actix_web::http::StatusCode;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{answer, DevicePath};
use crate::auth::roles::Staff;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{add_field_error, ApiResult, FieldErrors};
use crate::platform::http::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors, TransitionErrors};
use crate::platform::state::AppState;
use crate::platform::validate::flag_repeats;
use crate::workshop::journey::{self, Handover};
use crate::workshop::kinds::{Accessory, ReturnReason};
use crate::workshop::loading;
use crate::workshop::report;
use crate::workshop::views::{DeviceDetail, HandoverView};

/// The version of the platform's handover agreement, in force until a structure publishes its
/// own (then its current version, `v1`, `v2`…, is).
pub const AGREEMENT_VERSION: &str = "2026-1";

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReserveInput {
    pub household_id: Uuid,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl crate::platform::http::body::Rules for ReserveInput {}

/// Set a ready device aside for a household (one open reservation per device).
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = ReserveInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/reservation")]
pub async fn reserve(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<ReserveInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    answer(&scope, &state, id, move |conn| {
        let note = input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        journey::reserve(conn, id, input.household_id, note).map(|_| ())
    })
    .await
}

/// Release a reservation: the device is ready for another family.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[delete("/orgs/{org_id}/devices/{device_id}/reservation")]
pub async fn release(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
) -> ApiResult<HttpResponse> {
    let id = path.device_id;
    answer(&scope, &state, id, move |conn| {
        journey::release(conn, id, None).map(|_| ())
    })
    .await
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverInput {
    /// The household the device is reserved for.
    pub household_id: Uuid,
    pub handed_on: NaiveDate,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    pub accessories: Vec<Accessory>,
    /// The device's condition as both parties saw it.
    #[validate(
        length(min = 1, max = 500),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 500)]
    pub condition: String,
    /// The agreement's version the family accepted (the one printed: see the agreement).
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub agreement_version: String,
    /// Who received it for the family (signs the agreement).
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub recipient_name: String,
}

impl crate::platform::http::body::Rules for HandoverInput {
    fn check(&self, errors: &mut FieldErrors) {
        flag_repeats(
            &self.accessories,
            |a| *a,
            |i| format!("accessories[{i}]"),
            "Cet accessoire est listé deux fois.",
            errors,
        );
        let today = crate::platform::text::paris_today();
        if self.handed_on > today || self.handed_on < today - chrono::Duration::days(365) {
            add_field_error(
                errors,
                "handed_on",
                "La date de remise doit être passée, et de moins d'un an.",
            );
        }
    }
}

/// Hand a reserved device over to its household, which must be eligible (the reasons come
/// back when it is not). With `Idempotency-Key`, sending twice records one handover.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath, ("Idempotency-Key" = Option<String>, Header, description = "A unique key per handover (made when the form opens)")),
    request_body = HandoverInput,
    responses(
        (status = 201, body = HandoverView, description = "Handed over (or replayed, with Idempotency-Replayed: true)"),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/handover")]
pub async fn hand_over(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    key: IdempotencyKey,
    body: ValidJson<HandoverInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let fingerprint = idempotency::fingerprint(&(&input, path.device_id));
    let id = path.device_id;
    let user = scope.user_id();
    let outcome = state
        .db
        .org_tx(&scope, move |conn| {
            if let Some(key) = &key.0 {
                if let Claim::Replay(stored) = idempotency::claim(conn, user, key, &fingerprint)? {
                    return Ok(Err(stored));
                }
            }
            // The agreement signed must be the one in force: the structure's current version
            // of its text, or the platform's when it published none.
            let in_force = crate::texts::current_label(
                conn,
                crate::texts::domain::TextKind::HandoverAgreement,
            )?
            .unwrap_or_else(|| AGREEMENT_VERSION.to_owned());
            if input.agreement_version != in_force {
                return Err(crate::platform::error::ApiError::field(
                    "agreement_version",
                    format!("La convention en vigueur est la version {in_force} : imprimez-la à nouveau."),
                ));
            }
            let (device, row) = journey::hand_over(
                conn,
                id,
                &Handover {
                    household: input.household_id,
                    handed_on: input.handed_on,
                    accessories: &input.accessories,
                    condition: input.condition.trim(),
                    agreement_version: &input.agreement_version,
                    recipient_name: input.recipient_name.trim(),
                },
                Utc::now(),
            )?;
            let household = loading::household_refs(conn, &[row.household_id])?.remove(0);
            let view = loading::handover_view(&row, &device.asset_tag, household);
            if let Some(key) = &key.0 {
                idempotency::complete(conn, user, key, StatusCode::CREATED, &view)?;
            }
            Ok(Ok(view))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Created().json(view),
        Err(stored) => stored.into_response(),
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnInput {
    pub reason: ReturnReason,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl crate::platform::http::body::Rules for ReturnInput {}

/// A family gives the device back (drop-out, fault): it goes back to the workshop, to be
/// checked before it is ready again.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    request_body = ReturnInput,
    responses((status = 200, body = DeviceDetail, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/devices/{device_id}/return")]
pub async fn take_back(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
    body: ValidJson<ReturnInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.device_id;
    answer(&scope, &state, id, move |conn| {
        let note = input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        journey::take_back(conn, id, input.reason, note).map(|_| ())
    })
    .await
}

/// The handover agreement to sign (PDF): before the handover, for the household the device
/// is reserved for; after it, as it was recorded.
#[utoipa::path(
    tag = "workshop",
    params(OrgPath, DevicePath),
    responses((status = 200, description = "The agreement", content_type = "application/pdf", body = Vec<u8>), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/devices/{device_id}/agreement.pdf")]
pub async fn agreement(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<DevicePath>,
) -> ApiResult<HttpResponse> {
    let id = path.device_id;
    let data = state
        .db
        .org_tx(&scope, move |conn| report::agreement_data(conn, id))
        .await?;
    let tag = data.asset_tag.clone();
    let bytes = web::block(move || crate::workshop::documents::agreement(&data)).await?;
    Ok(crate::platform::http::pdf(
        bytes,
        &format!("convention-{tag}.pdf"),
    ))
}
