//! What the cycles routes answer. Volunteers get the schedule only: their cycle view has no
//! participants and no waiting list.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::{CycleState, Day, EnrolmentStatus, Presence};
use super::programme::Theme;
use super::reminders::ReminderReason;
use super::skills::{Autonomy, Competence, SkillArea};
use crate::platform::http::Versioned;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModuleView {
    pub title: String,
    pub objectives: String,
    pub duration_minutes: i32,
    pub themes: Vec<Theme>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeView {
    pub id: Uuid,
    pub name: String,
    /// The built-in programme of the structure.
    pub is_default: bool,
    pub modules: Vec<ModuleView>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl Versioned for ProgrammeView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonRef {
    pub id: Uuid,
    pub name: String,
}

/// A session as generated, before the cycle is saved.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlannedSessionView {
    pub number: i32,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarPreview {
    pub sessions: Vec<PlannedSessionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    pub id: Uuid,
    pub number: i32,
    /// The module's title.
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub cancelled: bool,
    /// Why it was moved or cancelled.
    pub change_reason: Option<String>,
    pub actual_minutes: Option<i32>,
    pub themes_covered: Vec<Theme>,
    /// Where it took place, when not at the cycle's site.
    pub place: Option<String>,
    pub equipment: Option<String>,
    pub note: Option<String>,
    /// When attendance was last recorded (absent: not yet taken).
    pub attendance_taken_at: Option<DateTime<Utc>>,
    /// Participants marked present.
    pub present_count: i32,
    pub version: i32,
}

impl Versioned for SessionView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParticipantView {
    pub enrolment_id: Uuid,
    pub household_id: Uuid,
    pub member_id: Uuid,
    /// "First Last".
    pub name: String,
    pub referral_id: Option<Uuid>,
    pub status: EnrolmentStatus,
    /// Rank on the waiting list (1 = next to get a place).
    pub waiting_rank: Option<i32>,
    pub enrolled_at: Option<DateTime<Utc>>,
    /// Sessions present at, out of those held or to be held.
    pub sessions_present: i32,
    pub sessions_planned: i32,
    /// Present at enough sessions to complete (the structure's threshold).
    pub reaches_threshold: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleSummary {
    pub id: Uuid,
    pub name: String,
    pub state: CycleState,
    pub site_id: Uuid,
    pub site_name: String,
    pub capacity: i32,
    pub enrolled_count: i32,
    pub first_day: NaiveDate,
    /// The next session not cancelled, if any is still to come.
    pub next_session_at: Option<DateTime<Utc>>,
    pub sessions_count: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleView {
    pub id: Uuid,
    pub name: String,
    pub state: CycleState,
    pub state_reason: Option<String>,
    pub programme_id: Uuid,
    pub programme_name: String,
    pub site_id: Uuid,
    pub site_name: String,
    pub capacity: i32,
    pub enrolled_count: i32,
    pub weekdays: Vec<Day>,
    /// "14:00", Paris time.
    pub start_time: String,
    pub duration_minutes: i32,
    pub first_day: NaiveDate,
    pub facilitators: Vec<PersonRef>,
    pub sessions: Vec<SessionView>,
    /// People with a place, then those who left (absent for volunteers).
    pub participants: Option<Vec<ParticipantView>>,
    /// The waiting list in its order (absent for volunteers).
    pub waiting_list: Option<Vec<ParticipantView>>,
    /// Sessions present to complete the cycle (the structure's setting).
    pub completion_threshold: i32,
    pub version: i32,
}

impl Versioned for CycleView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendanceEntryView {
    pub enrolment_id: Uuid,
    pub name: String,
    /// Absent until recorded.
    pub presence: Option<Presence>,
}

/// The attendance sheet of a session: its participants and what was recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendanceSheet {
    pub cycle_id: Uuid,
    pub cycle_name: String,
    pub site_name: String,
    pub session: SessionView,
    pub entries: Vec<AttendanceEntryView>,
    pub version: i32,
}

impl Versioned for AttendanceSheet {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnrolmentView {
    pub enrolment_id: Uuid,
    pub status: EnrolmentStatus,
    /// Rank on the waiting list when waiting.
    pub waiting_rank: Option<i32>,
    /// The person who took the freed place, after a withdrawal.
    pub promoted_enrolment_id: Option<Uuid>,
    pub version: i32,
}

impl Versioned for EnrolmentView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelView {
    pub competence: Competence,
    pub area: SkillArea,
    pub level: Autonomy,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AreaProgressView {
    pub area: SkillArea,
    /// Competences assessed at both checks.
    pub assessed: i32,
    /// Of them, those up by at least one level.
    pub improved: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParticipantSkills {
    pub enrolment_id: Uuid,
    pub name: String,
    pub start: Vec<LevelView>,
    pub end: Vec<LevelView>,
    pub progress: Vec<AreaProgressView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleSkills {
    pub participants: Vec<ParticipantSkills>,
    /// All participants together.
    pub progress: Vec<AreaProgressView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReasonView {
    /// `not_enrolled` or `too_few_sessions`.
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityView {
    pub household_id: Uuid,
    pub eligible: bool,
    /// Why not, when not (empty when eligible).
    pub reasons: Vec<ReasonView>,
    /// Most sessions attended by a person of the household in one cycle.
    pub sessions_attended: i32,
    /// The structure's minimum.
    pub sessions_required: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CallView {
    pub id: Uuid,
    pub household_id: Uuid,
    /// "First Last" of the household's reference person.
    pub family_name: String,
    pub phone: Option<String>,
    pub reason: ReminderReason,
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    /// What to tell them.
    pub message: String,
    pub called_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedView {
    pub id: Uuid,
    pub cycle_id: Option<Uuid>,
    /// Set for the feed of a facilitator's sessions.
    pub facilitator_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// The address to give the calendar application: shown once, at creation.
    pub url: Option<String>,
}
