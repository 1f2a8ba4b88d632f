//! Referrals: the state machine, guarded transitions with their history, and the
//! notifications that tell the referrer. Always inside an organisation's door: the
//! structure's for its inbox and transitions, the referrer's for what it sent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::schema::{
    notifications as n, organisations as o, referral_events as ev, referrals as r, users,
};
use super::TenantConn;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::text_enum;

text_enum!(
    /// Where a referral stands. `expired` is set by the deadlines job only.
    ReferralStatus {
        Submitted = "submitted",
        Accepted = "accepted",
        Declined = "declined",
        Waitlisted = "waitlisted",
        Enrolled = "enrolled",
        Completed = "completed",
        DroppedOut = "dropped_out",
        Expired = "expired",
    }
);

text_enum!(
    /// Why a structure declines a referral.
    DeclineReason {
        OutsideArea = "outside_area",
        NotEligible = "not_eligible",
        NoCapacity = "no_capacity",
        CouldNotContact = "could_not_contact",
        NoLongerInterested = "no_longer_interested",
        Duplicate = "duplicate",
        Other = "other",
    }
);

text_enum!(
    ReferralSource {
        /// Sent by a referrer (CCAS, social landlord).
        Referrer = "referrer",
        /// The family came to the centre itself.
        Structure = "structure",
    }
);

impl ReferralStatus {
    /// The transitions staff may make from this state.
    pub fn next(self) -> &'static [ReferralStatus] {
        use ReferralStatus::*;
        match self {
            Submitted => &[Accepted, Declined, Waitlisted],
            Waitlisted => &[Accepted, Declined],
            Accepted => &[Enrolled, DroppedOut],
            Enrolled => &[Completed, DroppedOut],
            Declined | Completed | DroppedOut | Expired => &[],
        }
    }

    /// Whether `to` may follow this state (the job's expiry included).
    pub fn can_become(self, to: ReferralStatus) -> bool {
        self.next().contains(&to) || (self == Self::Submitted && to == Self::Expired)
    }

    /// Answered, one way or the other (the decision date is set on leaving `submitted`).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Submitted | Self::Waitlisted | Self::Accepted | Self::Enrolled
        )
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct ReferralRow {
    pub organisation_id: Uuid,
    pub id: Uuid,
    pub source: String,
    pub referrer_org_id: Option<Uuid>,
    pub created_by: Uuid,
    pub site_id: Option<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub members: serde_json::Value,
    pub needs: Vec<String>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub consent_given_on: Option<NaiveDate>,
    pub consent_text_version: Option<String>,
    pub share_progress: bool,
    pub status: String,
    pub decline_reason: Option<String>,
    pub household_id: Option<Uuid>,
    pub cycle_start_date: Option<NaiveDate>,
    pub sessions_planned: Option<i32>,
    pub sessions_attended: Option<i32>,
    pub device_handed_over_on: Option<NaiveDate>,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub folded_name: String,
    pub version: i32,
}

impl ReferralRow {
    pub fn status(&self) -> ReferralStatus {
        ReferralStatus::parse(&self.status).unwrap_or(ReferralStatus::Submitted)
    }
}

/// One referral visible in the current door (as structure or as referrer).
pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    r::table
        .filter(r::id.eq(id))
        .filter(
            r::organisation_id
                .eq(org_id)
                .or(r::referrer_org_id.eq(org_id)),
        )
        .select(ReferralRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Who acts, as recorded in the history.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub org_id: Option<Uuid>,
    /// The role then: a membership role, `superadmin`, or `system`.
    pub role: String,
}

impl Actor {
    pub fn system() -> Self {
        Self {
            user_id: None,
            org_id: None,
            role: "system".into(),
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn record_event(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    from: Option<ReferralStatus>,
    to: ReferralStatus,
    actor: &Actor,
    reason: Option<&str>,
    message: Option<&str>,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::insert_into(ev::table)
        .values((
            ev::organisation_id.eq(referral.organisation_id),
            ev::id.eq(Uuid::now_v7()),
            ev::referral_id.eq(referral.id),
            ev::referrer_org_id.eq(referral.referrer_org_id),
            ev::from_status.eq(from.map(ReferralStatus::as_str)),
            ev::to_status.eq(to.as_str()),
            ev::actor_user_id.eq(actor.user_id),
            ev::actor_org_id.eq(actor.org_id),
            ev::actor_role.eq(&actor.role),
            ev::reason.eq(reason),
            ev::message.eq(message),
            ev::at.eq(at),
        ))
        .execute(conn.conn())?;
    Ok(())
}

/// What a transition changes besides the status.
#[derive(Debug, Default, Clone)]
pub struct TransitionChanges {
    pub decline_reason: Option<DeclineReason>,
    pub household_id: Option<Uuid>,
    pub cycle_start_date: Option<NaiveDate>,
    pub sessions_planned: Option<i32>,
}

/// Moves a referral from its current state to `to`, guarded in SQL (`WHERE status = …`),
/// records the event and tells the referrer. 409 with the allowed transitions otherwise.
#[allow(clippy::too_many_arguments)]
pub fn transition(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    to: ReferralStatus,
    changes: &TransitionChanges,
    actor: &Actor,
    reason: Option<&str>,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<ReferralRow> {
    let org_id = conn.org_id();
    let current = find(conn, id)?;
    if current.organisation_id != org_id {
        return Err(ApiError::not_found());
    }
    let from = current.status();
    if !from.can_become(to) {
        return Err(invalid_transition(from));
    }
    let decided_at = if from == ReferralStatus::Submitted {
        Some(now)
    } else {
        current.decided_at
    };
    let updated = diesel::update(
        r::table
            .find((org_id, id))
            .filter(r::status.eq(from.as_str())),
    )
    .set((
        r::status.eq(to.as_str()),
        r::decided_at.eq(decided_at),
        changes
            .decline_reason
            .map(|d| r::decline_reason.eq(d.as_str())),
        changes.household_id.map(|h| r::household_id.eq(h)),
        changes.cycle_start_date.map(|d| r::cycle_start_date.eq(d)),
        changes.sessions_planned.map(|s| r::sessions_planned.eq(s)),
        r::version.eq(r::version + 1),
    ))
    .execute(conn.conn())?;
    if updated == 0 {
        // Someone else moved it in the meantime: report from the state it is in now.
        return Err(invalid_transition(find(conn, id)?.status()));
    }
    let row = find(conn, id)?;
    record_event(conn, &row, Some(from), to, actor, reason, message, now)?;
    notify_referrer(conn, &row, now)?;
    Ok(row)
}

pub fn invalid_transition(from: ReferralStatus) -> ApiError {
    ApiError {
        allowed: Some(from.next().iter().map(|s| s.as_str().to_owned()).collect()),
        ..ApiError::new(
            actix_web::http::StatusCode::CONFLICT,
            ErrorCode::InvalidTransition,
            format!(
                "Cette orientation est à l'état {} : ce changement n'est pas possible depuis cet état.",
                from.as_str()
            ),
        )
    }
}

/// Tells the referrer of a state change: an in-app notification, and an email (to the
/// person who sent it) in the outbox. The email names no family: just the link.
pub fn notify_referrer(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(referrer) = referral.referrer_org_id else {
        return Ok(());
    };
    diesel::insert_into(n::table)
        .values((
            n::organisation_id.eq(referrer),
            n::id.eq(Uuid::now_v7()),
            n::kind.eq("referral_status"),
            n::referral_id.eq(referral.id),
            n::structure_id.eq(referral.organisation_id),
            n::status.eq(&referral.status),
            n::created_at.eq(now),
        ))
        .execute(conn.conn())?;
    let email: Option<String> = users::table
        .find(referral.created_by)
        .filter(users::active.eq(true))
        .select(users::email)
        .first(conn.conn())
        .optional()?;
    if let Some(email) = email {
        crate::mail::queue(
            conn.conn(),
            &email,
            "Une orientation a changé d'état — Solidaires et Connectés",
            &format!(
                "Bonjour,\n\nUne orientation que vous avez envoyée est maintenant : {}.\n\
                 Consultez-la sur Solidaires et Connectés (référence {}).\n",
                status_fr(&referral.status),
                referral.id
            ),
        )?;
    }
    Ok(())
}

fn status_fr(status: &str) -> &'static str {
    match status {
        "submitted" => "envoyée",
        "accepted" => "acceptée",
        "declined" => "refusée",
        "waitlisted" => "en liste d'attente",
        "enrolled" => "inscrite dans un cycle",
        "completed" => "cycle terminé",
        "dropped_out" => "abandon",
        "expired" => "expirée sans réponse",
        _ => "mise à jour",
    }
}

/// A referral's history, oldest first, with the actor's organisation name and person name.
pub struct EventRow {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_name: Option<String>,
    pub actor_org: Option<(Uuid, String)>,
    pub actor_role: String,
    pub reason: Option<String>,
    pub message: Option<String>,
    pub at: DateTime<Utc>,
}

pub fn history(conn: &mut TenantConn<'_>, referral: &ReferralRow) -> ApiResult<Vec<EventRow>> {
    type Row = (
        Option<String>,
        String,
        Option<Uuid>,
        Option<Uuid>,
        String,
        Option<String>,
        Option<String>,
        DateTime<Utc>,
    );
    let rows: Vec<Row> = ev::table
        .filter(ev::organisation_id.eq(referral.organisation_id))
        .filter(ev::referral_id.eq(referral.id))
        .order((ev::at, ev::id))
        .select((
            ev::from_status,
            ev::to_status,
            ev::actor_user_id,
            ev::actor_org_id,
            ev::actor_role,
            ev::reason,
            ev::message,
            ev::at,
        ))
        .load(conn.conn())?;
    let user_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.2).collect();
    let org_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.3).collect();
    let names: Vec<(Uuid, String)> = users::table
        .filter(users::id.eq_any(&user_ids))
        .select((users::id, users::name))
        .load(conn.conn())?;
    let orgs: Vec<(Uuid, String)> = o::table
        .filter(o::id.eq_any(&org_ids))
        .select((o::id, o::name))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(from_status, to_status, user, org, actor_role, reason, message, at)| EventRow {
                from_status,
                to_status,
                actor_name: user.and_then(|u| {
                    names
                        .iter()
                        .find(|(id, _)| *id == u)
                        .map(|(_, n)| n.clone())
                }),
                actor_org: org.and_then(|o| orgs.iter().find(|(id, _)| *id == o).cloned()),
                actor_role,
                reason,
                message,
                at,
            },
        )
        .collect())
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

pub fn for_household(
    conn: &mut TenantConn<'_>,
    household: Uuid,
) -> ApiResult<Vec<HouseholdReferral>> {
    let org_id = conn.org_id();
    let rows: Vec<(Uuid, String, String, Option<String>, DateTime<Utc>)> = r::table
        .left_join(o::table.on(o::id.nullable().eq(r::referrer_org_id)))
        .filter(r::organisation_id.eq(org_id))
        .filter(r::household_id.eq(household))
        .order(r::submitted_at.desc())
        .select((
            r::id,
            r::status,
            r::source,
            o::name.nullable(),
            r::submitted_at,
        ))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(id, status, source, referrer_name, submitted_at)| HouseholdReferral {
                id,
                status: ReferralStatus::parse(&status).unwrap_or(ReferralStatus::Submitted),
                source: ReferralSource::parse(&source).unwrap_or(ReferralSource::Structure),
                referrer_name,
                submitted_at,
            },
        )
        .collect())
}

/// Other referrals of the structure that may be the same family (same phone, or same name
/// and year of birth).
pub fn duplicate_referrals(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
) -> ApiResult<Vec<(Uuid, String, Vec<&'static str>)>> {
    let org_id = conn.org_id();
    let rows: Vec<(Uuid, String, Option<String>, String, Option<i32>)> = r::table
        .filter(r::organisation_id.eq(org_id))
        .filter(r::id.ne(referral.id))
        .filter(
            r::phone
                .eq(referral.phone.clone().unwrap_or_default())
                .or(r::folded_name.eq(&referral.folded_name)),
        )
        .order(r::submitted_at.desc())
        .limit(10)
        .select((r::id, r::status, r::phone, r::folded_name, r::birth_year))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status, phone, name, year)| {
            let mut why = Vec::new();
            if phone.is_some() && phone == referral.phone {
                why.push("phone");
            }
            if name == referral.folded_name && year.is_some() && year == referral.birth_year {
                why.push("name_and_birth_year");
            }
            (!why.is_empty()).then_some((id, status, why))
        })
        .collect())
}
