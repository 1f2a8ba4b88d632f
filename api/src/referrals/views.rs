//! What a referral looks like to each side. The referrer gets a smaller view: no staff
//! names, no household link, no duplicates, and progress milestones only when the family
//! agreed to share them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::{milestone_facts, status_seen, DeclineReason, ReferralSource, ReferralStatus};
use super::repo::{EventRow, ReferralRow};
use crate::auth::ActorRole;
use crate::households::domain::{ContactChannel, DuplicateMatch, MemberInput, Need};
use crate::households::routes::HouseholdMemberView;

/// An organisation named in a referral.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrgName {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralSummary {
    pub id: Uuid,
    pub status: ReferralStatus,
    pub source: ReferralSource,
    /// The receiving structure.
    pub structure: OrgName,
    /// The sending referrer (absent when the family came to the centre itself).
    pub referrer: Option<OrgName>,
    /// "First Last" of the person referred.
    pub family_name: String,
    pub commune: Option<String>,
    pub needs: Vec<Need>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Whole days since it was sent.
    pub age_days: i64,
    /// The structure was reminded that it has not answered.
    pub reminded: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub from_status: Option<ReferralStatus>,
    pub to_status: ReferralStatus,
    pub at: DateTime<Utc>,
    /// The organisation that acted (absent for the automatic expiry).
    pub actor_organisation: Option<OrgName>,
    /// The actor's role then (`system` for the automatic expiry).
    pub actor_role: ActorRole,
    /// The person who acted: shown to the structure only.
    pub actor_name: Option<String>,
    /// For declines: the reason code.
    pub reason: Option<String>,
    pub message: Option<String>,
}

/// The family's journey, as far as it agreed to share it with the referrer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Milestones {
    pub enrolled: bool,
    pub cycle_start_date: Option<NaiveDate>,
    pub sessions_attended: Option<i32>,
    pub sessions_planned: Option<i32>,
    pub completed: bool,
    pub device_handed_over_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Consent {
    pub given_on: NaiveDate,
    pub text_version: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateHousehold {
    pub household_id: Uuid,
    pub reference_name: String,
    pub phone: Option<String>,
    pub commune: Option<String>,
    /// Why it looks like the same family.
    pub matched_on: Vec<DuplicateMatch>,
    /// Its people, in their order: accepting into it says which one is the person referred.
    pub members: Vec<HouseholdMemberView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DuplicateReferral {
    pub referral_id: Uuid,
    pub status: ReferralStatus,
    pub matched_on: Vec<DuplicateMatch>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralDetail {
    #[serde(flatten)]
    pub summary: ReferralSummary,
    pub site: Option<OrgName>,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: ContactChannel,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub neighbourhood: Option<String>,
    /// The other members, as sent.
    pub members: Vec<MemberInput>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub consent: Option<Consent>,
    /// The family agreed to share its progress with the referrer.
    pub share_progress: bool,
    pub decline_reason: Option<DeclineReason>,
    pub history: Vec<EventView>,
    /// Structure: always. Referrer: only with the family's agreement.
    pub milestones: Option<Milestones>,
    /// Structure only: the household the referral is linked to.
    pub household_id: Option<Uuid>,
    /// Structure only: the person referred, among that household's members.
    pub member_id: Option<Uuid>,
    /// Structure only: the changes possible from the current state.
    pub allowed_transitions: Option<Vec<ReferralStatus>>,
    /// Structure only: households that may be the same family.
    pub possible_duplicate_households: Option<Vec<DuplicateHousehold>>,
    /// Structure only: other referrals that may be the same family.
    pub possible_duplicate_referrals: Option<Vec<DuplicateReferral>>,
    pub version: i32,
}

/// A referral as listed on a household's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HouseholdReferral {
    pub id: Uuid,
    pub status: ReferralStatus,
    pub source: ReferralSource,
    /// The referrer's name, for referrals sent by one.
    pub referrer_name: Option<String>,
    pub submitted_at: DateTime<Utc>,
}

impl crate::platform::http::Versioned for ReferralDetail {
    fn version(&self) -> i32 {
        self.version
    }
}

/// The list entry of a referral, as `as_structure` or the referrer may see it.
pub fn summary(
    row: &ReferralRow,
    as_structure: bool,
    structure: OrgName,
    referrer: Option<OrgName>,
    now: DateTime<Utc>,
) -> ReferralSummary {
    ReferralSummary {
        id: row.id.0,
        status: status_seen(row.status, as_structure, row.share_progress),
        source: row.source,
        structure,
        referrer,
        family_name: format!("{} {}", row.first_name, row.last_name),
        commune: row.commune.clone(),
        needs: row.needs.clone(),
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
        age_days: (now - row.submitted_at).num_days(),
        reminded: row.reminded_at.is_some(),
    }
}

pub fn milestones(row: &ReferralRow) -> Milestones {
    let facts = milestone_facts(row.status, row.cycle_start_date.is_some());
    Milestones {
        enrolled: facts.enrolled,
        cycle_start_date: row.cycle_start_date,
        sessions_attended: row.sessions_attended,
        sessions_planned: row.sessions_planned,
        completed: facts.completed,
        device_handed_over_on: row.device_handed_over_on,
    }
}

/// An entry of the history; the person's name only for the structure.
pub fn event(
    e: EventRow,
    actor_organisation: Option<OrgName>,
    actor_name: Option<String>,
) -> EventView {
    EventView {
        from_status: e.from_status,
        to_status: e.to_status,
        at: e.at,
        actor_organisation,
        actor_role: e.actor_role,
        actor_name,
        reason: e.reason,
        message: e.message,
    }
}
