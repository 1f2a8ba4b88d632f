//! Courses, their sessions, trainers, invited structures and trainees. Reads go through the
//! policies: a structure sees the courses it organises and those it is invited to; of a
//! course's trainees, its own and (when it organises) the names of the others.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{
    course_invitations as ci, course_sessions as cs, course_trainees as ct, course_trainers as tr,
    courses as c,
};
use crate::training::domain::TrainingCompetence;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CourseRow {
    pub organisation_id: Uuid,
    pub id: Uuid,
    pub programme_id: Uuid,
    pub site_id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cs)]
pub struct SessionRow {
    pub id: Uuid,
    pub course_id: Uuid,
    pub number: i32,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: i32,
    pub competences: Vec<TrainingCompetence>,
    pub cancelled: bool,
    pub change_reason: Option<String>,
    pub attendance_taken_at: Option<DateTime<Utc>>,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ct)]
pub struct TraineeRow {
    pub organisation_id: Uuid,
    pub course_org_id: Uuid,
    pub course_id: Uuid,
    pub person_id: Uuid,
    pub trainee_name: String,
    pub structure_name: String,
}

/// A course as created, with its sessions (title, start, minutes, competences).
pub struct NewCourse<'a> {
    pub programme_id: Uuid,
    pub site_id: Uuid,
    pub name: &'a str,
    pub trainers: &'a [Uuid],
    pub sessions: &'a [(String, DateTime<Utc>, i32, Vec<TrainingCompetence>)],
}

pub fn insert(conn: &mut TenantConn<'_>, new: &NewCourse<'_>) -> ApiResult<Uuid> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    let id = Uuid::now_v7();
    diesel::insert_into(c::table)
        .values((
            c::organisation_id.eq(org),
            c::id.eq(id),
            c::programme_id.eq(new.programme_id),
            c::site_id.eq(new.site_id),
            c::name.eq(new.name),
            c::created_by.eq(actor),
        ))
        .execute(conn.conn())?;
    let trainers: Vec<_> = new
        .trainers
        .iter()
        .map(|p| {
            (
                tr::organisation_id.eq(org),
                tr::course_id.eq(id),
                tr::person_id.eq(*p),
            )
        })
        .collect();
    diesel::insert_into(tr::table)
        .values(trainers)
        .execute(conn.conn())?;
    let sessions: Vec<_> = new
        .sessions
        .iter()
        .enumerate()
        .map(|(i, (title, starts_at, minutes, competences))| {
            (
                cs::organisation_id.eq(org),
                cs::id.eq(Uuid::now_v7()),
                cs::course_id.eq(id),
                cs::number.eq(i as i32 + 1),
                cs::title.eq(title),
                cs::starts_at.eq(starts_at),
                cs::minutes.eq(minutes),
                cs::competences.eq(competences.clone()),
            )
        })
        .collect();
    diesel::insert_into(cs::table)
        .values(sessions)
        .execute(conn.conn())?;
    Ok(id)
}

/// A course the structure organises or is invited to.
pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<CourseRow> {
    c::table
        .filter(c::id.eq(id))
        .select(CourseRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// A course the structure organises (the organiser's actions).
pub fn find_organised(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<CourseRow> {
    let org = conn.org_id();
    c::table
        .find((org, id))
        .select(CourseRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The courses the structure organises or is invited to, newest first.
pub fn list(conn: &mut TenantConn<'_>) -> ApiResult<Vec<CourseRow>> {
    Ok(c::table
        .order((c::created_at.desc(), c::id.desc()))
        .limit(200)
        .select(CourseRow::as_select())
        .load(conn.conn())?)
}

pub fn sessions(conn: &mut TenantConn<'_>, courses: &[Uuid]) -> ApiResult<Vec<SessionRow>> {
    Ok(cs::table
        .filter(cs::course_id.eq_any(courses))
        .order((cs::course_id, cs::number))
        .select(SessionRow::as_select())
        .load(conn.conn())?)
}

/// A session of a course the structure organises, locked.
pub fn session_for_update(
    conn: &mut TenantConn<'_>,
    course: Uuid,
    session: Uuid,
) -> ApiResult<SessionRow> {
    let org = conn.org_id();
    cs::table
        .filter(cs::organisation_id.eq(org))
        .filter(cs::course_id.eq(course))
        .filter(cs::id.eq(session))
        .select(SessionRow::as_select())
        .for_update()
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// Moves or cancels a session at `version`; None when the version moved on.
pub fn change_session(
    conn: &mut TenantConn<'_>,
    session: Uuid,
    version: i32,
    starts_at: Option<DateTime<Utc>>,
    cancelled: bool,
    reason: &str,
) -> ApiResult<Option<SessionRow>> {
    let org = conn.org_id();
    let target = cs::table
        .find((org, session))
        .filter(cs::version.eq(version));
    let changes = (
        cs::cancelled.eq(cancelled),
        cs::change_reason.eq(reason),
        cs::version.eq(cs::version + 1),
    );
    let row = match starts_at {
        Some(at) => diesel::update(target)
            .set((changes, cs::starts_at.eq(at)))
            .returning(SessionRow::as_returning())
            .get_result(conn.conn())
            .optional()?,
        None => diesel::update(target)
            .set(changes)
            .returning(SessionRow::as_returning())
            .get_result(conn.conn())
            .optional()?,
    };
    Ok(row)
}

pub fn mark_taken(conn: &mut TenantConn<'_>, session: Uuid) -> ApiResult<SessionRow> {
    let org = conn.org_id();
    Ok(diesel::update(cs::table.find((org, session)))
        .set((
            cs::attendance_taken_at.eq(diesel::dsl::now),
            cs::version.eq(cs::version + 1),
        ))
        .returning(SessionRow::as_returning())
        .get_result(conn.conn())?)
}

/// (course, person) of the trainers of courses.
pub fn trainers(conn: &mut TenantConn<'_>, courses: &[Uuid]) -> ApiResult<Vec<(Uuid, Uuid)>> {
    Ok(tr::table
        .filter(tr::course_id.eq_any(courses))
        .select((tr::course_id, tr::person_id))
        .load(conn.conn())?)
}

/// Invites a structure to a course the caller organises (once).
pub fn invite(conn: &mut TenantConn<'_>, course: Uuid, structure: Uuid) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::insert_into(ci::table)
        .values((
            ci::organisation_id.eq(structure),
            ci::course_org_id.eq(org),
            ci::course_id.eq(course),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    Ok(())
}

/// The structures invited to a course (the organiser's view).
pub fn invited(conn: &mut TenantConn<'_>, course: Uuid) -> ApiResult<Vec<Uuid>> {
    let org = conn.org_id();
    Ok(ci::table
        .filter(ci::course_org_id.eq(org))
        .filter(ci::course_id.eq(course))
        .select(ci::organisation_id)
        .load(conn.conn())?)
}

/// Whether the caller's structure is invited to the course.
pub fn is_invited(conn: &mut TenantConn<'_>, course_org: Uuid, course: Uuid) -> ApiResult<bool> {
    let org = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        ci::table
            .filter(ci::organisation_id.eq(org))
            .filter(ci::course_org_id.eq(course_org))
            .filter(ci::course_id.eq(course)),
    ))
    .get_result(conn.conn())?)
}

/// Puts a person of the caller's structure in a course (once).
pub fn add_trainee(
    conn: &mut TenantConn<'_>,
    course: &CourseRow,
    person: Uuid,
    name: &str,
    structure: &str,
) -> ApiResult<()> {
    let org = conn.org_id();
    diesel::insert_into(ct::table)
        .values((
            ct::organisation_id.eq(org),
            ct::course_org_id.eq(course.organisation_id),
            ct::course_id.eq(course.id),
            ct::person_id.eq(person),
            ct::trainee_name.eq(name),
            ct::structure_name.eq(structure),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    Ok(())
}

/// The trainees of a course the caller may see: its own people, and all of them when it
/// organises the course.
pub fn trainees(conn: &mut TenantConn<'_>, course: Uuid) -> ApiResult<Vec<TraineeRow>> {
    Ok(ct::table
        .filter(ct::course_id.eq(course))
        .order((ct::structure_name, ct::trainee_name))
        .select(TraineeRow::as_select())
        .load(conn.conn())?)
}

/// The courses a person of the caller's structure is in.
pub fn courses_of(conn: &mut TenantConn<'_>, person: Uuid) -> ApiResult<Vec<Uuid>> {
    let org = conn.org_id();
    Ok(ct::table
        .filter(ct::organisation_id.eq(org))
        .filter(ct::person_id.eq(person))
        .select(ct::course_id)
        .load(conn.conn())?)
}
