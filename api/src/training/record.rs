//! A trainee's record read whole: hours from attendance at sessions held, the courses, the
//! competences validated and the workshop steps done (with whether they were trained then).

use uuid::Uuid;

use super::domain::{hours_text, minutes_attended, SessionHours};
use super::repo::people::PersonRow;
use super::repo::{courses, records};
use super::views::{CourseRef, PersonView, RecordView, StepView, ValidationView};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;

pub fn person_view(row: &PersonRow) -> PersonView {
    PersonView {
        id: row.id,
        name: row.name.clone(),
        is_trainer: row.is_trainer,
        external_organisation: row.external_organisation.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        has_account: row.user_id.is_some(),
    }
}

pub fn record(conn: &mut TenantConn<'_>, person: PersonRow) -> ApiResult<RecordView> {
    let marks = records::marks_of_person(conn, person.id)?;
    let course_ids = courses::courses_of(conn, person.id)?;
    let sessions = courses::sessions(conn, &course_ids)?;
    let attended: Vec<_> = sessions
        .iter()
        .map(|s| {
            let presence = marks
                .iter()
                .find(|m| m.session_id == s.id)
                .map(|m| m.presence);
            (
                SessionHours {
                    minutes: s.minutes.max(0) as u32,
                    cancelled: s.cancelled,
                },
                presence,
            )
        })
        .collect();
    let minutes = minutes_attended(&attended);
    let sessions_attended = attended
        .iter()
        .filter(|(s, p)| !s.cancelled && *p == Some(crate::cycles::domain::Presence::Present))
        .count() as i32;
    let known = courses::list(conn)?;
    let steps = records::ledger_of_person(conn, person.id)?;
    let devices: Vec<Uuid> = steps.iter().map(|s| s.device_id).collect();
    let tags = crate::workshop::asset_tags(conn, &devices)?;
    let validations = records::validations(conn, &[person.id])?;
    Ok(RecordView {
        person: person_view(&person),
        minutes_attended: minutes as i32,
        hours: hours_text(minutes),
        sessions_attended,
        courses: known
            .iter()
            .filter(|c| course_ids.contains(&c.id))
            .map(|c| CourseRef {
                id: c.id,
                name: c.name.clone(),
            })
            .collect(),
        competences: validations
            .into_iter()
            .map(|v| ValidationView {
                competence: v.competence,
                validated_on: v.validated_on,
                validator_name: v.validator_name,
                comment: v.comment,
            })
            .collect(),
        workshop_steps: steps
            .into_iter()
            .map(|s| StepView {
                asset_tag: tags
                    .iter()
                    .find(|(d, _)| *d == s.device_id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default(),
                device_id: s.device_id,
                step: s.step,
                at: s.at,
                trained: s.trained,
            })
            .collect(),
    })
}
