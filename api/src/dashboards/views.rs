//! What the dashboards answer.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A count by key (an outcome, a device state, a donor, an area).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KeyedCount {
    pub key: String,
    pub count: i64,
}

/// Referrals from one source: a referrer organisation, or the structure itself (`null`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceCount {
    pub referrer_org_id: Option<Uuid>,
    /// The referrer's name, or "La structure elle-même".
    pub name: String,
    pub count: i64,
}

/// Skills progress in one area: competences assessed at both checks, and those up by at
/// least one level.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AreaProgress {
    pub area: String,
    pub assessed: i64,
    pub improved: i64,
    /// improved / assessed, percent with one decimal.
    pub rate: Option<f64>,
}

/// The figures a structure reads for a period (or for one month of it).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StructureFigures {
    /// Referrals received (by month of submission).
    pub referrals: i64,
    /// Median days from the referral to the decision, to the first session of the cycle,
    /// to the computer's handover (referrals received in the period; lower median).
    pub median_days_to_decision: Option<i32>,
    pub median_days_to_first_session: Option<i32>,
    pub median_days_to_handover: Option<i32>,
    /// Cycles with at least one session held (attendance taken).
    pub cycles_run: i64,
    /// People holding a place in those cycles.
    pub participants: i64,
    pub sessions_held: i64,
    /// Presences out of the attendance recorded, percent.
    pub attendance_rate: Option<f64>,
    pub attendance_present: i64,
    pub attendance_recorded: i64,
    /// Completed out of the places of the cycles finished (by the month of their last
    /// session), percent.
    pub completion_rate: Option<f64>,
    pub completed: i64,
    pub finished_places: i64,
    /// Competences up by at least one level out of those assessed twice, percent.
    pub skills_progress_rate: Option<f64>,
    pub skills_improved: i64,
    pub skills_assessed: i64,
    pub devices_received: i64,
    pub computers_handed_over: i64,
    /// Workshop people present at a training session.
    pub people_trained: i64,
    /// Hours of training sessions attended, summed over the people present.
    pub training_hours: f64,
    pub competences_validated: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthFigures {
    /// `AAAA-MM`.
    pub month: String,
    #[serde(flatten)]
    pub figures: StructureFigures,
}

/// A structure's dashboard: the period's figures, their breakdowns and each month's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StructureDashboard {
    /// `AAAA-MM`, first and last month.
    pub from: String,
    pub to: String,
    pub site_id: Option<Uuid>,
    pub figures: StructureFigures,
    pub referrals_by_source: Vec<SourceCount>,
    pub referrals_by_outcome: Vec<KeyedCount>,
    pub skills_progress: Vec<AreaProgress>,
    /// Today's devices by state (not a period's figure).
    pub devices_by_state: Vec<KeyedCount>,
    /// Devices registered in the period, by donor ("" when no donation).
    pub devices_by_donor: Vec<KeyedCount>,
    pub months: Vec<MonthFigures>,
}

/// A count the network reads: the number, "< 5" for 1 to 4, or "masked" when showing it
/// would let a subtraction give a small count back.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum NetworkValue {
    Value(f64),
    Hidden(Hidden),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub enum Hidden {
    #[serde(rename = "< 5")]
    Small,
    #[serde(rename = "masked")]
    Secondary,
}

/// One figure of the network (a count, a median in days or a rate in percent), with its
/// key when it is a breakdown (an outcome, a source, a state, an area).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkFigure {
    pub figure: String,
    pub key: String,
    pub value: NetworkValue,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkStructure {
    pub structure_id: Uuid,
    pub name: String,
    pub figures: Vec<NetworkFigure>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkMonth {
    /// `AAAA-MM`.
    pub month: String,
    pub figures: Vec<NetworkFigure>,
}

/// The network's dashboard for a calendar year: aggregates only, masked in the database.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkDashboard {
    pub year: i32,
    /// When the cells were counted (they are kept ten minutes).
    pub computed_at: DateTime<Utc>,
    pub structures: Vec<NetworkStructure>,
    pub total: Vec<NetworkFigure>,
    pub months: Vec<NetworkMonth>,
}

/// A referrer's referrals to one structure, by outcome.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StructureOutcomes {
    pub structure_id: Uuid,
    pub name: String,
    pub referrals: i64,
    pub outcomes: Vec<KeyedCount>,
}

/// The journeys of the families who agreed to share their progress with the referrer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JourneyFigures {
    /// Families who agreed to share.
    pub shared: i64,
    pub started_a_cycle: i64,
    pub median_days_to_first_session: Option<i32>,
    pub sessions_attended: i64,
    pub sessions_planned: i64,
    /// Attended out of planned, percent.
    pub attendance_rate: Option<f64>,
    /// Completed their cycle.
    pub completed: i64,
    pub computers_handed_over: i64,
    pub median_days_to_handover: Option<i32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferrerMonth {
    /// `AAAA-MM`.
    pub month: String,
    pub referrals: i64,
    pub journeys: JourneyFigures,
}

/// A referrer's dashboard: the families it referred in a period (by month of referral).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferrerDashboard {
    pub from: String,
    pub to: String,
    pub referrals: i64,
    pub structures: Vec<StructureOutcomes>,
    pub journeys: JourneyFigures,
    pub months: Vec<ReferrerMonth>,
}
