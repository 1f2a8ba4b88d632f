//! HTTP for cycles: programmes, cycles and their sessions, enrolments, attendance, skills
//! checks, eligibility, reminders to call and calendar feeds. The cycles' rule errors become
//! problems here, in one place.

pub mod calendar;
pub mod cycles;
pub mod enrolments;
pub mod programmes;
pub mod reminders;
pub mod sessions;

use actix_web::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::domain::{CycleError, ScheduleError};
use crate::platform::error::{ApiError, ErrorCode};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CyclePath {
    pub cycle_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SessionPath {
    pub cycle_id: Uuid,
    pub session_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct EnrolmentPath {
    pub cycle_id: Uuid,
    pub enrolment_id: Uuid,
}

impl From<CycleError> for ApiError {
    fn from(err: CycleError) -> Self {
        let code = match err {
            CycleError::InvalidState { .. } => ErrorCode::InvalidTransition,
            _ => ErrorCode::Conflict,
        };
        ApiError::new(StatusCode::CONFLICT, code, err.to_string())
    }
}

impl From<ScheduleError> for ApiError {
    fn from(err: ScheduleError) -> Self {
        let field = match err {
            ScheduleError::NoWeekday => "weekdays",
            ScheduleError::Count => "sessions",
            ScheduleError::Duration => "duration_minutes",
            ScheduleError::TooFewDays => "skip_dates",
        };
        ApiError::field(field, err.to_string())
    }
}
