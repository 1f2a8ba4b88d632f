//! What moves people through a cycle, in the caller's open transaction: enrolling (a place
//! or the waiting list), withdrawing (promoting the first waiting), finishing or cancelling
//! the cycle, and the referral's milestones read from it after each change.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use uuid::Uuid;

use super::domain::{self, Attendance, CycleError, CycleState, EnrolmentStatus, SessionRecord};
use super::repo::cycles::{self as cycle_repo, CycleRow, SessionRow};
use super::repo::enrolments::{self as enrolment_repo, EnrolmentRow, NewEnrolment};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::ids::HouseholdId;
use crate::referrals::domain::ReferralStatus;
use crate::referrals::CycleMilestones;

/// Who joins a cycle.
#[derive(Debug, Clone, Copy)]
pub enum Joiner {
    /// The family of an accepted referral (the person referred).
    Referral(Uuid),
    /// A person of a household the structure registered directly.
    Member { household_id: Uuid, member_id: Uuid },
}

/// Enrols someone: a place if one is left, else the end of the waiting list.
pub fn enrol(
    conn: &mut TenantConn<'_>,
    cycle_id: Uuid,
    joiner: Joiner,
    now: DateTime<Utc>,
) -> ApiResult<EnrolmentRow> {
    // The lock queues concurrent enrolments of this cycle; the guarded increment and the
    // check constraint hold the capacity even without it.
    let cycle = cycle_repo::find_for_update(conn, cycle_id)?;
    if !cycle.state.is_open() {
        return Err(CycleError::Closed.into());
    }
    let (household_id, member_id, referral_id) = match joiner {
        Joiner::Referral(id) => {
            let referral = crate::referrals::for_enrolment(conn, id).map_err(|_| {
                ApiError::field("referral_id", "Cette orientation est introuvable.")
            })?;
            let (Some(household), ReferralStatus::Accepted) =
                (referral.household_id, referral.status)
            else {
                return Err(CycleError::ReferralNotAccepted.into());
            };
            let member = match referral.member_id {
                Some(member) => member,
                None => reference_person(conn, household)?,
            };
            (household.0, member, Some(id))
        }
        Joiner::Member {
            household_id,
            member_id,
        } => {
            if !crate::households::is_member(conn, HouseholdId(household_id), member_id)? {
                return Err(ApiError::field(
                    "member_id",
                    "Cette personne ne fait pas partie de ce foyer.",
                ));
            }
            (household_id, member_id, None)
        }
    };
    let status = if cycle_repo::take_place(conn, cycle_id)? {
        EnrolmentStatus::Enrolled
    } else {
        EnrolmentStatus::Waiting
    };
    let row = enrolment_repo::insert(
        conn,
        &NewEnrolment {
            cycle_id,
            household_id,
            member_id,
            referral_id,
            status,
        },
        now,
    )?;
    if status == EnrolmentStatus::Enrolled {
        follow(
            conn,
            &cycle,
            &row,
            ReferralStatus::Enrolled,
            "cycle_enrolled",
            now,
        )?;
    }
    Ok(row)
}

fn reference_person(conn: &mut TenantConn<'_>, household: HouseholdId) -> ApiResult<Uuid> {
    crate::households::members_of(conn, &[household.0])?
        .into_iter()
        .find(|(_, m)| m.role == crate::households::domain::MemberRole::Reference)
        .map(|(_, m)| m.id)
        .ok_or_else(ApiError::not_found)
}

/// Takes someone off the cycle (or its waiting list); the first waiting takes the place.
/// Returns the enrolment promoted, if any.
pub fn withdraw(
    conn: &mut TenantConn<'_>,
    cycle_id: Uuid,
    enrolment_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<Option<EnrolmentRow>> {
    let cycle = cycle_repo::find_for_update(conn, cycle_id)?;
    let enrolment = enrolment_repo::find_for_update(conn, cycle_id, enrolment_id)?;
    if !cycle.state.is_open() {
        return Err(CycleError::Closed.into());
    }
    if !enrolment.status.is_current() {
        return Err(CycleError::EnrolmentClosed.into());
    }
    let left = enrolment_repo::set_status(
        conn,
        enrolment.id,
        enrolment.status,
        EnrolmentStatus::Withdrawn,
        now,
    )?
    .ok_or_else(|| ApiError::from(CycleError::EnrolmentClosed))?;
    if enrolment.status != EnrolmentStatus::Enrolled {
        return Ok(None);
    }
    cycle_repo::free_place(conn, cycle_id)?;
    // Leaving before the cycle started: the family may join another one.
    let to = match cycle.state {
        CycleState::Planned => ReferralStatus::Accepted,
        _ => ReferralStatus::DroppedOut,
    };
    follow(conn, &cycle, &left, to, "cycle_withdrawn", now)?;
    promote(conn, &cycle, now)
}

/// Gives a free place to the first of the waiting list.
fn promote(
    conn: &mut TenantConn<'_>,
    cycle: &CycleRow,
    now: DateTime<Utc>,
) -> ApiResult<Option<EnrolmentRow>> {
    let Some(first) = enrolment_repo::first_waiting(conn, cycle.id)? else {
        return Ok(None);
    };
    if !cycle_repo::take_place(conn, cycle.id)? {
        return Ok(None);
    }
    let promoted = enrolment_repo::set_status(
        conn,
        first.id,
        EnrolmentStatus::Waiting,
        EnrolmentStatus::Enrolled,
        now,
    )?
    .ok_or_else(|| ApiError::from(CycleError::EnrolmentClosed))?;
    follow(
        conn,
        cycle,
        &promoted,
        ReferralStatus::Enrolled,
        "cycle_enrolled",
        now,
    )?;
    Ok(Some(promoted))
}

/// Moves the cycle to `to`: running, finished (each participant completes or not, the
/// waiting list is closed) or cancelled (everyone is released, families back to accepted).
pub fn change_state(
    conn: &mut TenantConn<'_>,
    cycle_id: Uuid,
    to: CycleState,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<CycleRow> {
    let cycle = cycle_repo::find_for_update(conn, cycle_id)?;
    domain::check_state(cycle.state, to)?;
    if !cycle_repo::set_state(conn, cycle.id, cycle.state, to, reason)? {
        return Err(ApiError::version_mismatch());
    }
    if matches!(to, CycleState::Finished | CycleState::Cancelled) {
        let (threshold, _) = crate::organisations::cycle_settings(conn)?;
        let sessions = cycle_repo::sessions(conn, &[cycle.id])?;
        let marks = enrolment_repo::attendance(conn, &[cycle.id])?;
        for enrolment in enrolment_repo::for_cycles(conn, &[cycle.id])? {
            let (status, referral_to) = match (enrolment.status, to) {
                (EnrolmentStatus::Waiting, _) => (EnrolmentStatus::Withdrawn, None),
                (EnrolmentStatus::Enrolled, CycleState::Cancelled) => {
                    (EnrolmentStatus::Withdrawn, Some(ReferralStatus::Accepted))
                }
                (EnrolmentStatus::Enrolled, _) => {
                    let outcome = domain::outcome(
                        attendance_of(&sessions, &marks, enrolment.id),
                        threshold.max(1) as usize,
                    );
                    let referral = if outcome == EnrolmentStatus::Completed {
                        ReferralStatus::Completed
                    } else {
                        ReferralStatus::DroppedOut
                    };
                    (outcome, Some(referral))
                }
                _ => continue,
            };
            let Some(row) =
                enrolment_repo::set_status(conn, enrolment.id, enrolment.status, status, now)?
            else {
                continue;
            };
            if let Some(referral_to) = referral_to {
                // The sessions and marks read once above, for every participant.
                follow_with(
                    conn,
                    &sessions,
                    &marks,
                    &row,
                    referral_to,
                    "cycle_ended",
                    now,
                )?;
            }
        }
    }
    cycle_repo::find(conn, cycle.id)
}

/// A participant's attendance among the cycle's sessions.
pub fn attendance_of(
    sessions: &[SessionRow],
    marks: &[(Uuid, Uuid, domain::Presence)],
    enrolment: Uuid,
) -> Attendance {
    let records: Vec<SessionRecord> = sessions
        .iter()
        .map(|s| SessionRecord {
            cancelled: s.cancelled,
            presence: marks
                .iter()
                .find(|(session, e, _)| *session == s.id && *e == enrolment)
                .map(|(_, _, p)| *p),
        })
        .collect();
    Attendance::of(&records)
}

/// The day of the first session that is not cancelled, in Paris.
pub fn start_day(sessions: &[SessionRow]) -> Option<chrono::NaiveDate> {
    sessions
        .iter()
        .filter(|s| !s.cancelled)
        .map(|s| s.starts_at)
        .min()
        .map(|at| at.with_timezone(&Paris).date_naive())
}

/// The milestones of one participant.
fn milestones_of(
    sessions: &[SessionRow],
    marks: &[(Uuid, Uuid, domain::Presence)],
    enrolment: Uuid,
) -> CycleMilestones {
    let attendance = attendance_of(sessions, marks, enrolment);
    CycleMilestones {
        start: start_day(sessions),
        attended: attendance.present as i32,
        planned: attendance.planned as i32,
    }
}

/// Moves a participant's referral (if they came through one) to `to`, with the milestones
/// read from the cycle's `sessions` and `marks`.
fn follow_with(
    conn: &mut TenantConn<'_>,
    sessions: &[SessionRow],
    marks: &[(Uuid, Uuid, domain::Presence)],
    enrolment: &EnrolmentRow,
    to: ReferralStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(referral) = enrolment.referral_id else {
        return Ok(());
    };
    let milestones = milestones_of(sessions, marks, enrolment.id);
    crate::referrals::follow_cycle(conn, referral, to, milestones, reason, now)
}

/// [`follow_with`] for one participant, reading the cycle's sessions and attendance.
fn follow(
    conn: &mut TenantConn<'_>,
    cycle: &CycleRow,
    enrolment: &EnrolmentRow,
    to: ReferralStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if enrolment.referral_id.is_none() {
        return Ok(());
    }
    let sessions = cycle_repo::sessions(conn, &[cycle.id])?;
    let marks = enrolment_repo::attendance(conn, &[cycle.id])?;
    follow_with(conn, &sessions, &marks, enrolment, to, reason, now)
}

/// After attendance or the calendar changed: every participant's referral gets the
/// milestones read from the cycle.
pub fn refresh_milestones(
    conn: &mut TenantConn<'_>,
    cycle_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let sessions = cycle_repo::sessions(conn, &[cycle_id])?;
    let marks = enrolment_repo::attendance(conn, &[cycle_id])?;
    for enrolment in enrolment_repo::for_cycles(conn, &[cycle_id])? {
        let (Some(referral), true) = (
            enrolment.referral_id,
            matches!(
                enrolment.status,
                EnrolmentStatus::Enrolled
                    | EnrolmentStatus::Completed
                    | EnrolmentStatus::NotCompleted
            ),
        ) else {
            continue;
        };
        let milestones = milestones_of(&sessions, &marks, enrolment.id);
        crate::referrals::cycle_milestones(conn, referral, milestones, now)?;
    }
    Ok(())
}
