//! HTTP for the workshop: donors and donations, devices and their steps, reservation and
//! handover, printable documents, and the public check of a certificate. The workshop's rule
//! errors become problems here, in one place.

pub mod allocation;
pub mod certificates;
pub mod devices;
pub mod donors;
pub mod steps;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::domain::WorkshopError;
use crate::auth::roles::RoleRequirement;
use crate::auth::OrgScope;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiError, ApiResult, ErrorCode, FieldErrors};
use crate::platform::http::version::with_etag;
use crate::platform::state::AppState;

/// Runs a step of device `id` in one transaction and answers the device whole (with its
/// household for those who may see it).
pub async fn answer<R, F>(
    scope: &OrgScope<R>,
    state: &AppState,
    id: Uuid,
    step: F,
) -> ApiResult<HttpResponse>
where
    R: RoleRequirement,
    F: FnOnce(&mut TenantConn<'_>) -> ApiResult<()> + Send + 'static,
{
    let with_household = devices::sees_households(scope);
    let view = state
        .db
        .org_tx(scope, move |conn| {
            step(conn)?;
            let row = super::repo::devices::find(conn, id)?;
            super::loading::detail(conn, row, with_household)
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DonorPath {
    pub donor_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DonationPath {
    pub donation_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DevicePath {
    pub device_id: Uuid,
}

impl From<WorkshopError> for ApiError {
    fn from(err: WorkshopError) -> Self {
        let detail = err.to_string();
        match err {
            WorkshopError::InvalidMove { from } => ApiError {
                allowed: Some(from.next().iter().map(|s| s.as_str().to_owned()).collect()),
                ..ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::InvalidTransition,
                    format!(
                        "Cet équipement est à l'état « {} » : cette étape n'est pas possible depuis cet état.",
                        from.label()
                    ),
                )
            },
            WorkshopError::ReservedForAnother => ApiError::conflict(detail),
            WorkshopError::NoDisk => ApiError::field("disks", detail),
            WorkshopError::DisksNotErased { disks } => {
                let mut errors = FieldErrors::new();
                for i in disks {
                    add_field_error(
                        &mut errors,
                        &format!("disks[{i}]"),
                        "Ce disque n'a pas d'effacement réussi.",
                    );
                }
                ApiError {
                    detail: detail.clone(),
                    ..ApiError::validation(errors)
                }
            }
            WorkshopError::SameChecker => ApiError::field("checker_id", detail),
        }
    }
}
