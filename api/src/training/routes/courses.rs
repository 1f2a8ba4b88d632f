//! Courses: planning one from the programme (a session a week), the list and a course's
//! page, inviting another structure, putting people in, moving and cancelling sessions, the
//! attendance sheet, and validations by the course's trainers.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::people::user_name;
use super::{CoursePath, CourseSessionPath};
use crate::auth::roles::{Role, Staff, WorkshopHand};
use crate::auth::OrgScope;
use crate::cycles::domain::{paris_instant, parse_time, Presence};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiError, ApiResult, FieldErrors};
use crate::platform::http::version::with_etag;
use crate::platform::http::{IfMatch, ValidJson};
use crate::platform::openapi::{BodyErrors, OrgErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::platform::validate::flag_repeats;
use crate::training::domain::{check_validator, TrainingCompetence, Validator};
use crate::training::repo::courses::{self as repo, CourseRow, NewCourse, SessionRow};
use crate::training::repo::people;
use crate::training::repo::records::{self, Mark, NewValidation};
use crate::training::views::{
    CourseSessionView, CourseSheet, CourseSheetEntry, CourseSummary, CourseView, TraineeView,
};

fn session_view(s: &SessionRow) -> CourseSessionView {
    CourseSessionView {
        id: s.id,
        number: s.number,
        title: s.title.clone(),
        starts_at: s.starts_at,
        minutes: s.minutes,
        competences: s.competences.clone(),
        cancelled: s.cancelled,
        change_reason: s.change_reason.clone(),
        attendance_taken_at: s.attendance_taken_at,
        version: s.version,
    }
}

/// A course planned from the programme: its sessions a week apart from the first day.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseInput {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    pub site_id: Uuid,
    pub first_day: NaiveDate,
    /// "14:00", Paris time.
    #[validate(length(equal = 5))]
    #[schema(min_length = 5, max_length = 5)]
    pub start_time: String,
    /// People of the structure who give it (at least one).
    #[validate(length(min = 1, max = 5))]
    #[schema(min_items = 1, max_items = 5)]
    pub trainer_ids: Vec<Uuid>,
}

impl crate::platform::http::body::Rules for CourseInput {
    fn check(&self, errors: &mut FieldErrors) {
        if parse_time(&self.start_time).is_none() {
            add_field_error(errors, "start_time", "Indiquez l'heure au format 14:00.");
        }
        flag_repeats(
            &self.trainer_ids,
            |t| *t,
            |i| format!("trainer_ids[{i}]"),
            "Cette personne est déjà nommée.",
            errors,
        );
    }
}

/// Plan a course of the structure's programme at one of its sites.
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    request_body = CourseInput,
    responses((status = 201, body = CourseView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/courses")]
pub async fn create(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<CourseInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let org = scope.org_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if !crate::organisations::is_open_site(conn, org.into(), input.site_id)? {
                return Err(ApiError::field(
                    "site_id",
                    "Ce lieu n'appartient pas à cette structure.",
                ));
            }
            let known = people::by_ids(conn, &input.trainer_ids)?;
            let mut errors = FieldErrors::new();
            for (i, id) in input.trainer_ids.iter().enumerate() {
                if !known.iter().any(|p| p.id == *id && p.is_trainer) {
                    add_field_error(
                        &mut errors,
                        &format!("trainer_ids[{i}]"),
                        "Cette personne n'est pas un formateur de la structure.",
                    );
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let time = parse_time(&input.start_time).ok_or_else(|| {
                ApiError::field("start_time", "Indiquez l'heure au format 14:00.")
            })?;
            let (programme, _, planned) = people::default_programme(conn)?;
            let sessions: Vec<(String, DateTime<Utc>, i32, Vec<TrainingCompetence>)> = planned
                .into_iter()
                .enumerate()
                .map(|(i, (title, minutes, competences))| {
                    let day = input.first_day + Duration::weeks(i as i64);
                    (title, paris_instant(day, time), minutes, competences)
                })
                .collect();
            let id = repo::insert(
                conn,
                &NewCourse {
                    programme_id: programme,
                    site_id: input.site_id,
                    name: input.name.trim(),
                    trainers: &input.trainer_ids,
                    sessions: &sessions,
                },
            )?;
            let row = repo::find(conn, id)?;
            course_view(conn, row)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

fn course_view(conn: &mut TenantConn<'_>, row: CourseRow) -> ApiResult<CourseView> {
    let org = conn.org_id();
    let organised = row.organisation_id == org;
    let sessions = repo::sessions(conn, &[row.id])?;
    let trainer_ids: Vec<Uuid> = repo::trainers(conn, &[row.id])?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    // The organiser's people: readable by the organiser only.
    let trainers = if organised {
        people::by_ids(conn, &trainer_ids)?
            .into_iter()
            .map(|p| match p.external_organisation {
                Some(from) => format!("{} ({from})", p.name),
                None => p.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let trainees = repo::trainees(conn, row.id)?
        .into_iter()
        .map(|t| TraineeView {
            own: t.organisation_id == org,
            person_id: t.person_id,
            organisation_id: t.organisation_id,
            name: t.trainee_name,
            structure: t.structure_name,
        })
        .collect();
    Ok(CourseView {
        invited: if organised {
            repo::invited(conn, row.id)?
        } else {
            Vec::new()
        },
        id: row.id,
        name: row.name,
        organised,
        site_id: row.site_id,
        sessions: sessions.iter().map(session_view).collect(),
        trainers,
        trainees,
    })
}

/// The courses the structure organises or is invited to, newest first.
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, body = Vec<CourseSummary>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/courses")]
pub async fn list(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let org = scope.org_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::list(conn)?;
            let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
            let sessions = repo::sessions(conn, &ids)?;
            Ok(rows
                .into_iter()
                .map(|c| {
                    let own: Vec<&SessionRow> =
                        sessions.iter().filter(|s| s.course_id == c.id).collect();
                    CourseSummary {
                        organised: c.organisation_id == org,
                        first_session_at: own.iter().map(|s| s.starts_at).min(),
                        sessions: own.len() as i32,
                        id: c.id,
                        name: c.name,
                    }
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A course: its sessions, trainers, and the trainees the caller may see.
#[utoipa::path(
    tag = "training",
    params(OrgPath, CoursePath),
    responses((status = 200, body = CourseView), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/courses/{course_id}")]
pub async fn get_one(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CoursePath>,
) -> ApiResult<HttpResponse> {
    let id = path.course_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, id)?;
            course_view(conn, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationInput {
    /// Another structure of the network.
    pub organisation_id: Uuid,
}

impl crate::platform::http::body::Rules for InvitationInput {}

/// Invite another structure of the network to the course (the organiser): its staff then
/// put their own people in it.
#[utoipa::path(
    tag = "training",
    params(OrgPath, CoursePath),
    request_body = InvitationInput,
    responses((status = 200, body = CourseView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/courses/{course_id}/invitations")]
pub async fn invite(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CoursePath>,
    body: ValidJson<InvitationInput>,
) -> ApiResult<HttpResponse> {
    let structure = body.into_inner().organisation_id;
    let id = path.course_id;
    let org = scope.org_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find_organised(conn, id)?;
            let is_structure = crate::organisations::kind_of(conn.conn(), structure.into())?
                == Some(crate::auth::roles::OrgKind::Structure);
            if !is_structure || structure == org {
                return Err(ApiError::field(
                    "organisation_id",
                    "Choisissez une autre structure du réseau.",
                ));
            }
            repo::invite(conn, id, structure)?;
            course_view(conn, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TraineeInput {
    /// A person of the caller's structure.
    pub person_id: Uuid,
}

impl crate::platform::http::body::Rules for TraineeInput {}

/// Put a person of your structure in the course (one you organise or were invited to).
#[utoipa::path(
    tag = "training",
    params(OrgPath, CoursePath),
    request_body = TraineeInput,
    responses((status = 200, body = CourseView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/courses/{course_id}/trainees")]
pub async fn add_trainee(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CoursePath>,
    body: ValidJson<TraineeInput>,
) -> ApiResult<HttpResponse> {
    let person_id = body.into_inner().person_id;
    let id = path.course_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, id)?;
            let person = people::find(conn, person_id).map_err(|_| {
                ApiError::field("person_id", "Cette personne n'est pas de votre structure.")
            })?;
            let structure = crate::organisations::in_scope(conn)?.name;
            repo::add_trainee(conn, &row, person.id, &person.name, &structure)?;
            course_view(conn, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionChange {
    /// The new start (absent to cancel).
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancel: bool,
    #[validate(
        length(min = 1, max = 500),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

impl crate::platform::http::body::Rules for SessionChange {
    fn check(&self, errors: &mut FieldErrors) {
        if self.cancel == self.starts_at.is_some() {
            add_field_error(
                errors,
                "starts_at",
                "Donnez la nouvelle date, ou annulez la séance.",
            );
        }
    }
}

/// Move a session (`starts_at`) or cancel it (`cancel`), with the reason (`If-Match`).
#[utoipa::path(
    tag = "training",
    params(OrgPath, CourseSessionPath, ("If-Match" = String, Header, description = "The session's version, as in the ETag")),
    request_body = SessionChange,
    responses((status = 200, body = CourseSessionView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/change")]
pub async fn change_session(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CourseSessionPath>,
    if_match: IfMatch,
    body: ValidJson<SessionChange>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let version = if_match.version()?;
    let (course, session) = (path.course_id, path.session_id);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            repo::find_organised(conn, course)?;
            let current = repo::session_for_update(conn, course, session)?;
            let row = repo::change_session(
                conn,
                current.id,
                version,
                input.starts_at,
                input.cancel,
                input.reason.trim(),
            )?
            .ok_or_else(ApiError::version_mismatch)?;
            Ok(session_view(&row))
        })
        .await?;
    Ok(with_etag(&view))
}

/// Whether the caller may take attendance: staff and admins of the organiser, or a
/// volunteer who trains the course.
fn may_take_attendance(
    conn: &mut TenantConn<'_>,
    role: Option<Role>,
    user: Uuid,
    course: Uuid,
) -> ApiResult<()> {
    if matches!(role, Some(Role::Admin | Role::Staff)) {
        return Ok(());
    }
    let me = people::of_user(conn, user)?;
    let trains = repo::trainers(conn, &[course])?
        .iter()
        .any(|(_, p)| me.as_ref().is_some_and(|m| m.id == *p));
    if trains {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

fn sheet(conn: &mut TenantConn<'_>, course: Uuid, session: SessionRow) -> ApiResult<CourseSheet> {
    let trainees = repo::trainees(conn, course)?;
    let marks = records::marks_of_course(conn, course)?;
    Ok(CourseSheet {
        entries: trainees
            .into_iter()
            .map(|t| CourseSheetEntry {
                presence: marks
                    .iter()
                    .find(|m| {
                        m.session_id == session.id
                            && m.person_id == t.person_id
                            && m.organisation_id == t.organisation_id
                    })
                    .map(|m| m.presence),
                person_id: t.person_id,
                organisation_id: t.organisation_id,
                name: t.trainee_name,
                structure: t.structure_name,
            })
            .collect(),
        session: session_view(&session),
    })
}

/// A session's attendance sheet: every trainee of the course (of every structure invited)
/// with their presence, for the organiser's trainers and staff.
#[utoipa::path(
    tag = "training",
    params(OrgPath, CourseSessionPath),
    responses((status = 200, body = CourseSheet, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance")]
pub async fn get_attendance(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<CourseSessionPath>,
) -> ApiResult<HttpResponse> {
    let (course, session) = (path.course_id, path.session_id);
    let (role, user) = (scope.role(), scope.user.id);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            repo::find_organised(conn, course)?;
            let row = repo::session_for_update(conn, course, session)?;
            may_take_attendance(conn, role, user, course)?;
            sheet(conn, course, row)
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkInput {
    pub person_id: Uuid,
    /// The trainee's structure.
    pub organisation_id: Uuid,
    pub presence: Presence,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseAttendanceInput {
    #[validate(length(min = 1, max = 60))]
    #[schema(min_items = 1, max_items = 60)]
    pub entries: Vec<MarkInput>,
}

impl crate::platform::http::body::Rules for CourseAttendanceInput {
    fn check(&self, errors: &mut FieldErrors) {
        flag_repeats(
            &self.entries,
            |e| (e.organisation_id, e.person_id),
            |i| format!("entries[{i}].person_id"),
            "Cette personne est notée deux fois.",
            errors,
        );
    }
}

/// Record a session's attendance (`If-Match`: the sheet's version). Hours count the
/// sessions held where a trainee was present.
#[utoipa::path(
    tag = "training",
    params(OrgPath, CourseSessionPath, ("If-Match" = String, Header, description = "The sheet's version, as in the ETag")),
    request_body = CourseAttendanceInput,
    responses((status = 200, body = CourseSheet, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/courses/{course_id}/sessions/{session_id}/attendance")]
pub async fn put_attendance(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<CourseSessionPath>,
    if_match: IfMatch,
    body: ValidJson<CourseAttendanceInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let version = if_match.version()?;
    let (course, session) = (path.course_id, path.session_id);
    let (role, user) = (scope.role(), scope.user.id);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            repo::find_organised(conn, course)?;
            let row = repo::session_for_update(conn, course, session)?;
            may_take_attendance(conn, role, user, course)?;
            if row.version != version {
                return Err(ApiError::version_mismatch());
            }
            if row.cancelled {
                return Err(ApiError::conflict(
                    "Cette séance est annulée : il n'y a pas d'émargement.",
                ));
            }
            let trainees = repo::trainees(conn, course)?;
            let mut errors = FieldErrors::new();
            for (i, e) in input.entries.iter().enumerate() {
                if !trainees
                    .iter()
                    .any(|t| t.person_id == e.person_id && t.organisation_id == e.organisation_id)
                {
                    add_field_error(
                        &mut errors,
                        &format!("entries[{i}].person_id"),
                        "Cette personne ne suit pas ce cours.",
                    );
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let marks: Vec<Mark> = input
                .entries
                .iter()
                .map(|e| Mark {
                    trainee_org: e.organisation_id,
                    person: e.person_id,
                    presence: e.presence,
                })
                .collect();
            records::put_marks(conn, course, session, &marks)?;
            let row = repo::mark_taken(conn, session)?;
            sheet(conn, course, row)
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseValidationInput {
    pub person_id: Uuid,
    /// The trainee's structure.
    pub organisation_id: Uuid,
    pub competence: TrainingCompetence,
    pub validated_on: NaiveDate,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub comment: Option<String>,
}

impl crate::platform::http::body::Rules for CourseValidationInput {
    fn check(&self, errors: &mut FieldErrors) {
        if self.validated_on > crate::platform::text::paris_today() {
            add_field_error(
                errors,
                "validated_on",
                "Une compétence ne peut pas être validée dans le futur.",
            );
        }
    }
}

/// Validate a competence of a trainee of the course: by a trainer of the course (of any
/// structure's trainee), or an admin of the trainee's structure. Answers the course.
#[utoipa::path(
    tag = "training",
    params(OrgPath, CoursePath),
    request_body = CourseValidationInput,
    responses((status = 200, body = CourseView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/courses/{course_id}/validations")]
pub async fn validate(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
    path: web::Path<CoursePath>,
    body: ValidJson<CourseValidationInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let course = path.course_id;
    let (role, user, org) = (scope.role(), scope.user.id, scope.org_id);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find(conn, course)?;
            let me = people::of_user(conn, user)?;
            let trains = row.organisation_id == org
                && repo::trainers(conn, &[course])?
                    .iter()
                    .any(|(_, p)| me.as_ref().is_some_and(|m| m.id == *p));
            let structure_admin = role == Some(Role::Admin) && input.organisation_id == org;
            check_validator(Validator {
                trains_the_course: trains,
                structure_admin,
            })?;
            let follows = repo::trainees(conn, course)?.iter().any(|t| {
                t.person_id == input.person_id && t.organisation_id == input.organisation_id
            });
            if !follows {
                return Err(ApiError::field(
                    "person_id",
                    "Cette personne ne suit pas ce cours.",
                ));
            }
            let validator = user_name(conn, user)?;
            records::validate(
                conn,
                &NewValidation {
                    trainee_org: input.organisation_id,
                    person: input.person_id,
                    competence: input.competence,
                    validated_on: input.validated_on,
                    validator_name: &validator,
                    course: Some((row.organisation_id, row.id)),
                    comment: input
                        .comment
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty()),
                },
            )?;
            course_view(conn, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
