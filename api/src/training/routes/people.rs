//! The workshop's people: the list, adding someone (with or without an account), a person's
//! record and attestation, validating a competence (structure admins), one's own record
//! ("Mon parcours"), the programmes and the figures.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::PersonPath;
use crate::auth::roles::{Staff, StructureAdmin, WorkshopHand};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;
use crate::training::domain::TrainingCompetence;
use crate::training::record::{person_view, record};
use crate::training::repo::people::{self as repo, NewPerson};
use crate::training::repo::{courses, records};
use crate::training::views::{
    MyTraining, PersonView, ProgrammeSessionView, RecordView, TrainingFigures,
    TrainingProgrammeView,
};

/// Someone of the workshop: a volunteer or staff member (with their account, if they have
/// one here), or a trainer from elsewhere.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    #[validate(
        length(min = 1, max = 120),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    /// Their account in this structure, if any.
    pub user_id: Option<Uuid>,
    #[serde(default)]
    pub is_trainer: bool,
    #[validate(length(max = 120))]
    #[schema(max_length = 120)]
    pub external_organisation: Option<String>,
    #[validate(email, length(max = 254))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_phone"))]
    pub phone: Option<String>,
}

impl crate::platform::http::body::Rules for PersonInput {}

fn text(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, body = Vec<PersonView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/people")]
pub async fn list(scope: OrgScope<Staff>, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let people = state
        .db
        .org_tx(&scope, |conn| {
            Ok(repo::list(conn)?
                .iter()
                .map(person_view)
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(people))
}

#[utoipa::path(
    tag = "training",
    params(OrgPath),
    request_body = PersonInput,
    responses((status = 201, body = PersonView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/training/people")]
pub async fn create(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<PersonInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if let Some(user) = input.user_id {
                if crate::organisations::active_people(conn, &[user])?.is_empty() {
                    return Err(ApiError::field(
                        "user_id",
                        "Ce compte n'est pas un compte actif de la structure.",
                    ));
                }
            }
            let row = repo::insert(
                conn,
                &NewPerson {
                    name: input.name.trim().to_owned(),
                    user_id: input.user_id,
                    is_trainer: input.is_trainer,
                    external_organisation: text(input.external_organisation),
                    email: text(input.email),
                    phone: text(input.phone),
                },
            )?;
            Ok(person_view(&row))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// A person's record: hours attended (sessions held where present), courses, competences
/// validated, and the workshop steps they did.
#[utoipa::path(
    tag = "training",
    params(OrgPath, PersonPath),
    responses((status = 200, body = RecordView), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/people/{person_id}")]
pub async fn get_record(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<PersonPath>,
) -> ApiResult<HttpResponse> {
    let id = path.person_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let person = repo::find(conn, id)?;
            record(conn, person)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The person's attestation of training (PDF) for a CV or a skills portfolio.
#[utoipa::path(
    tag = "training",
    params(OrgPath, PersonPath),
    responses((status = 200, description = "The attestation", content_type = "application/pdf", body = Vec<u8>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/people/{person_id}/attestation.pdf")]
pub async fn attestation(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<PersonPath>,
) -> ApiResult<HttpResponse> {
    let id = path.person_id;
    let data = state
        .db
        .org_tx(&scope, move |conn| {
            let person = repo::find(conn, id)?;
            attestation_data(conn, person)
        })
        .await?;
    let bytes = web::block(move || crate::training::attestation::render(&data)).await?;
    Ok(crate::platform::http::pdf(
        bytes,
        "attestation-formation.pdf",
    ))
}

fn attestation_data(
    conn: &mut TenantConn<'_>,
    person: repo::PersonRow,
) -> ApiResult<crate::training::attestation::AttestationData> {
    let trainers = trainers_of(conn, person.id)?;
    let view = record(conn, person)?;
    Ok(crate::training::attestation::AttestationData {
        structure: crate::organisations::in_scope(conn)?.name,
        record: view,
        trainers,
        issued_on: crate::platform::text::paris_today(),
    })
}

/// A person's name as their account has it.
pub fn user_name(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<String> {
    Ok(
        crate::auth::user_names(conn.conn(), &[crate::platform::ids::UserId(user)])?
            .into_iter()
            .next()
            .map(|(_, n)| n)
            .unwrap_or_default(),
    )
}

/// The names of the trainers of the courses a person followed that the caller can see.
fn trainers_of(conn: &mut TenantConn<'_>, person: Uuid) -> ApiResult<Vec<String>> {
    let course_ids = courses::courses_of(conn, person)?;
    let trainers = courses::trainers(conn, &course_ids)?;
    let ids: Vec<Uuid> = trainers.iter().map(|(_, p)| *p).collect();
    let mut names: Vec<String> = repo::by_ids(conn, &ids)?
        .into_iter()
        .map(|p| match p.external_organisation {
            Some(org) => format!("{} ({org})", p.name),
            None => p.name,
        })
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// A competence validated by an admin of the person's structure (outside a course).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidationInput {
    pub competence: TrainingCompetence,
    pub validated_on: NaiveDate,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub comment: Option<String>,
}

impl crate::platform::http::body::Rules for ValidationInput {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        if self.validated_on > crate::platform::text::paris_today() {
            crate::platform::error::add_field_error(
                errors,
                "validated_on",
                "Une compétence ne peut pas être validée dans le futur.",
            );
        }
    }
}

#[utoipa::path(
    tag = "training",
    params(OrgPath, PersonPath),
    request_body = ValidationInput,
    responses((status = 200, body = RecordView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/training/people/{person_id}/validations")]
pub async fn validate(
    scope: OrgScope<StructureAdmin>,
    state: web::Data<AppState>,
    path: web::Path<PersonPath>,
    body: ValidJson<ValidationInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let id = path.person_id;
    let user = scope.user.id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let person = repo::find(conn, id)?;
            let validator = user_name(conn, user)?;
            records::validate(
                conn,
                &records::NewValidation {
                    trainee_org: conn.org_id(),
                    person: person.id,
                    competence: input.competence,
                    validated_on: input.validated_on,
                    validator_name: &validator,
                    course: None,
                    comment: input
                        .comment
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| !c.is_empty()),
                },
            )?;
            record(conn, person)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Your own record ("Mon parcours"): the hours you attended, the competences validated and
/// the work you did in the workshop (`record` is null while no training record is linked to
/// your account).
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, body = MyTraining), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/me")]
pub async fn me(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let user = scope.user.id;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let record = match repo::of_user(conn, user)? {
                Some(person) => Some(record(conn, person)?),
                None => None,
            };
            Ok(MyTraining { record })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Your own attestation of training (PDF); 409 while no training record is linked to your
/// account.
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, description = "The attestation", content_type = "application/pdf", body = Vec<u8>), OrgErrors, ConflictError),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/me/attestation.pdf")]
pub async fn my_attestation(
    scope: OrgScope<WorkshopHand>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let user = scope.user.id;
    let data = state
        .db
        .org_tx(&scope, move |conn| {
            let person = repo::of_user(conn, user)?.ok_or_else(|| {
                ApiError::conflict("Aucune fiche de formation n'est encore liée à votre compte.")
            })?;
            attestation_data(conn, person)
        })
        .await?;
    let bytes = web::block(move || crate::training::attestation::render(&data)).await?;
    Ok(crate::platform::http::pdf(
        bytes,
        "mon-attestation-formation.pdf",
    ))
}

/// The structure's training programmes (the default one is made the first time).
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, body = Vec<TrainingProgrammeView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/programmes")]
pub async fn programmes(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db
        .org_tx(&scope, |conn| {
            let (id, name, sessions) = repo::default_programme(conn)?;
            Ok(vec![TrainingProgrammeView {
                id,
                name,
                sessions: sessions
                    .into_iter()
                    .map(|(title, minutes, competences)| ProgrammeSessionView {
                        title,
                        minutes,
                        competences,
                    })
                    .collect(),
            }])
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The structure's training figures: people trained, hours delivered, competences
/// validated, and the share of workshop steps done by people holding the competence.
#[utoipa::path(
    tag = "training",
    params(OrgPath),
    responses((status = 200, body = TrainingFigures), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/training/figures")]
pub async fn figures(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    let view = state
        .db
        .org_tx(&scope, |conn| {
            let (people, minutes) = records::presence_totals(conn)?;
            let (steps, trained) = records::ledger_share(conn)?;
            Ok(TrainingFigures {
                people_trained: people as i32,
                minutes_delivered: minutes as i32,
                competences_validated: records::validation_count(conn)?,
                workshop_steps: steps,
                steps_by_trained_people: trained,
                share_by_trained_people: (steps > 0)
                    .then(|| (1000.0 * trained as f64 / steps as f64).round() / 10.0),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
