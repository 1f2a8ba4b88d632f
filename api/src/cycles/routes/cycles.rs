//! Cycles: the calendar generated before saving, creating, listing, reading and moving a
//! cycle through its states.

use actix_web::{get, post, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::CyclePath;
use crate::auth::roles::{Role, ScheduleReader, Staff};
use crate::auth::OrgScope;
use crate::cycles::domain::{self, CycleState, Day, PlannedSession, Schedule};
use crate::cycles::loading::cycle_view;
use crate::cycles::repo::cycles::{self as repo, CycleFilter, NewCycle};
use crate::cycles::repo::programmes as programme_repo;
use crate::cycles::views::{CalendarPreview, CycleSummary, CycleView, PlannedSessionView};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiError, ApiResult, FieldErrors};
use crate::platform::http::cursor::{paginate, Page, PageQuery};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::ValidJson;
use crate::platform::ids::OrgId;
use crate::platform::openapi::{BodyErrors, OrgErrors, TransitionErrors};
use crate::platform::state::AppState;

/// A cycle as planned: where, who, how many, and the rule of its calendar. It has as many
/// sessions as its programme has modules.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleInput {
    /// The structure's default programme when absent.
    pub programme_id: Option<Uuid>,
    pub site_id: Uuid,
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100)]
    pub capacity: i32,
    /// Admins or staff of the structure (the person creating the cycle when empty).
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    #[serde(default)]
    pub facilitator_ids: Vec<Uuid>,
    /// The day the calendar starts from (the first session is on or after it).
    pub first_day: NaiveDate,
    #[validate(length(min = 1, max = 7))]
    #[schema(min_items = 1, max_items = 7)]
    pub weekdays: Vec<Day>,
    /// "14:00", Paris time.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "14:00")]
    pub start_time: String,
    #[validate(range(min = 15, max = 480))]
    #[schema(minimum = 15, maximum = 480)]
    pub duration_minutes: i32,
    /// Days without sessions (school holidays, public holidays).
    #[validate(length(max = 200))]
    #[schema(max_items = 200)]
    #[serde(default)]
    pub skip_dates: Vec<NaiveDate>,
}

impl crate::platform::http::body::Rules for CycleInput {
    fn check(&self, errors: &mut FieldErrors) {
        if self.name.trim().is_empty() {
            add_field_error(errors, "name", "Donnez un nom au cycle.");
        }
        if parse_time(&self.start_time).is_none() {
            add_field_error(errors, "start_time", "Indiquez l'heure au format 14:00.");
        }
    }
}

use crate::cycles::domain::parse_time;

impl CycleInput {
    fn schedule(&self, count: usize) -> ApiResult<Schedule> {
        let time = parse_time(&self.start_time)
            .ok_or_else(|| ApiError::field("start_time", "Indiquez l'heure au format 14:00."))?;
        let mut weekdays: Vec<chrono::Weekday> =
            self.weekdays.iter().map(|d| d.weekday()).collect();
        weekdays.dedup();
        Ok(Schedule {
            first_day: self.first_day,
            weekdays,
            time,
            duration_minutes: self.duration_minutes as u32,
            count,
            skip: self.skip_dates.clone(),
        })
    }
}

/// The programme's modules' titles, and the sessions the calendar gives them.
fn plan(
    conn: &mut TenantConn<'_>,
    input: &CycleInput,
) -> ApiResult<(Uuid, Vec<(PlannedSession, String)>)> {
    let programme = match input.programme_id {
        Some(id) => {
            programme_repo::find(conn, id)
                .map_err(|_| ApiError::field("programme_id", "Ce parcours n'existe pas."))?
                .id
        }
        None => programme_repo::ensure_default(conn)?,
    };
    let titles: Vec<String> = programme_repo::modules(conn, &[programme])?
        .into_iter()
        .map(|m| m.title)
        .collect();
    let planned = domain::generate(&input.schedule(titles.len())?)?;
    Ok((programme, planned.into_iter().zip(titles).collect()))
}

/// The calendar a cycle would have, without saving anything: to show before saving. (Not
/// under `/cycles/`: a path there is a cycle's id.)
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    request_body = CycleInput,
    responses((status = 200, body = CalendarPreview), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycle-previews")]
pub async fn preview(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<CycleInput>,
) -> ApiResult<web::Json<CalendarPreview>> {
    let input = body.into_inner();
    let preview = state
        .db
        .org_tx(&scope, move |conn| {
            let (_, sessions) = plan(conn, &input)?;
            Ok(CalendarPreview {
                sessions: sessions
                    .into_iter()
                    .map(|(s, title)| PlannedSessionView {
                        number: s.number as i32,
                        title,
                        starts_at: s.starts_at,
                        ends_at: s.ends_at,
                    })
                    .collect(),
            })
        })
        .await?;
    Ok(web::Json(preview))
}

/// Checks the site and the facilitators against the structure.
fn check_places_and_people(conn: &mut TenantConn<'_>, input: &CycleInput) -> ApiResult<()> {
    let mut errors = FieldErrors::new();
    if !crate::organisations::is_open_site(conn, conn.org(), input.site_id)? {
        add_field_error(
            &mut errors,
            "site_id",
            "Ce lieu n'existe pas ou est archivé.",
        );
    }
    let people = crate::organisations::active_people(conn, &input.facilitator_ids)?;
    for (i, id) in input.facilitator_ids.iter().enumerate() {
        let ok = people
            .iter()
            .any(|(u, role, _)| u == id && matches!(role, Role::Admin | Role::Staff));
        if !ok {
            add_field_error(
                &mut errors,
                &format!("facilitator_ids[{i}]"),
                "Choisissez une personne de l'équipe (administration ou animation).",
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Create a cycle and its generated sessions.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    request_body = CycleInput,
    responses((status = 201, body = CycleView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles")]
pub async fn create(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<CycleInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let me = scope.user.id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            check_places_and_people(conn, &input)?;
            let (programme_id, sessions) = plan(conn, &input)?;
            let mut facilitators = input.facilitator_ids.clone();
            facilitators.dedup();
            // Without a choice, the person who plans the cycle leads it.
            if facilitators.is_empty() {
                facilitators.push(me);
            }
            let id = repo::insert(
                conn,
                &NewCycle {
                    programme_id,
                    site_id: input.site_id,
                    name: input.name.trim(),
                    capacity: input.capacity,
                    weekdays: &input.weekdays,
                    start_time: parse_time(&input.start_time).unwrap_or_default(),
                    duration_minutes: input.duration_minutes,
                    first_day: input.first_day,
                    facilitators: &facilitators,
                    sessions: &sessions,
                },
            )?;
            cycle_view(conn, id, true)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/cycles/{}", scope.org_id, view.id),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleQuery {
    pub state: Option<CycleState>,
    pub site_id: Option<Uuid>,
}

/// The structure's cycles, latest first (admins, staff and volunteers).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CycleQuery, PageQuery),
    responses((status = 200, body = Page<CycleSummary>), OrgErrors, (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Bad filter, limit or cursor")),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/cycles")]
pub async fn list(
    scope: OrgScope<ScheduleReader>,
    state: web::Data<AppState>,
    query: web::Query<CycleQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<CycleSummary>>> {
    let (limit, after) = (page.limit()?, page.after::<(NaiveDate, Uuid)>()?);
    let filter = CycleFilter {
        state: query.state,
        site_id: query.site_id,
    };
    let now = Utc::now();
    let result = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::list(conn, &filter, after, limit)?;
            let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
            let sessions = repo::sessions(conn, &ids)?;
            let mut sites: Vec<(Uuid, String)> = Vec::new();
            for row in &rows {
                if !sites.iter().any(|(id, _)| *id == row.site_id) {
                    let name =
                        crate::organisations::site_name(conn, OrgId(conn.org_id()), row.site_id)?
                            .unwrap_or_default();
                    sites.push((row.site_id, name));
                }
            }
            Ok(paginate(
                rows,
                limit,
                |row| (row.first_day, row.id),
                |row| {
                    let own: Vec<_> = sessions.iter().filter(|s| s.cycle_id == row.id).collect();
                    CycleSummary {
                        id: row.id,
                        name: row.name,
                        state: row.state,
                        site_id: row.site_id,
                        site_name: sites
                            .iter()
                            .find(|(id, _)| *id == row.site_id)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_default(),
                        capacity: row.capacity,
                        enrolled_count: row.enrolled_count,
                        first_day: row.first_day,
                        next_session_at: own
                            .iter()
                            .filter(|s| !s.cancelled && s.ends_at > now)
                            .map(|s| s.starts_at)
                            .min(),
                        sessions_count: own.iter().filter(|s| !s.cancelled).count() as i32,
                    }
                },
            ))
        })
        .await?;
    Ok(web::Json(result))
}

/// One cycle: its sessions, and for admins and staff its participants and waiting list
/// (volunteers read the schedule only).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CyclePath),
    responses((status = 200, body = CycleView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/cycles/{cycle_id}")]
pub async fn get_one(
    scope: OrgScope<ScheduleReader>,
    state: web::Data<AppState>,
    path: web::Path<CyclePath>,
) -> ApiResult<HttpResponse> {
    let id = path.cycle_id;
    let with_people = matches!(scope.role(), Some(Role::Admin | Role::Staff));
    let view = state
        .db
        .org_tx(&scope, move |conn| cycle_view(conn, id, with_people))
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleStateChange {
    /// `running`, `finished` or `cancelled`.
    pub state: CycleState,
    /// Why (required to cancel; told to nobody outside the structure).
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

impl crate::platform::http::body::Rules for CycleStateChange {
    fn check(&self, errors: &mut FieldErrors) {
        let blank = self.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        if self.state == CycleState::Cancelled && blank {
            add_field_error(errors, "reason", "Indiquez pourquoi le cycle est annulé.");
        }
    }
}

/// Start, finish or cancel a cycle. Finishing sorts the participants (completed when
/// present at enough sessions) and moves their referrals on; cancelling releases everyone
/// (their referrals go back to "accepted"). The first attendance recorded starts a cycle.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CyclePath),
    request_body = CycleStateChange,
    responses((status = 200, body = CycleView, headers(("ETag" = String))), OrgErrors, BodyErrors, TransitionErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles/{cycle_id}/state")]
pub async fn change_state(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CyclePath>,
    body: ValidJson<CycleStateChange>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let id = path.cycle_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let reason = body
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            crate::cycles::journey::change_state(conn, id, body.state, reason, Utc::now())?;
            cycle_view(conn, id, true)
        })
        .await?;
    Ok(with_etag(&view))
}
