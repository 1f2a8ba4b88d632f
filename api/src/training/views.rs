//! What the training routes answer. Of an invited structure's trainees, the organiser gets
//! names only; records (hours, validations, steps, attestations) are their structure's.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::{TrainingCompetence, WorkshopStep};
use crate::cycles::domain::Presence;
use crate::platform::http::Versioned;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    pub id: Uuid,
    pub name: String,
    pub is_trainer: bool,
    pub external_organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Linked to an account of the structure (their own page, "Mon parcours").
    pub has_account: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeSessionView {
    pub title: String,
    pub minutes: i32,
    pub competences: Vec<TrainingCompetence>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrainingProgrammeView {
    pub id: Uuid,
    pub name: String,
    pub sessions: Vec<ProgrammeSessionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseSessionView {
    pub id: Uuid,
    pub number: i32,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: i32,
    pub competences: Vec<TrainingCompetence>,
    pub cancelled: bool,
    pub change_reason: Option<String>,
    pub attendance_taken_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl Versioned for CourseSessionView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseSummary {
    pub id: Uuid,
    pub name: String,
    /// The caller's structure organises it (otherwise it was invited).
    pub organised: bool,
    pub first_session_at: Option<DateTime<Utc>>,
    pub sessions: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TraineeView {
    pub person_id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub structure: String,
    /// A person of the caller's structure.
    pub own: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseView {
    pub id: Uuid,
    pub name: String,
    pub organised: bool,
    pub site_id: Uuid,
    pub sessions: Vec<CourseSessionView>,
    pub trainers: Vec<String>,
    /// The caller's people, and (when it organises the course) the others' names.
    pub trainees: Vec<TraineeView>,
    /// Structures invited (the organiser's view; empty otherwise).
    pub invited: Vec<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseSheetEntry {
    pub person_id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub structure: String,
    pub presence: Option<Presence>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseSheet {
    pub session: CourseSessionView,
    pub entries: Vec<CourseSheetEntry>,
}

impl Versioned for CourseSheet {
    fn version(&self) -> i32 {
        self.session.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ValidationView {
    pub competence: TrainingCompetence,
    pub validated_on: NaiveDate,
    pub validator_name: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub device_id: Uuid,
    pub asset_tag: String,
    pub step: WorkshopStep,
    pub at: DateTime<Utc>,
    /// The person held the matching competence then.
    pub trained: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseRef {
    pub id: Uuid,
    pub name: String,
}

/// A trainee's record: what they attended, what was validated, what they did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordView {
    pub person: PersonView,
    pub minutes_attended: i32,
    /// "7 h 30".
    pub hours: String,
    pub sessions_attended: i32,
    pub courses: Vec<CourseRef>,
    pub competences: Vec<ValidationView>,
    pub workshop_steps: Vec<StepView>,
}

/// One's own training ("Mon parcours"); no record yet when nobody linked one to the account.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyTraining {
    pub record: Option<RecordView>,
}

/// The structure's training figures (dashboards).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrainingFigures {
    /// People with at least one session attended.
    pub people_trained: i32,
    pub minutes_delivered: i32,
    pub competences_validated: i64,
    pub workshop_steps: i64,
    pub steps_by_trained_people: i64,
    /// Of the workshop's steps, the share done by people holding the competence (%).
    pub share_by_trained_people: Option<f64>,
}
