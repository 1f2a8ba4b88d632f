//! What organisations, their members, invitations, sites and partnerships look like in
//! answers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::InvitationStatus;
use crate::auth::roles::{OrgKind, Role};
use crate::platform::http::Versioned;

#[derive(Debug, Serialize, ToSchema, diesel::Queryable)]
pub struct DirectoryEntry {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub short_name: String,
}

#[derive(Debug, Serialize, ToSchema, diesel::Queryable)]
pub struct OrganisationSettings {
    /// Days without an answer before a structure is reminded of a referral.
    pub referral_reminder_days: i32,
    /// Days without an answer before a referral expires.
    pub referral_expiry_days: i32,
    /// Sessions a household must have attended before it can receive a computer.
    pub handover_min_sessions: i32,
    /// Sessions present to complete a cycle.
    pub cycle_completion_threshold: i32,
    /// A workshop step by someone without the matching competence: `warn` (accepted and
    /// flagged) or `strict` (refused).
    pub workshop_ledger_policy: crate::training::domain::LedgerPolicy,
    /// Months after a family's last contact before its data is anonymised (24 by default).
    pub retention_months: i32,
}

#[derive(Debug, Serialize, ToSchema, diesel::Queryable)]
pub struct OrganisationView {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub short_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub settings: OrganisationSettings,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Versioned for OrganisationView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// False when the account is deactivated (it cannot sign in).
    pub active: bool,
    /// False until the person has chosen a password.
    pub has_password: bool,
    pub member_since: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkView {
    /// The one-time link to hand to the person (valid 72 hours).
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// Whether it was also sent by email (only when SMTP is configured).
    pub emailed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedInvitation {
    pub invitation: InvitationView,
    /// The one-time link (shown once: it is not stored).
    pub url: String,
    /// Whether it was also sent by email (only when SMTP is configured).
    pub emailed: bool,
}

#[derive(Debug, Serialize, ToSchema, diesel::Queryable)]
pub struct SiteView {
    pub id: Uuid,
    pub name: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// Archived sites are kept for history but offered for nothing new.
    pub archived: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Versioned for SiteView {
    fn version(&self) -> i32 {
        self.version
    }
}

#[derive(Debug, Serialize, ToSchema, diesel::Queryable)]
pub struct OrgRef {
    pub id: Uuid,
    pub name: String,
    pub short_name: String,
}

/// A site of the structure (referrers may name a preferred one in a referral).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SiteRef {
    pub id: Uuid,
    pub name: String,
    pub city: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnershipView {
    pub id: Uuid,
    pub structure: OrgRef,
    pub referrer: OrgRef,
    /// The structure's open sites (visible to the referrer while the partnership is active).
    pub structure_sites: Vec<SiteRef>,
    /// Only active partnerships allow new referrals.
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl Versioned for PartnershipView {
    fn version(&self) -> i32 {
        self.version
    }
}
