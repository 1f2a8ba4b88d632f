//! Referrals (orientations): a referrer sends a family to a partner structure, the
//! structure answers and follows it, and the referrer sees the journey the family agreed to
//! share. One path, `/orgs/{org_id}/referrals`, serves both sides: what the caller sees
//! depends on the kind of organisation in the path.
//!
//! Other modules call the functions of this file, inside their open transaction.

pub mod consent;
pub mod deadlines;
pub mod domain;
pub mod repo;
pub mod routes;
pub mod views;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::roles::OrgKind;
use crate::notifications::NotificationKind;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::{HouseholdId, OrgId, UserId};
use domain::ReferralError;
use repo::{NewEvent, ReferralRow, TransitionChanges};
use views::ReferralDetail;
use views::{Consent, DuplicateHousehold, DuplicateReferral, HouseholdReferral, OrgName};

/// Sending, reading and answering referrals.
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    use routes::{create, read, transitions};
    cfg.service(create::consent_text)
        .service(create::partner_consent_text)
        .service(read::counters)
        .service(read::list)
        .service(create::create)
        .service(read::get_one)
        .service(transitions::accept)
        .service(transitions::decline)
        .service(transitions::waitlist)
        .service(transitions::drop_out);
}

/// The referrals linked to a household, newest first (for the household's page).
pub fn for_household(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
) -> ApiResult<Vec<HouseholdReferral>> {
    let rows = repo::for_household(conn, household)?;
    let referrers: Vec<OrgId> = rows.iter().filter_map(|row| row.3).collect();
    let names = org_names(conn, &referrers)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, status, source, referrer, submitted_at)| HouseholdReferral {
                id: id.into(),
                status,
                source,
                referrer_name: referrer.map(|r| name_in(&names, r).name),
                submitted_at,
            },
        )
        .collect())
}

/// Applies a change the rules allowed on `current` (read with
/// [`repo::find_owned_for_update`]): the update is guarded on its state, the history records
/// who acted, and the referrer is told.
pub fn transition(
    conn: &mut TenantConn<'_>,
    current: &ReferralRow,
    allowed: domain::Allowed,
    changes: &TransitionChanges,
    reason: Option<&str>,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<ReferralRow> {
    let actor = conn.actor();
    transition_as(
        conn, &actor, current, allowed, changes, reason, message, now,
    )
}

/// [`transition`] recorded under another actor than the transaction's (the demo seed
/// replays a referral's life, the system expiring what staff did not answer).
#[allow(clippy::too_many_arguments)]
pub fn transition_as(
    conn: &mut TenantConn<'_>,
    actor: &crate::auth::Actor,
    current: &ReferralRow,
    allowed: domain::Allowed,
    changes: &TransitionChanges,
    reason: Option<&str>,
    message: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<ReferralRow> {
    let to = allowed.to();
    let Some(row) = repo::update_status(conn, current, to, changes, now)? else {
        // The row moved since it was checked (cannot happen under the row lock).
        return Err(ReferralError::InvalidTransition {
            from: allowed.from(),
        }
        .into());
    };
    repo::record_event(
        conn,
        &row,
        NewEvent {
            from: Some(current.status),
            to,
            actor,
            reason,
            message,
            at: now,
        },
    )?;
    notify_referrer(conn, &row, now)?;
    Ok(row)
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
    if !domain::referrer_is_told(referral.status, referral.share_progress) {
        return Ok(());
    }
    tell(
        conn,
        referrer,
        NotificationKind::ReferralStatus,
        referral,
        now,
    )?;
    if let Some(email) = crate::auth::active_email(conn.conn(), referral.created_by)? {
        crate::platform::mail::queue(
            conn.conn(),
            &email,
            "Une orientation a changé d'état — Solidaires et Connectés",
            &format!(
                "Bonjour,\n\nUne orientation que vous avez envoyée est maintenant : {}.\n\
                 Consultez-la sur Solidaires et Connectés (référence {}).\n",
                referral.status.label_fr(),
                referral.id
            ),
        )?;
    }
    Ok(())
}

/// Who a referral is about, for the notifications about it.
pub struct FamilyName {
    pub referral_id: Uuid,
    /// "First Last" of the person referred.
    pub name: String,
    pub referrer: Option<OrgId>,
}

/// The families of some referrals the organisation in scope may read (held or sent).
pub fn family_names(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<FamilyName>> {
    Ok(repo::family_names(conn, ids)?
        .into_iter()
        .map(|(referral_id, first, last, referrer)| FamilyName {
            referral_id,
            name: format!("{first} {last}"),
            referrer,
        })
        .collect())
}

/// Tells the referrer that progress was recorded (in-app only: progress is not worth an
/// email), as its own kind of notification, never as a second "enrolled".
pub fn notify_progress(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(referrer) = referral.referrer_org_id else {
        return Ok(());
    };
    tell(
        conn,
        referrer,
        NotificationKind::ReferralProgress,
        referral,
        now,
    )
}

/// Records a notification about `referral`, in its state now, for organisation `to`.
pub(crate) fn tell(
    conn: &mut TenantConn<'_>,
    to: OrgId,
    kind: NotificationKind,
    referral: &ReferralRow,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    crate::notifications::record(
        conn,
        crate::notifications::NewNotification {
            organisation_id: to,
            kind,
            referral_id: referral.id,
            structure_id: referral.organisation_id,
            status: referral.status,
            created_at: at,
        },
    )
}

/// What enrolling a family from its referral needs to know.
pub struct ForEnrolment {
    pub household_id: Option<HouseholdId>,
    pub member_id: Option<Uuid>,
    pub status: domain::ReferralStatus,
}

/// The referral of the structure in scope a family is enrolled from, locked (404 when the
/// structure does not hold it).
pub fn for_enrolment(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ForEnrolment> {
    let row = repo::find_owned_for_update(conn, id)?;
    Ok(ForEnrolment {
        household_id: row.household_id,
        member_id: row.member_id,
        status: row.status,
    })
}

/// The milestones of a family's cycle: its first session's day, sessions attended and
/// planned (cancelled ones are not planned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleMilestones {
    pub start: Option<chrono::NaiveDate>,
    pub attended: i32,
    pub planned: i32,
}

/// Moves a referral as its family's place in a cycle changes (`to`: enrolled, accepted,
/// completed, dropped out), with the history and the referrer told as for any change.
/// Nothing happens when it is already there.
pub fn follow_cycle(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    to: domain::ReferralStatus,
    milestones: CycleMilestones,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let current = repo::find_owned_for_update(conn, id)?;
    if current.status != to {
        let allowed = domain::check_cycle_move(current.status, to)?;
        let changes = TransitionChanges {
            cycle_start_date: milestones.start,
            sessions_planned: Some(milestones.planned),
            ..Default::default()
        };
        transition(conn, &current, allowed, &changes, Some(reason), None, now)?;
    }
    cycle_milestones(conn, id, milestones, now)
}

/// Records the milestones read from the cycle; the referrer who may follow the family is
/// told (in-app) when the sessions attended change.
pub fn cycle_milestones(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    milestones: CycleMilestones,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let current = repo::find_owned_for_update(conn, id)?;
    let before = CycleMilestones {
        start: current.cycle_start_date,
        attended: current.sessions_attended.unwrap_or(0),
        planned: current.sessions_planned.unwrap_or(0),
    };
    if before == milestones && current.sessions_attended.is_some() {
        return Ok(());
    }
    let row = repo::set_cycle_milestones(
        conn,
        current.id,
        milestones.start,
        milestones.attended,
        milestones.planned,
    )?;
    if row.share_progress && before.attended != milestones.attended && row.status.is_journey() {
        notify_progress(conn, &row, now)?;
    }
    Ok(())
}

/// The family of `household` received its computer on `on` (the workshop's handover): the
/// milestone is written on its referrals, and a referrer who may follow the family is told.
pub fn device_handed_over(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
    on: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    for row in repo::set_device_handed_over(conn, household, on)? {
        if row.share_progress {
            notify_progress(conn, &row, now)?;
        }
    }
    Ok(())
}

/// Names of organisations, for views.
pub fn org_names(conn: &mut TenantConn<'_>, ids: &[OrgId]) -> ApiResult<Vec<OrgName>> {
    Ok(crate::organisations::names(conn, ids)?
        .into_iter()
        .map(|(id, name)| OrgName { id: id.0, name })
        .collect())
}

pub fn name_in(names: &[OrgName], id: OrgId) -> OrgName {
    names
        .iter()
        .find(|n| n.id == id.0)
        .cloned()
        .unwrap_or(OrgName {
            id: id.0,
            name: String::new(),
        })
}

/// The referral as the caller's side may see it.
pub fn load_detail(
    conn: &mut TenantConn<'_>,
    kind: OrgKind,
    id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<ReferralDetail> {
    let row = repo::find(conn, id)?;
    detail_of(conn, row, kind, now)
}

/// The view of a referral already read (after a change, from its `RETURNING` row).
pub fn detail_of(
    conn: &mut TenantConn<'_>,
    row: ReferralRow,
    kind: OrgKind,
    now: DateTime<Utc>,
) -> ApiResult<ReferralDetail> {
    let as_structure = kind == OrgKind::Structure;
    let journey = domain::shows_journey(as_structure, row.share_progress);
    let events: Vec<_> = repo::history(conn, &row)?
        .into_iter()
        .filter(|e| journey || !e.to_status.is_journey())
        .collect();
    let mut org_ids = vec![row.organisation_id];
    org_ids.extend(row.referrer_org_id);
    org_ids.extend(events.iter().filter_map(|e| e.actor_org_id));
    org_ids.sort();
    org_ids.dedup();
    let names = org_names(conn, &org_ids)?;
    let people = if as_structure {
        let ids: Vec<UserId> = events.iter().filter_map(|e| e.actor_user_id).collect();
        crate::auth::user_names(conn.conn(), &ids)?
    } else {
        Vec::new()
    };
    let history = events
        .into_iter()
        .map(|e| {
            let org = e.actor_org_id.map(|o| name_in(&names, o));
            let person = e
                .actor_user_id
                .and_then(|u| people.iter().find(|(id, _)| *id == u))
                .map(|(_, name)| name.clone());
            views::event(e, org, person)
        })
        .collect();
    let summary = views::summary(
        &row,
        as_structure,
        name_in(&names, row.organisation_id),
        row.referrer_org_id.map(|r| name_in(&names, r)),
        now,
    );
    let site = match row.site_id {
        Some(site) => crate::organisations::site_name(conn, row.organisation_id, site)?
            .map(|name| OrgName { id: site, name }),
        None => None,
    };
    let (dup_households, dup_referrals) = if as_structure {
        (
            Some(duplicate_households(conn, &row)?),
            Some(duplicate_referrals(conn, &row)?),
        )
    } else {
        (None, None)
    };
    let members = row.members()?;
    Ok(ReferralDetail {
        summary,
        site,
        milestones: journey.then(|| views::milestones(&row)),
        household_id: if as_structure {
            row.household_id.map(Uuid::from)
        } else {
            None
        },
        member_id: row.member_id.filter(|_| as_structure),
        allowed_transitions: as_structure.then(|| row.status.next().to_vec()),
        possible_duplicate_households: dup_households,
        possible_duplicate_referrals: dup_referrals,
        consent: row
            .consent_given_on
            .zip(row.consent_text_version.clone())
            .map(|(given_on, text_version)| Consent {
                given_on,
                text_version,
            }),
        first_name: row.first_name,
        last_name: row.last_name,
        birth_year: row.birth_year,
        phone: row.phone,
        email: row.email,
        preferred_contact: row.preferred_contact,
        address: row.address,
        postcode: row.postcode,
        neighbourhood: row.neighbourhood,
        members,
        needs_other: row.needs_other,
        languages: row.languages,
        reason: row.reason,
        message: row.message,
        share_progress: row.share_progress,
        decline_reason: row.decline_reason,
        history,
        version: row.version,
    })
}

/// The people of a referral, as (folded name, year of birth), for the name rule.
fn people(row: &ReferralRow) -> ApiResult<Vec<(String, Option<i32>)>> {
    use crate::platform::text::folded_name;
    Ok(std::iter::once((row.folded_name.clone(), row.birth_year))
        .chain(
            row.members()?
                .iter()
                .map(|m| (folded_name(&m.first_name, &m.last_name), m.birth_year)),
        )
        .collect())
}

fn duplicate_households(
    conn: &mut TenantConn<'_>,
    row: &ReferralRow,
) -> ApiResult<Vec<DuplicateHousehold>> {
    let found = crate::households::possible_duplicates(
        conn,
        row.phone.as_deref(),
        row.commune.as_deref(),
        &people(row)?,
    )?;
    Ok(found
        .into_iter()
        .map(|d| DuplicateHousehold {
            household_id: d.household_id.0,
            reference_name: d.reference_name,
            phone: d.phone,
            commune: d.commune,
            matched_on: d.matched_on,
            members: d.members.into_iter().map(Into::into).collect(),
        })
        .collect())
}

fn duplicate_referrals(
    conn: &mut TenantConn<'_>,
    row: &ReferralRow,
) -> ApiResult<Vec<DuplicateReferral>> {
    Ok(repo::duplicate_referrals(conn, row)?
        .into_iter()
        .map(|(referral_id, status, matched_on)| DuplicateReferral {
            referral_id,
            status,
            matched_on,
        })
        .collect())
}

/// What this module holds on a family (the registry of `privacy/`).
pub const PRIVACY: crate::privacy::Holding = crate::privacy::Holding {
    module: "referrals",
    holds: "each referral as sent (names, birth year, contact details, address, the other \
            members, needs, languages, the referrer's reason and message, the consent given), \
            its answers and milestones, and its history with the staff's messages",
    tables: &["referrals", "referral_events", "notifications"],
    export: repo::privacy::personal_data,
    anonymise: repo::privacy::anonymise_household,
    contacted_since: repo::privacy::contacted_since,
};
