//! What the workshop's routes answer. A volunteer's device view has no household: the
//! allocation part is for admins and staff only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::{DeviceState, ErasureMethod};
use super::kinds::{
    Accessory, DeviceKind, DiskKind, DonorKind, Grade, HardwareTest, QualityItem, ReturnReason,
    ScrapOutcome,
};
use crate::cycles::views::PersonRef;
use crate::platform::http::Versioned;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DonorView {
    pub id: Uuid,
    pub name: String,
    pub kind: DonorKind,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub donations: i64,
    pub devices: i64,
    pub version: i32,
}

impl Versioned for DonorView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DonationView {
    pub id: Uuid,
    pub donor_id: Uuid,
    pub donor_name: String,
    pub received_on: NaiveDate,
    pub items_announced: i32,
    /// Devices registered from this donation so far.
    pub devices_registered: i64,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A device in a list or on the board.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceSummary {
    pub id: Uuid,
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand: String,
    pub model: String,
    pub state: DeviceState,
    pub state_since: DateTime<Utc>,
    pub donation_id: Option<Uuid>,
    pub site_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DevicePage {
    pub items: Vec<DeviceSummary>,
    /// Pass as `after` for the next page; absent on the last.
    pub next_after: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StateColumn {
    pub state: DeviceState,
    pub count: i64,
    /// The devices waiting longest in this state (at most five).
    pub longest_waiting: Vec<DeviceSummary>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BoardView {
    pub columns: Vec<StateColumn>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiskView {
    pub id: Uuid,
    pub kind: DiskKind,
    pub size_gb: i32,
    pub serial: String,
    /// A successful erasure is recorded for this disk.
    pub erased: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiagnosisView {
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub screen_inches: Option<f32>,
    pub battery_health_percent: Option<i32>,
    pub tests_passed: Vec<HardwareTest>,
    pub tests_failed: Vec<HardwareTest>,
    pub appearance_grade: Option<Grade>,
    pub function_grade: Option<Grade>,
    pub diagnosed_by: Option<PersonRef>,
    pub diagnosed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErasureView {
    pub id: Uuid,
    pub disk_id: Uuid,
    pub method: ErasureMethod,
    /// The NIST SP 800-88 category the method answers to.
    pub standard: String,
    pub tool: String,
    pub tool_version: String,
    pub passes: i32,
    pub verified: bool,
    pub succeeded: bool,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub operator: PersonRef,
    pub witness: Option<PersonRef>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CertificateView {
    pub code: String,
    pub issued_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OsInstallView {
    pub os: String,
    pub os_version: String,
    pub licence: Option<String>,
    pub software: Vec<String>,
    pub account_prepared: bool,
    pub installed_on: NaiveDate,
    pub operator: PersonRef,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QualityCheckView {
    pub items_passed: Vec<QualityItem>,
    pub items_failed: Vec<QualityItem>,
    pub passed: bool,
    pub notes: Option<String>,
    pub checker: PersonRef,
    pub checked_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceEventView {
    pub from_state: Option<DeviceState>,
    pub to_state: DeviceState,
    pub actor: PersonRef,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LedgerEntryView {
    pub step: crate::training::domain::WorkshopStep,
    pub person: PersonRef,
    pub trained: bool,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HouseholdRef {
    pub id: Uuid,
    /// The household's reference person.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HandoverView {
    pub id: Uuid,
    pub device_id: Uuid,
    pub asset_tag: String,
    pub household: HouseholdRef,
    pub handed_on: NaiveDate,
    pub accessories: Vec<Accessory>,
    pub condition: String,
    pub agreement_version: String,
    pub recipient_name: String,
    pub returned_at: Option<DateTime<Utc>>,
    pub return_reason: Option<ReturnReason>,
}

/// Who the device is set aside for or with (admins and staff only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AllocationView {
    pub reserved_for: Option<HouseholdRef>,
    pub reserved_at: Option<DateTime<Utc>>,
    pub handover: Option<HandoverView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceDetail {
    pub id: Uuid,
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand: String,
    pub model: String,
    pub serial: Option<String>,
    pub donation_id: Option<Uuid>,
    pub donor_name: Option<String>,
    pub site_id: Option<Uuid>,
    pub state: DeviceState,
    pub state_since: DateTime<Utc>,
    /// The states it may move to next.
    pub next_states: Vec<DeviceState>,
    pub notes: Option<String>,
    pub diagnosis: DiagnosisView,
    pub disks: Vec<DiskView>,
    pub erasures: Vec<ErasureView>,
    pub certificate: Option<CertificateView>,
    pub os_install: Option<OsInstallView>,
    pub quality_checks: Vec<QualityCheckView>,
    pub scrap_outcome: Option<ScrapOutcome>,
    pub scrap_channel: Option<String>,
    /// Absent for volunteers.
    pub allocation: Option<AllocationView>,
    pub history: Vec<DeviceEventView>,
    /// The skills ledger: each step, who did it and whether they held the competence
    /// (`trained: false` is flagged).
    pub ledger: Vec<LedgerEntryView>,
    pub version: i32,
}

impl Versioned for DeviceDetail {
    fn version(&self) -> i32 {
        self.version
    }
}

/// A household's devices (its page).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HouseholdDevices {
    pub reserved: Vec<DeviceSummary>,
    pub handovers: Vec<HandoverView>,
}

/// What the public verification of a certificate tells: nothing of any person.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerificationView {
    pub genuine: bool,
    pub code: String,
    pub structure: String,
    pub asset_tag: String,
    pub device_kind: DeviceKind,
    pub issued_on: NaiveDate,
    pub disks_erased: i32,
    pub standards: Vec<String>,
}

/// A certificate found by its code in the structure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CertificateLookup {
    pub device_id: Uuid,
    pub asset_tag: String,
    pub code: String,
    pub issued_at: DateTime<Utc>,
}

/// What became of one device given by a donor (never to whom it went).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DonatedDeviceView {
    pub asset_tag: String,
    pub kind: DeviceKind,
    pub brand: String,
    pub model: String,
    pub received_on: NaiveDate,
    pub state: DeviceState,
    /// In words: "en cours de reconditionnement", "remis à une famille le …", "recyclé (…)".
    pub outcome: String,
    pub handed_over_on: Option<NaiveDate>,
    pub scrap_outcome: Option<ScrapOutcome>,
    pub scrap_channel: Option<String>,
    pub certificate_code: Option<String>,
    pub erased_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DonorReport {
    pub donor: String,
    pub structure: String,
    pub devices: Vec<DonatedDeviceView>,
    pub handed_over: i32,
    pub ready: i32,
    pub in_refurbishment: i32,
    pub scrapped: i32,
}
