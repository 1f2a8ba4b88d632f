//! Training volunteers and staff in refurbishment (issue 13, started): programmes of
//! sessions, courses with trainers and trainees (of the organising structure or invited from
//! another), attendance and hours, competences validated, the attestation, and the workshop's
//! skills ledger. So far the rules, without SQL or HTTP (`domain.rs`); the tables, the routes
//! and the screens come next.

pub mod attestation;
pub mod domain;
pub mod record;
pub mod repo;
pub mod routes;
pub mod views;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    use routes::{courses, people};
    cfg.service(people::list)
        .service(people::create)
        .service(people::me)
        .service(people::my_attestation)
        .service(people::programmes)
        .service(people::figures)
        .service(people::get_record)
        .service(people::attestation)
        .service(people::validate)
        .service(courses::list)
        .service(courses::create)
        .service(courses::get_one)
        .service(courses::invite)
        .service(courses::add_trainee)
        .service(courses::change_session)
        .service(courses::get_attendance)
        .service(courses::put_attendance)
        .service(courses::validate);
}

/// The skills ledger's say on a workshop step by `user` on `device`: recorded with whether
/// the person held the step's competence; refused (422 on `field`) under a strict policy
/// when they did not. Returns whether they were trained.
pub fn ledger(
    conn: &mut crate::platform::db::TenantConn<'_>,
    device: uuid::Uuid,
    step: domain::WorkshopStep,
    user: uuid::Uuid,
    field: &str,
) -> crate::platform::error::ApiResult<bool> {
    let person = repo::people::of_user(conn, user)?;
    let validated = match &person {
        Some(p) => repo::records::validations(conn, &[p.id])?
            .iter()
            .any(|v| v.competence == step.competence()),
        None => false,
    };
    let policy = crate::organisations::ledger_policy(conn)?;
    match domain::judge(policy, validated) {
        domain::Verdict::Refused => Err(crate::platform::error::ApiError::field(
            field,
            format!(
                "Cette personne n'a pas encore validé la compétence « {} » : la structure demande une formation validée pour cette étape.",
                step.competence().label()
            ),
        )),
        verdict => {
            repo::records::record_step(conn, device, step, user, person.map(|p| p.id), validated)?;
            Ok(verdict == domain::Verdict::Trained)
        }
    }
}

/// The ledger of a device's steps: (step, user, trained, when), oldest first.
pub fn device_ledger(
    conn: &mut crate::platform::db::TenantConn<'_>,
    device: uuid::Uuid,
) -> crate::platform::error::ApiResult<
    Vec<(
        domain::WorkshopStep,
        uuid::Uuid,
        bool,
        chrono::DateTime<chrono::Utc>,
    )>,
> {
    Ok(repo::records::ledger_of_device(conn, device)?
        .into_iter()
        .map(|l| (l.step, l.user_id, l.trained, l.at))
        .collect())
}
