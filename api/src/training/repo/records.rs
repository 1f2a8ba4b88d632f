//! A trainee's records: attendance (written by the course's organiser into the trainee's
//! structure), competences validated, and the workshop's ledger of steps.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::cycles::domain::Presence;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{competence_validations as v, course_attendance as a, workshop_ledger as l};
use crate::training::domain::{TrainingCompetence, WorkshopStep};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = a)]
pub struct MarkRow {
    pub organisation_id: Uuid,
    pub course_id: Uuid,
    pub session_id: Uuid,
    pub person_id: Uuid,
    pub presence: Presence,
}

/// One trainee's presence at a session, for the sheet.
pub struct Mark {
    pub trainee_org: Uuid,
    pub person: Uuid,
    pub presence: Presence,
}

/// Writes a session's sheet (the organiser's): each mark replaces the previous one.
pub fn put_marks(
    conn: &mut TenantConn<'_>,
    course: Uuid,
    session: Uuid,
    marks: &[Mark],
) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    for mark in marks {
        diesel::insert_into(a::table)
            .values((
                a::organisation_id.eq(mark.trainee_org),
                a::course_org_id.eq(org),
                a::course_id.eq(course),
                a::session_id.eq(session),
                a::person_id.eq(mark.person),
                a::presence.eq(mark.presence),
                a::recorded_by.eq(actor),
            ))
            .on_conflict((a::organisation_id, a::session_id, a::person_id))
            .do_update()
            .set((
                a::presence.eq(mark.presence),
                a::recorded_at.eq(diesel::dsl::now),
                a::recorded_by.eq(actor),
            ))
            .execute(conn.conn())?;
    }
    Ok(())
}

/// The marks of a course's sessions the caller may read (all when organising, its own
/// people's when invited).
pub fn marks_of_course(conn: &mut TenantConn<'_>, course: Uuid) -> ApiResult<Vec<MarkRow>> {
    Ok(a::table
        .filter(a::course_id.eq(course))
        .select(MarkRow::as_select())
        .load(conn.conn())?)
}

/// A person's marks in every course (their structure's rows).
pub fn marks_of_person(conn: &mut TenantConn<'_>, person: Uuid) -> ApiResult<Vec<MarkRow>> {
    let org = conn.org_id();
    Ok(a::table
        .filter(a::organisation_id.eq(org))
        .filter(a::person_id.eq(person))
        .select(MarkRow::as_select())
        .load(conn.conn())?)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = v)]
pub struct ValidationRow {
    pub person_id: Uuid,
    pub competence: TrainingCompetence,
    pub validated_on: NaiveDate,
    pub validated_by: Uuid,
    pub validator_name: String,
    pub course_id: Option<Uuid>,
    pub comment: Option<String>,
}

pub struct NewValidation<'a> {
    pub trainee_org: Uuid,
    pub person: Uuid,
    pub competence: TrainingCompetence,
    pub validated_on: NaiveDate,
    pub validator_name: &'a str,
    pub course: Option<(Uuid, Uuid)>,
    pub comment: Option<&'a str>,
}

/// Records a validation (a second one of the same competence keeps the first).
pub fn validate(conn: &mut TenantConn<'_>, new: &NewValidation<'_>) -> ApiResult<()> {
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::insert_into(v::table)
        .values((
            v::organisation_id.eq(new.trainee_org),
            v::person_id.eq(new.person),
            v::competence.eq(new.competence),
            v::validated_on.eq(new.validated_on),
            v::validated_by.eq(actor),
            v::validator_name.eq(new.validator_name),
            v::course_org_id.eq(new.course.map(|c| c.0)),
            v::course_id.eq(new.course.map(|c| c.1)),
            v::comment.eq(new.comment),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    Ok(())
}

pub fn validations(conn: &mut TenantConn<'_>, people: &[Uuid]) -> ApiResult<Vec<ValidationRow>> {
    let org = conn.org_id();
    Ok(v::table
        .filter(v::organisation_id.eq(org))
        .filter(v::person_id.eq_any(people))
        .order((v::person_id, v::validated_on))
        .select(ValidationRow::as_select())
        .load(conn.conn())?)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = l)]
pub struct LedgerRow {
    pub device_id: Uuid,
    pub step: WorkshopStep,
    pub user_id: Uuid,
    pub person_id: Option<Uuid>,
    pub trained: bool,
    pub at: DateTime<Utc>,
}

pub fn record_step(
    conn: &mut TenantConn<'_>,
    device: Uuid,
    step: WorkshopStep,
    user: Uuid,
    person: Option<Uuid>,
    trained: bool,
) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::insert_into(l::table)
        .values((
            l::organisation_id.eq(org),
            l::id.eq(Uuid::now_v7()),
            l::device_id.eq(device),
            l::step.eq(step),
            l::user_id.eq(user),
            l::person_id.eq(person),
            l::trained.eq(trained),
        ))
        .execute(conn.conn())?;
    Ok(())
}

pub fn ledger_of_device(conn: &mut TenantConn<'_>, device: Uuid) -> ApiResult<Vec<LedgerRow>> {
    let org = conn.org_id();
    Ok(l::table
        .filter(l::organisation_id.eq(org))
        .filter(l::device_id.eq(device))
        .order(l::at)
        .select(LedgerRow::as_select())
        .load(conn.conn())?)
}

pub fn ledger_of_person(conn: &mut TenantConn<'_>, person: Uuid) -> ApiResult<Vec<LedgerRow>> {
    let org = conn.org_id();
    Ok(l::table
        .filter(l::organisation_id.eq(org))
        .filter(l::person_id.eq(person))
        .order(l::at.desc())
        .limit(500)
        .select(LedgerRow::as_select())
        .load(conn.conn())?)
}

/// (steps recorded, steps by trained people) in the structure.
pub fn ledger_share(conn: &mut TenantConn<'_>) -> ApiResult<(i64, i64)> {
    let org = conn.org_id();
    let all: i64 = l::table
        .filter(l::organisation_id.eq(org))
        .count()
        .get_result(conn.conn())?;
    let trained: i64 = l::table
        .filter(l::organisation_id.eq(org))
        .filter(l::trained)
        .count()
        .get_result(conn.conn())?;
    Ok((all, trained))
}

/// (people with a session attended, minutes attended) of the structure's people, counting
/// the sessions held where they were present.
pub fn presence_totals(conn: &mut TenantConn<'_>) -> ApiResult<(i64, i64)> {
    #[derive(QueryableByName)]
    struct Totals {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        people: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        minutes: i64,
    }
    let org = conn.org_id();
    let totals: Totals = diesel::sql_query(
        "SELECT count(DISTINCT a.person_id) AS people, coalesce(sum(s.minutes), 0)::bigint AS minutes \
           FROM course_attendance a \
           JOIN course_sessions s ON s.organisation_id = a.course_org_id AND s.id = a.session_id \
          WHERE a.organisation_id = $1 AND a.presence = 'present' AND NOT s.cancelled",
    )
    .bind::<diesel::sql_types::Uuid, _>(org)
    .get_result(conn.conn())?;
    Ok((totals.people, totals.minutes))
}

pub fn validation_count(conn: &mut TenantConn<'_>) -> ApiResult<i64> {
    let org = conn.org_id();
    Ok(v::table
        .filter(v::organisation_id.eq(org))
        .count()
        .get_result(conn.conn())?)
}
