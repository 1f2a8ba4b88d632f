//! The structure's answers and the family's journey: accept (linking a household), decline
//! with a reason, waitlist, enrol, complete, drop out; and progress milestones. Each change is
//! guarded in SQL; an impossible one is a 409 listing the possible ones.

use actix_web::{post, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::views::ReferralDetail;
use super::{load_detail, ReferralPath};
use crate::auth::roles::{OrgKind, Staff};
use crate::auth::OrgScope;
use crate::db::households::{self as households_repo, HouseholdData};
use crate::db::referrals::{
    self as repo, Actor, DeclineReason, ReferralRow, ReferralStatus, TransitionChanges,
};
use crate::db::schema::referrals as r;
use crate::db::TenantConn;
use crate::error::{ApiError, ApiResult};
use crate::family::MemberInput;
use crate::http::version::with_etag;
use crate::http::ValidJson;
use crate::routes::docs::{BodyErrors, OrgErrors, TransitionErrors};
use crate::routes::organisations::OrgPath;
use crate::state::AppState;
use crate::vocab::MemberRole;

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptReferral {
    /// An existing household of the structure (e.g. a suggested duplicate). Without it, a
    /// household is created from the referral.
    pub household_id: Option<Uuid>,
    /// A message to the referrer.
    #[validate(length(max = 2000))]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineReferral {
    pub reason: DeclineReason,
    /// Required when the reason is `other`.
    #[validate(length(max = 500))]
    pub details: Option<String>,
    #[validate(length(max = 2000))]
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteOnly {
    /// A message to the referrer.
    #[validate(length(max = 2000))]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolReferral {
    /// The first session of the cycle.
    pub cycle_start_date: NaiveDate,
    /// Sessions planned (8 by default).
    #[validate(range(min = 1, max = 50))]
    pub sessions_planned: Option<i32>,
    #[validate(length(max = 2000))]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    #[validate(range(min = 0, max = 50))]
    pub sessions_attended: Option<i32>,
    #[validate(range(min = 1, max = 50))]
    pub sessions_planned: Option<i32>,
    /// The day the family received its computer.
    pub device_handed_over_on: Option<NaiveDate>,
}

fn actor(scope: &OrgScope<Staff>) -> Actor {
    Actor {
        user_id: Some(scope.user_id()),
        org_id: Some(scope.org_id),
        role: scope
            .role()
            .map(|r| r.as_str().to_owned())
            .unwrap_or_else(|| "superadmin".into()),
    }
}

/// Runs one transition in the structure's door and answers the referral as the structure sees it.
async fn run(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    id: Uuid,
    to: ReferralStatus,
    prepare: impl FnOnce(&mut TenantConn<'_>, &ReferralRow) -> ApiResult<TransitionChanges>
        + Send
        + 'static,
    reason: Option<String>,
    message: Option<String>,
) -> ApiResult<HttpResponse> {
    let actor = actor(&scope);
    let detail = state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let now = Utc::now();
            let current = repo::find(conn, id)?;
            if current.organisation_id != conn.org_id() {
                return Err(ApiError::not_found());
            }
            if !current.status().next().contains(&to) {
                return Err(repo::invalid_transition(current.status()));
            }
            let changes = prepare(conn, &current)?;
            repo::transition(
                conn,
                id,
                to,
                &changes,
                &actor,
                reason.as_deref(),
                message.as_deref(),
                now,
            )?;
            load_detail(conn, OrgKind::Structure, id, now)
        })
        .await?;
    Ok(with_etag(&detail))
}

/// Creates the household of an accepted referral from what the referrer sent.
pub fn household_from(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    actor: Uuid,
) -> ApiResult<Uuid> {
    let mut members = vec![MemberInput {
        first_name: referral.first_name.clone(),
        last_name: referral.last_name.clone(),
        birth_year: referral.birth_year,
        role: MemberRole::Reference,
        school_level: None,
    }];
    members.extend(
        serde_json::from_value::<Vec<MemberInput>>(referral.members.clone()).unwrap_or_default(),
    );
    let data = HouseholdData {
        commune: referral.commune.clone(),
        neighbourhood: referral.neighbourhood.clone(),
        address: referral.address.clone(),
        postcode: referral.postcode.clone(),
        preferred_contact: referral.preferred_contact.clone(),
        phone: referral.phone.clone(),
        email: referral.email.clone(),
        needs: referral.needs.clone(),
        needs_other: referral.needs_other.clone(),
        languages: referral.languages.clone(),
        notes: None,
        status: "active".into(),
    };
    households_repo::insert(conn, actor, &data, &members)
}

/// Accept a referral, linking it to a household: the one given (a suggested duplicate) or a
/// new one made from the referral.
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = AcceptReferral,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/accept")]
pub async fn accept(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<AcceptReferral>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let user = scope.user_id();
    let household = body.household_id;
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Accepted,
        move |conn, referral| {
            let household_id = match household {
                Some(id) => {
                    households_repo::find(conn, id).map_err(|_| {
                        ApiError::field("household_id", "n'est pas un foyer de cette structure")
                    })?;
                    id
                }
                None => household_from(conn, referral, user)?,
            };
            Ok(TransitionChanges {
                household_id: Some(household_id),
                ..Default::default()
            })
        },
        None,
        body.message,
    )
    .await
}

/// Decline a referral, with a reason from the fixed list (and details for `other`).
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = DeclineReferral,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/decline")]
pub async fn decline(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<DeclineReferral>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let details = crate::family::clean(body.details);
    if body.reason == DeclineReason::Other && details.is_none() {
        return Err(ApiError::field(
            "details",
            "précisez pourquoi l'orientation est refusée",
        ));
    }
    let reason = body.reason;
    let reason_text = match details {
        Some(details) => format!("{}: {details}", reason.as_str()),
        None => reason.as_str().to_owned(),
    };
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Declined,
        move |_, _| {
            Ok(TransitionChanges {
                decline_reason: Some(reason),
                ..Default::default()
            })
        },
        Some(reason_text),
        body.message,
    )
    .await
}

/// Put a referral on the waiting list (no place in a cycle for now).
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = NoteOnly,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/waitlist")]
pub async fn waitlist(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<NoteOnly>,
) -> ApiResult<HttpResponse> {
    let message = body.into_inner().message;
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Waitlisted,
        |_, _| Ok(TransitionChanges::default()),
        None,
        message,
    )
    .await
}

/// Enrol the family in a cycle (until the cycles module does it from the cycle itself).
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = EnrolReferral,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/enrol")]
pub async fn enrol(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<EnrolReferral>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let (start, planned) = (body.cycle_start_date, body.sessions_planned.unwrap_or(8));
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Enrolled,
        move |_, _| {
            Ok(TransitionChanges {
                cycle_start_date: Some(start),
                sessions_planned: Some(planned),
                ..Default::default()
            })
        },
        None,
        body.message,
    )
    .await
}

/// The family finished its cycle.
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = NoteOnly,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/complete")]
pub async fn complete(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<NoteOnly>,
) -> ApiResult<HttpResponse> {
    let message = body.into_inner().message;
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Completed,
        |_, _| Ok(TransitionChanges::default()),
        None,
        message,
    )
    .await
}

/// The family stopped coming (after acceptance or during the cycle).
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = NoteOnly,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        TransitionErrors,
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/drop-out")]
pub async fn drop_out(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<NoteOnly>,
) -> ApiResult<HttpResponse> {
    let message = body.into_inner().message;
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::DroppedOut,
        |_, _| Ok(TransitionChanges::default()),
        None,
        message,
    )
    .await
}

/// Record progress milestones of an enrolled family: sessions attended, computer handed
/// over. (The cycles and devices modules will record these themselves.)
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    request_body = ProgressUpdate,
    responses(
        (status = 200, body = ReferralDetail),
        OrgErrors,
        BodyErrors,
        (status = 409, body = crate::error::Problem, content_type = "application/problem+json", description = "Only for enrolled or completed referrals"),
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals/{referral_id}/progress")]
pub async fn progress(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
    body: ValidJson<ProgressUpdate>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let id = path.referral_id;
    let detail = state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let now = Utc::now();
            let current = repo::find(conn, id)?;
            let org_id = conn.org_id();
            if current.organisation_id != org_id {
                return Err(ApiError::not_found());
            }
            if !matches!(
                current.status(),
                ReferralStatus::Enrolled | ReferralStatus::Completed
            ) {
                return Err(ApiError::conflict(
                    "L'avancement se note seulement pour les familles inscrites en cycle.",
                ));
            }
            let planned = body.sessions_planned.or(current.sessions_planned);
            if let (Some(attended), Some(planned)) = (body.sessions_attended, planned) {
                if attended > planned {
                    return Err(ApiError::field(
                        "sessions_attended",
                        "ne peut pas dépasser le nombre de séances prévues",
                    ));
                }
            }
            diesel::update(r::table.find((org_id, id)))
                .set((
                    body.sessions_attended.map(|n| r::sessions_attended.eq(n)),
                    body.sessions_planned.map(|n| r::sessions_planned.eq(n)),
                    body.device_handed_over_on
                        .map(|d| r::device_handed_over_on.eq(d)),
                    r::version.eq(r::version + 1),
                ))
                .execute(conn.conn())?;
            let row = repo::find(conn, id)?;
            if row.share_progress {
                repo::notify_referrer(conn, &row, now)?;
            }
            load_detail(conn, OrgKind::Structure, id, now)
        })
        .await?;
    Ok(with_etag(&detail))
}
