//! HTTP for training: the workshop's people and their records, courses with their sessions
//! and attendance, validations, attestations and figures. The training's rule errors become
//! problems here.

pub mod courses;
pub mod people;

use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::domain::TrainingError;
use crate::platform::error::ApiError;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PersonPath {
    pub person_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CoursePath {
    pub course_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CourseSessionPath {
    pub course_id: Uuid,
    pub session_id: Uuid,
}

impl From<TrainingError> for ApiError {
    fn from(err: TrainingError) -> Self {
        match err {
            TrainingError::Duration => ApiError::field("minutes", err.to_string()),
            TrainingError::NotAValidator => ApiError::forbidden(),
        }
    }
}
