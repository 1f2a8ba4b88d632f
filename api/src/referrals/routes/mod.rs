//! HTTP for referrals: sending, reading, and the structure's answers. The referral's rule
//! errors become problems here, in one place.

pub mod create;
pub mod read;
pub mod transitions;

use actix_web::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::domain::ReferralError;
use crate::platform::error::{ApiError, ErrorCode};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReferralPath {
    pub referral_id: Uuid,
}

impl From<ReferralError> for ApiError {
    fn from(err: ReferralError) -> Self {
        match err {
            ReferralError::InvalidTransition { from } => ApiError {
                allowed: Some(from.next().iter().map(|s| s.as_str().to_owned()).collect()),
                ..ApiError::new(
                    StatusCode::CONFLICT,
                    ErrorCode::InvalidTransition,
                    format!(
                        "Cette orientation est à l'état {} : ce changement n'est pas possible depuis cet état.",
                        from.as_str()
                    ),
                )
            },
            ReferralError::DeclineDetailsRequired => {
                ApiError::field("details", "Précisez pourquoi l'orientation est refusée.")
            }
        }
    }
}
