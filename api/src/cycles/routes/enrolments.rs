//! People in a cycle: enrolling (from an accepted referral or a registered household),
//! withdrawing, the skills checks, and a household's eligibility for a computer.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{CyclePath, EnrolmentPath};
use crate::auth::roles::Staff;
use crate::auth::OrgScope;
use crate::cycles::domain::{self, EnrolmentStatus};
use crate::cycles::journey::{self, Joiner};
use crate::cycles::loading::{name_in, names};
use crate::cycles::repo::cycles as cycle_repo;
use crate::cycles::repo::enrolments::{self as repo, EnrolmentRow};
use crate::cycles::skills::{self, Autonomy, Competence, Moment};
use crate::cycles::views::{
    AreaProgressView, CycleSkills, EligibilityView, EnrolmentView, LevelView, ParticipantSkills,
};
use crate::households::routes::HouseholdPath;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{add_field_error, ApiResult, FieldErrors};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;

/// Who joins: the family of an accepted referral, or a person of a registered household.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolInput {
    /// An accepted referral: its person joins, and the referral follows the cycle.
    pub referral_id: Option<Uuid>,
    /// Without a referral: the household…
    pub household_id: Option<Uuid>,
    /// …and the person of it who joins.
    pub member_id: Option<Uuid>,
}

impl crate::platform::http::body::Rules for EnrolInput {
    fn check(&self, errors: &mut FieldErrors) {
        match (self.referral_id, self.household_id, self.member_id) {
            (Some(_), None, None) | (None, Some(_), Some(_)) => {}
            (Some(_), _, _) => add_field_error(
                errors,
                "referral_id",
                "Choisissez une orientation ou une personne d'un foyer, pas les deux.",
            ),
            (None, None, _) => add_field_error(
                errors,
                "household_id",
                "Choisissez une orientation acceptée ou un foyer.",
            ),
            (None, Some(_), None) => {
                add_field_error(errors, "member_id", "Choisissez la personne du foyer.")
            }
        }
    }
}

fn rank(conn: &mut TenantConn<'_>, row: &EnrolmentRow) -> ApiResult<Option<i32>> {
    if row.status != EnrolmentStatus::Waiting {
        return Ok(None);
    }
    let waiting = repo::for_cycles(conn, &[row.cycle_id])?
        .into_iter()
        .filter(|e| e.status == EnrolmentStatus::Waiting)
        .position(|e| e.id == row.id);
    Ok(waiting.map(|p| p as i32 + 1))
}

/// Enrol someone: a place when one is left, else the end of the waiting list (201 either
/// way; `status` says which). From a referral, it must be accepted; it becomes enrolled.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CyclePath),
    request_body = EnrolInput,
    responses((status = 201, body = EnrolmentView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles/{cycle_id}/enrolments")]
pub async fn enrol(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CyclePath>,
    body: ValidJson<EnrolInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let cycle = path.cycle_id;
    let joiner = match (input.referral_id, input.household_id, input.member_id) {
        (Some(referral), _, _) => Joiner::Referral(referral),
        (None, Some(household_id), Some(member_id)) => Joiner::Member {
            household_id,
            member_id,
        },
        _ => {
            return Err(crate::platform::error::ApiError::field(
                "household_id",
                "Choisissez un foyer.",
            ))
        }
    };
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = journey::enrol(conn, cycle, joiner, Utc::now())?;
            Ok(EnrolmentView {
                enrolment_id: row.id,
                status: row.status,
                waiting_rank: rank(conn, &row)?,
                promoted_enrolment_id: None,
                version: row.version,
            })
        })
        .await?;
    Ok(created(
        &view,
        &format!(
            "/api/v1/orgs/{}/cycles/{}/enrolments/{}",
            scope.org_id, cycle, view.enrolment_id
        ),
    ))
}

/// Take someone off the cycle or its waiting list; the first waiting gets the place. Before
/// the cycle starts, the family's referral goes back to "accepted"; during it, to "dropped
/// out".
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, EnrolmentPath),
    responses((status = 200, body = EnrolmentView, headers(("ETag" = String))), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/withdraw")]
pub async fn withdraw(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<EnrolmentPath>,
) -> ApiResult<HttpResponse> {
    let (cycle, enrolment) = (path.cycle_id, path.enrolment_id);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let promoted = journey::withdraw(conn, cycle, enrolment, Utc::now())?;
            let row = repo::find_for_update(conn, cycle, enrolment)?;
            Ok(EnrolmentView {
                enrolment_id: row.id,
                status: row.status,
                waiting_rank: None,
                promoted_enrolment_id: promoted.map(|p| p.id),
                version: row.version,
            })
        })
        .await?;
    Ok(with_etag(&view))
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelInput {
    pub competence: Competence,
    pub level: Autonomy,
}

/// One check of one participant: the competences assessed (those left out were not).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsInput {
    #[validate(length(min = 1, max = 12))]
    #[schema(min_items = 1, max_items = 12)]
    pub levels: Vec<LevelInput>,
}

impl crate::platform::http::body::Rules for SkillsInput {
    fn check(&self, errors: &mut FieldErrors) {
        crate::platform::validate::flag_repeats(
            &self.levels,
            |l| l.competence,
            |i| format!("levels[{i}].competence"),
            "Cette compétence est notée deux fois.",
            errors,
        );
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct SkillsPath {
    pub cycle_id: Uuid,
    pub enrolment_id: Uuid,
    /// `start` (positionnement initial) or `end` (final).
    #[param(inline)]
    pub moment: Moment,
}

fn level_views(levels: &[(Competence, Autonomy)]) -> Vec<LevelView> {
    levels
        .iter()
        .map(|(competence, level)| LevelView {
            competence: *competence,
            area: competence.area(),
            level: *level,
        })
        .collect()
}

fn progress_views(
    progress: std::collections::BTreeMap<&'static str, skills::AreaProgress>,
) -> Vec<AreaProgressView> {
    progress
        .into_iter()
        .filter_map(|(area, p)| {
            Some(AreaProgressView {
                area: skills::SkillArea::parse(area)?,
                assessed: p.assessed as i32,
                improved: p.improved as i32,
            })
        })
        .collect()
}

fn cycle_skills(conn: &mut TenantConn<'_>, cycle: Uuid) -> ApiResult<CycleSkills> {
    cycle_repo::find(conn, cycle)?;
    let enrolments: Vec<EnrolmentRow> = repo::for_cycles(conn, &[cycle])?
        .into_iter()
        .filter(|e| e.enrolled_at.is_some())
        .collect();
    let ids: Vec<Uuid> = enrolments.iter().map(|e| e.id).collect();
    let people = names(conn, &enrolments)?;
    let checks = repo::checks(conn, &ids)?;
    let mut participants = Vec::new();
    for e in &enrolments {
        let of = |moment: Moment| -> Vec<(Competence, Autonomy)> {
            checks
                .iter()
                .filter(|(id, m, _, _)| *id == e.id && *m == moment)
                .map(|(_, _, c, l)| (*c, *l))
                .collect()
        };
        let (start, end) = (of(Moment::Start), of(Moment::End));
        let progress = skills::progress(&start, &end);
        participants.push(ParticipantSkills {
            enrolment_id: e.id,
            name: name_in(&people, e.id),
            start: level_views(&start),
            end: level_views(&end),
            progress: progress_views(progress),
        });
    }
    // The cycle's progress: each competence compared within one person, then summed.
    let mut total: std::collections::BTreeMap<&'static str, skills::AreaProgress> =
        Default::default();
    for p in &participants {
        for area in &p.progress {
            let entry = total.entry(area.area.as_str()).or_default();
            entry.assessed += area.assessed as usize;
            entry.improved += area.improved as usize;
        }
    }
    Ok(CycleSkills {
        participants,
        progress: progress_views(total),
    })
}

/// The skills checks of a cycle's participants, with progress per person and per cycle.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CyclePath),
    responses((status = 200, body = CycleSkills), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/cycles/{cycle_id}/skills")]
pub async fn get_skills(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CyclePath>,
) -> ApiResult<web::Json<CycleSkills>> {
    let cycle = path.cycle_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| cycle_skills(conn, cycle))
        .await?;
    Ok(web::Json(view))
}

/// Record one participant's check at the start or the end of the cycle (replaces it).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, SkillsPath),
    request_body = SkillsInput,
    responses((status = 200, body = CycleSkills), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/cycles/{cycle_id}/enrolments/{enrolment_id}/skills/{moment}")]
pub async fn put_skills(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<SkillsPath>,
    body: ValidJson<SkillsInput>,
) -> ApiResult<web::Json<CycleSkills>> {
    let input = body.into_inner();
    let (cycle, enrolment, moment) = (path.cycle_id, path.enrolment_id, path.moment);
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let row = repo::find_for_update(conn, cycle, enrolment)?;
            if row.enrolled_at.is_none() {
                return Err(domain::CycleError::EnrolmentClosed.into());
            }
            let levels: Vec<(Competence, Autonomy)> = input
                .levels
                .iter()
                .map(|l| (l.competence, l.level))
                .collect();
            repo::replace_check(conn, row.id, moment, &levels, Utc::now())?;
            cycle_skills(conn, cycle)
        })
        .await?;
    Ok(web::Json(view))
}

/// Whether a household may receive a computer under the structure's policy: someone of it
/// enrolled in a cycle (the waiting list does not count) and at least the structure's
/// minimum of sessions attended; the reasons when not.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, HouseholdPath),
    responses((status = 200, body = EligibilityView), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/households/{household_id}/eligibility")]
pub async fn eligibility(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
) -> ApiResult<web::Json<EligibilityView>> {
    let household = path.household_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            crate::cycles::eligibility(conn, household)
        })
        .await?;
    Ok(web::Json(view))
}
