//! The cycles' share of data protection: a family's places, attendance, skills checks and
//! reminders as stored; anonymising removes the reminders' phone numbers (the rest are facts
//! about ids, kept for the figures).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::{json_rows, TenantConn};
use crate::platform::error::ApiResult;
use crate::privacy::Section;
use crate::schema::{attendance as a, enrolments as e, session_reminders as sr};

pub fn personal_data(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<Vec<Section>> {
    let of_enrolments = |table: &str| {
        format!(
            "SELECT to_jsonb(t) AS row FROM {table} t \
               JOIN enrolments e ON e.organisation_id = t.organisation_id AND e.id = t.enrolment_id \
              WHERE e.organisation_id = $1 AND e.household_id = $2"
        )
    };
    Ok(vec![
        Section::new(
            "enrolments",
            json_rows(
                conn,
                "SELECT to_jsonb(e) AS row FROM enrolments e \
                  WHERE organisation_id = $1 AND household_id = $2 ORDER BY created_at",
                household,
            )?,
        ),
        Section::new(
            "attendance",
            json_rows(conn, &of_enrolments("attendance"), household)?,
        ),
        Section::new(
            "skills_checks",
            json_rows(conn, &of_enrolments("skills_checks"), household)?,
        ),
        Section::new(
            "session_reminders",
            json_rows(
                conn,
                "SELECT to_jsonb(r) AS row FROM session_reminders r \
                  WHERE organisation_id = $1 AND household_id = $2 ORDER BY created_at",
                household,
            )?,
        ),
    ])
}

pub fn anonymise(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(
        sr::table
            .filter(sr::organisation_id.eq(org_id))
            .filter(sr::household_id.eq(household))
            .filter(sr::phone.is_not_null()),
    )
    .set(sr::phone.eq(None::<String>))
    .execute(conn.conn())?;
    Ok(())
}

/// Of some households, those enrolled, ended, marked present or absent, or called since
/// `since`.
pub fn contacted_since(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
    since: DateTime<Utc>,
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    let recent_attendance = a::table
        .filter(a::organisation_id.eq(org_id))
        .filter(a::enrolment_id.eq(e::id))
        .filter(a::recorded_at.ge(since));
    let mut found: Vec<Uuid> = e::table
        .filter(e::organisation_id.eq(org_id))
        .filter(e::household_id.eq_any(households))
        .filter(
            e::created_at
                .ge(since)
                .or(e::enrolled_at.ge(since))
                .or(e::ended_at.ge(since))
                .or(diesel::dsl::exists(recent_attendance)),
        )
        .select(e::household_id)
        .distinct()
        .load(conn.conn())?;
    found.extend(
        sr::table
            .filter(sr::organisation_id.eq(org_id))
            .filter(sr::household_id.eq_any(households))
            .filter(sr::called_at.ge(since))
            .select(sr::household_id)
            .distinct()
            .load::<Uuid>(conn.conn())?,
    );
    Ok(found)
}
