//! Reading a cycle whole for its views: its sessions with their counts, its people with
//! their attendance, its facilitators, site and programme. A fixed number of queries
//! whatever the cycle's size.

use chrono::Timelike;
use uuid::Uuid;

use super::domain::{EnrolmentStatus, Presence};
use super::journey::attendance_of;
use super::repo::cycles::{self as cycle_repo, SessionRow};
use super::repo::enrolments::{self as enrolment_repo, EnrolmentRow};
use super::repo::programmes as programme_repo;
use super::views::{CycleView, ParticipantView, PersonRef, SessionView};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::UserId;

pub fn session_view(row: SessionRow, marks: &[(Uuid, Uuid, Presence)]) -> SessionView {
    let present_count = marks
        .iter()
        .filter(|(s, _, p)| *s == row.id && *p == Presence::Present)
        .count() as i32;
    SessionView {
        id: row.id,
        number: row.number,
        title: row.title,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        cancelled: row.cancelled,
        change_reason: row.change_reason,
        actual_minutes: row.actual_minutes,
        themes_covered: row.themes_covered,
        place: row.place,
        equipment: row.equipment,
        note: row.note,
        attendance_taken_at: row.attendance_taken_at,
        present_count,
        version: row.version,
    }
}

/// "First Last" of each enrolment's person.
pub fn names(
    conn: &mut TenantConn<'_>,
    enrolments: &[EnrolmentRow],
) -> ApiResult<Vec<(Uuid, String)>> {
    let households: Vec<Uuid> = enrolments.iter().map(|e| e.household_id).collect();
    let people = crate::households::members_of(conn, &households)?;
    Ok(enrolments
        .iter()
        .map(|e| {
            let name = people
                .iter()
                .find(|(_, m)| m.id == e.member_id)
                .map(|(_, m)| format!("{} {}", m.first_name, m.last_name))
                .unwrap_or_default();
            (e.id, name)
        })
        .collect())
}

pub fn name_in(names: &[(Uuid, String)], id: Uuid) -> String {
    names
        .iter()
        .find(|(e, _)| *e == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

/// The people of a cycle: (with a place or gone, waiting list in order).
fn people(
    conn: &mut TenantConn<'_>,
    enrolments: Vec<EnrolmentRow>,
    sessions: &[SessionRow],
    marks: &[(Uuid, Uuid, Presence)],
    threshold: usize,
) -> ApiResult<(Vec<ParticipantView>, Vec<ParticipantView>)> {
    let names = names(conn, &enrolments)?;
    let (mut participants, mut waiting) = (Vec::new(), Vec::new());
    for e in enrolments {
        let attendance = attendance_of(sessions, marks, e.id);
        let view = ParticipantView {
            enrolment_id: e.id,
            household_id: e.household_id,
            member_id: e.member_id,
            name: name_in(&names, e.id),
            referral_id: e.referral_id,
            status: e.status,
            waiting_rank: None,
            enrolled_at: e.enrolled_at,
            sessions_present: attendance.present as i32,
            sessions_planned: attendance.planned as i32,
            reaches_threshold: attendance.completes(threshold),
        };
        if e.status == EnrolmentStatus::Waiting {
            waiting.push(ParticipantView {
                waiting_rank: Some(waiting.len() as i32 + 1),
                ..view
            });
        } else if e.status != EnrolmentStatus::Withdrawn || e.enrolled_at.is_some() {
            participants.push(view);
        }
    }
    Ok((participants, waiting))
}

/// The cycle whole; `with_people` false for volunteers (the schedule only).
pub fn cycle_view(conn: &mut TenantConn<'_>, id: Uuid, with_people: bool) -> ApiResult<CycleView> {
    let cycle = cycle_repo::find(conn, id)?;
    let (threshold, _) = crate::organisations::cycle_settings(conn)?;
    let programme = programme_repo::find(conn, cycle.programme_id)?;
    let site = crate::organisations::site(conn, cycle.site_id)?;
    let facilitator_ids: Vec<UserId> = cycle_repo::facilitators(conn, &[id])?
        .into_iter()
        .map(|(_, u)| UserId(u))
        .collect();
    let facilitators = crate::auth::user_names(conn.conn(), &facilitator_ids)?
        .into_iter()
        .map(|(id, name)| PersonRef { id: id.0, name })
        .collect();
    let sessions = cycle_repo::sessions(conn, &[id])?;
    let marks = enrolment_repo::attendance(conn, &[id])?;
    let (participants, waiting_list) = if with_people {
        let enrolments = enrolment_repo::for_cycles(conn, &[id])?;
        let (p, w) = people(
            conn,
            enrolments,
            &sessions,
            &marks,
            threshold.max(1) as usize,
        )?;
        (Some(p), Some(w))
    } else {
        (None, None)
    };
    Ok(CycleView {
        id: cycle.id,
        name: cycle.name,
        state: cycle.state,
        state_reason: cycle.state_reason,
        programme_id: programme.id,
        programme_name: programme.name,
        site_id: site.id,
        site_name: site.name,
        capacity: cycle.capacity,
        enrolled_count: cycle.enrolled_count,
        weekdays: cycle.weekdays,
        start_time: format!(
            "{:02}:{:02}",
            cycle.start_time.hour(),
            cycle.start_time.minute()
        ),
        duration_minutes: cycle.duration_minutes,
        first_day: cycle.first_day,
        facilitators,
        sessions: sessions
            .into_iter()
            .map(|s| session_view(s, &marks))
            .collect(),
        participants,
        waiting_list,
        completion_threshold: threshold,
        version: cycle.version,
    })
}
