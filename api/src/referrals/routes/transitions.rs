//! The structure's answers: accept (linking a household), decline with a reason, waitlist,
//! drop out before a cycle. The journey in a cycle (enrolled, completed, dropped out during
//! it) follows the cycle (`cycles/`). Each change is guarded in SQL; an impossible one is a
//! 409 listing the possible ones.

use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::ReferralPath;
use crate::auth::roles::{OrgKind, Staff};
use crate::auth::OrgScope;
use crate::households::domain::{HouseholdStatus, MemberInput, MemberRole};
use crate::households::repo::HouseholdData;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::version::with_etag;
use crate::platform::http::ValidJson;
use crate::platform::ids::HouseholdId;
use crate::platform::openapi::{BodyErrors, OrgErrors, TransitionErrors};
use crate::platform::state::AppState;
use crate::referrals::domain::{self, DeclineReason, ReferralStatus};
use crate::referrals::repo::{self, ReferralRow, TransitionChanges};
use crate::referrals::views::ReferralDetail;
use crate::referrals::{detail_of, transition};

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptReferral {
    /// An existing household of the structure (e.g. a suggested duplicate). Without it, a
    /// household is created from the referral.
    pub household_id: Option<Uuid>,
    /// With `household_id`: the member of that household who is the person referred.
    /// Without it, the person referred is added to the household as a new member.
    pub member_id: Option<Uuid>,
    /// A message to the referrer.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub message: Option<String>,
}

impl crate::platform::http::body::Rules for AcceptReferral {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        if self.member_id.is_some() && self.household_id.is_none() {
            crate::platform::error::add_field_error(
                errors,
                "member_id",
                "Choisissez d'abord le foyer auquel rattacher la personne.",
            );
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineReferral {
    pub reason: DeclineReason,
    /// Required when the reason is `other`.
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub details: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub message: Option<String>,
}

impl crate::platform::http::body::Rules for DeclineReferral {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        if let Err(err) = domain::decline(self.reason, self.details.as_deref()) {
            let problem = crate::platform::error::ApiError::from(err);
            for (field, messages) in problem.errors.unwrap_or_default() {
                errors.entry(field).or_default().extend(messages);
            }
        }
    }
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteOnly {
    /// A message to the referrer.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub message: Option<String>,
}

impl crate::platform::http::body::Rules for NoteOnly {}

/// Runs one transition in the structure's door and answers the referral as the structure
/// sees it: the referral is read once (locked), `prepare` computes what else changes.
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
    let detail = state
        .db
        .org_tx(&scope, move |conn| {
            let now = Utc::now();
            let current = repo::find_owned_for_update(conn, id)?;
            let allowed = domain::check_transition(current.status, to)?;
            let changes = prepare(conn, &current)?;
            let row = transition(
                conn,
                &current,
                allowed,
                &changes,
                reason.as_deref(),
                message.as_deref(),
                now,
            )?;
            detail_of(conn, row, OrgKind::Structure, now)
        })
        .await?;
    Ok(with_etag(&detail))
}

/// The person referred, as a member of a household (`role`: reference of a new one, adult
/// joining an existing one).
fn referred_person(referral: &ReferralRow, role: MemberRole) -> MemberInput {
    MemberInput {
        id: None,
        first_name: referral.first_name.clone(),
        last_name: referral.last_name.clone(),
        birth_year: referral.birth_year,
        role,
        school_level: None,
    }
}

/// Creates the household of an accepted referral from what the referrer sent; the ids of
/// the household and of the person referred (its reference person).
pub fn household_from(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
) -> ApiResult<(HouseholdId, Uuid)> {
    let mut members = vec![referred_person(referral, MemberRole::Reference)];
    members.extend(referral.members()?);
    let data = HouseholdData {
        commune: referral.commune.clone(),
        neighbourhood: referral.neighbourhood.clone(),
        address: referral.address.clone(),
        postcode: referral.postcode.clone(),
        preferred_contact: referral.preferred_contact,
        phone: referral.phone.clone(),
        email: referral.email.clone(),
        needs: referral.needs.clone(),
        needs_other: referral.needs_other.clone(),
        languages: referral.languages.clone(),
        notes: None,
        status: HouseholdStatus::Active,
    };
    let created = crate::households::create(conn, &data, &members)?;
    let person = created.member_ids[0];
    Ok((created.id, person))
}

/// Files the referral under an existing household: `member` is the person referred, or,
/// without it, they are added to the household.
fn attach_to(
    conn: &mut TenantConn<'_>,
    referral: &ReferralRow,
    household: HouseholdId,
    member: Option<Uuid>,
) -> ApiResult<(HouseholdId, Uuid)> {
    if !crate::households::exists(conn, household)? {
        return Err(ApiError::field(
            "household_id",
            "Ce foyer n'existe pas dans votre structure.",
        ));
    }
    let person = match member {
        Some(member) if crate::households::is_member(conn, household, member)? => member,
        Some(_) => {
            return Err(ApiError::field(
                "member_id",
                "Cette personne ne fait pas partie du foyer choisi.",
            ))
        }
        None => {
            let person = referred_person(referral, MemberRole::Adult);
            crate::households::add_member(conn, household, &person)?.ok_or_else(|| {
                ApiError::field(
                    "household_id",
                    "Ce foyer compte déjà 20 personnes : choisissez la personne orientée parmi elles.",
                )
            })?
        }
    };
    Ok((household, person))
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
    let (household, member) = (body.household_id, body.member_id);
    run(
        scope,
        state,
        path.referral_id,
        ReferralStatus::Accepted,
        move |conn, referral| {
            let (household_id, member_id) = match household {
                Some(id) => attach_to(conn, referral, id.into(), member)?,
                None => household_from(conn, referral)?,
            };
            Ok(TransitionChanges {
                household_id: Some(household_id),
                member_id: Some(member_id),
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
    let decline = domain::decline(body.reason, body.details.as_deref())?;
    let (reason, reason_text) = (decline.reason, decline.history_text);
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

/// The family gave up before joining a cycle (in a cycle, it leaves from the cycle).
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
        |_, current| {
            // A family in a cycle leaves it from the cycle, which moves the referral on.
            if current.status == ReferralStatus::Enrolled {
                return Err(ApiError::conflict(
                    "Cette famille est inscrite dans un cycle : retirez-la du cycle, depuis la \
                     page du cycle.",
                ));
            }
            Ok(TransitionChanges::default())
        },
        None,
        message,
    )
    .await
}
