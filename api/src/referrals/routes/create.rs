//! Sending a referral (a referrer, to a partner structure) or registering a family that
//! came by itself (a structure, into its own inbox). `Idempotency-Key` makes a double click
//! or a retried request create one referral.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{OrgKind, ReferralParty};
use crate::auth::{AuthUser, OrgScope};
use crate::households::domain::{self as family, ContactChannel, ContactRules, MemberInput};
use crate::households::domain::{MemberRole, Need};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::body::JsonBody;
use crate::platform::http::idempotency::{self, Claim, IdempotencyKey};
use crate::platform::ids::{OrgId, ReferralId};
use crate::platform::openapi::{AuthErrors, BodyErrors, OrgErrors};
use crate::platform::state::AppState;
use crate::platform::text::folded_name;
use crate::referrals::consent::ConsentText;
use crate::referrals::detail_of;
use crate::referrals::domain::{ReferralSource, ReferralStatus};
use crate::referrals::repo::{self, NewEvent, NewReferral};
use crate::referrals::views::ReferralDetail;

/// The consent text to show the family before referring it, with its version.
#[utoipa::path(tag = "referrals", responses((status = 200, body = ConsentText), AuthErrors), security(("bearer" = [])))]
#[get("/consent-text")]
pub async fn consent_text(_user: AuthUser) -> web::Json<ConsentText> {
    web::Json(crate::referrals::consent::current())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PartnerPath {
    /// A structure the referrer is an active partner of.
    pub structure_id: Uuid,
}

/// The consent text to show the family before referring it to this structure: the
/// structure's own (version `v<N>`) when it published one, else the platform's. 404 when the
/// structure is not an active partner.
#[utoipa::path(
    tag = "referrals",
    params(crate::organisations::routes::organisations::OrgPath, PartnerPath),
    responses((status = 200, body = ConsentText), crate::platform::openapi::OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/partners/{structure_id}/consent-text")]
pub async fn partner_consent_text(
    scope: OrgScope<crate::auth::roles::Referrer>,
    state: web::Data<AppState>,
    path: web::Path<PartnerPath>,
) -> ApiResult<web::Json<ConsentText>> {
    let structure = path.structure_id;
    let own = state
        .db
        .org_tx(&scope, move |conn| {
            let org_id = conn.org_id();
            if !crate::organisations::is_active_partner(conn, structure.into(), org_id.into())? {
                return Err(ApiError::not_found());
            }
            crate::texts::repo::partner_consent(conn, structure)
        })
        .await?;
    Ok(web::Json(crate::referrals::consent::for_structure(own)))
}

/// The family agreed to be referred.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// The day the family agreed (not in the future, within the last year).
    pub given_on: NaiveDate,
    /// The version of the consent text shown (`GET /orgs/{org_id}/partners/{structure_id}/consent-text`,
    /// or the platform's `GET /api/v1/consent-text`).
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub text_version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReferral {
    /// Referrers: the partner structure the family is sent to. Structures: leave out.
    pub structure_id: Option<Uuid>,
    /// A preferred site of that structure.
    pub site_id: Option<Uuid>,
    #[validate(
        length(min = 1, max = 100),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 100)]
    pub first_name: String,
    #[validate(
        length(min = 1, max = 100),
        custom(function = "crate::platform::validate::validate_not_blank")
    )]
    #[schema(min_length = 1, max_length = 100)]
    pub last_name: String,
    #[validate(custom(function = "family::validate_birth_year"))]
    pub birth_year: Option<i32>,
    /// French number, any usual spelling.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: ContactChannel,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub address: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_postcode"))]
    #[schema(pattern = "^[0-9]{5}$")]
    pub postcode: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub commune: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub neighbourhood: Option<String>,
    /// The other members of the household (not the person referred).
    #[validate(length(max = 19), nested)]
    #[schema(max_items = 19)]
    #[serde(default)]
    pub members: Vec<MemberInput>,
    #[validate(length(min = 1, max = 5))]
    #[schema(min_items = 1, max_items = 5)]
    pub needs: Vec<Need>,
    /// Required when `needs` contains `other`.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub needs_other: Option<String>,
    #[validate(custom(function = "family::validate_languages"))]
    #[serde(default)]
    pub languages: Vec<String>,
    /// Why the family is referred.
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
    /// A message to the structure.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub message: Option<String>,
    /// Referrers: required attestation that the family agreed to be referred.
    #[validate(nested)]
    pub consent: Option<ConsentInput>,
    /// Referrers: required; whether the family agreed to share its progress with you.
    pub share_progress: Option<bool>,
}

/// Its rules depend on who sends it: see [`CreateReferral::check`].
impl crate::platform::http::body::Rules for CreateReferral {}

impl CreateReferral {
    /// Every error at once: the fields' own rules, those that span several fields, and
    /// those that depend on who sends.
    fn check(&self, kind: OrgKind) -> ApiResult<()> {
        let mut errors = crate::platform::http::body::all_errors(self);
        let mut add = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned())
        };
        match kind {
            OrgKind::Referrer => {
                if self.structure_id.is_none() {
                    add(
                        "structure_id",
                        "choisissez la structure vers laquelle orienter la famille",
                    );
                }
                match &self.consent {
                    None => add(
                        "consent",
                        "l'accord de la famille pour être orientée est obligatoire",
                    ),
                    Some(consent) => {
                        let today = Utc::now().date_naive();
                        if consent.given_on > today
                            || consent.given_on < today - chrono::Duration::days(365)
                        {
                            add(
                                "consent.given_on",
                                "La date de l'accord doit dater de moins d'un an, sans être dans le futur.",
                            );
                        }
                        // A structure's own version is checked once the structure is known.
                        if !crate::referrals::consent::is_known(&consent.text_version)
                            && crate::texts::version_of(&consent.text_version).is_none()
                        {
                            add(
                                "consent.text_version",
                                "Ce n'est pas une version connue du texte d'accord.",
                            );
                        }
                    }
                }
                if self.share_progress.is_none() {
                    add(
                        "share_progress",
                        "indiquez si la famille accepte de partager son parcours avec vous",
                    );
                }
            }
            _ => {
                if self.structure_id.is_some() {
                    add(
                        "structure_id",
                        "Seul un prescripteur choisit la structure : une structure enregistre une famille dans sa propre boîte.",
                    );
                }
            }
        }
        for (i, m) in self.members.iter().enumerate() {
            if m.role == MemberRole::Reference {
                add(
                    &format!("members[{i}].role"),
                    "La personne orientée est la personne de référence ; les autres membres sont adulte, enfant ou autre.",
                );
            }
        }
        family::check_members(&self.members, "members", &mut errors);
        family::check_member_ids(&self.members, "members", false, &mut errors);
        ContactRules {
            preferred_contact: self.preferred_contact,
            phone: self.phone.as_deref(),
            email: self.email.as_deref(),
            address: self.address.as_deref(),
            needs: &self.needs,
            needs_other: self.needs_other.as_deref(),
        }
        .check(&mut errors);
        family::finish(errors)
    }
}

/// Send a family to a partner structure (referrer), or register a family that came to the
/// centre itself (structure staff). With `Idempotency-Key`, sending twice creates one
/// referral and answers the same.
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ("Idempotency-Key" = Option<String>, Header, description = "A unique key per referral (e.g. a UUID made when the form opens)")),
    request_body = CreateReferral,
    responses(
        (status = 201, body = ReferralDetail, description = "Created (or replayed, with Idempotency-Replayed: true)"),
        OrgErrors,
        BodyErrors,
        (status = 409, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "The same request is still being processed (idempotency_in_flight)"),
    ),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/referrals")]
pub async fn create(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
    key: IdempotencyKey,
    body: JsonBody<CreateReferral>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    body.check(scope.kind)?;
    let fingerprint = idempotency::fingerprint(&body);
    let (kind, user) = (scope.kind, scope.user_id());
    let outcome = state
        .db
        .org_tx(&scope, move |conn| {
            if let Some(key) = &key.0 {
                if let Claim::Replay(stored) = idempotency::claim(conn, user, key, &fingerprint)? {
                    return Ok(Err(stored));
                }
            }
            let now = Utc::now();
            let org_id = conn.org_id();
            let structure_id = match (kind, body.structure_id) {
                (OrgKind::Referrer, Some(structure)) => {
                    if !crate::organisations::is_active_partner(
                        conn,
                        structure.into(),
                        org_id.into(),
                    )? {
                        // Not a partner (or no such structure): the same 404 either way.
                        return Err(ApiError::not_found());
                    }
                    if let Some(version) = body
                        .consent
                        .as_ref()
                        .and_then(|c| crate::texts::version_of(&c.text_version))
                    {
                        if !crate::texts::repo::partner_consent_exists(conn, structure, version)? {
                            return Err(ApiError::field(
                                "consent.text_version",
                                "Ce n'est pas une version du texte d'accord de cette structure.",
                            ));
                        }
                    }
                    structure
                }
                _ => org_id,
            };
            if let Some(site) = body.site_id {
                if !crate::organisations::is_open_site(conn, structure_id.into(), site)? {
                    return Err(ApiError::field(
                        "site_id",
                        "Ce lieu n'appartient pas à cette structure.",
                    ));
                }
            }
            let referrer = (kind == OrgKind::Referrer).then_some(org_id);
            let row = insert(conn, &body, structure_id, referrer, user)?;
            let actor = conn.actor();
            repo::record_event(
                conn,
                &row,
                NewEvent {
                    from: None,
                    to: ReferralStatus::Submitted,
                    actor: &actor,
                    reason: None,
                    message: body.message.as_deref(),
                    at: now,
                },
            )?;
            let id = row.id;
            let detail = detail_of(conn, row, kind, now)?;
            if let Some(key) = &key.0 {
                idempotency::complete(conn, user, key, StatusCode::CREATED, &detail)?;
            }
            Ok(Ok((
                format!("/api/v1/orgs/{org_id}/referrals/{id}"),
                detail,
            )))
        })
        .await?;
    Ok(match outcome {
        Ok((location, detail)) => HttpResponse::Created()
            .insert_header(("Location", location))
            .json(detail),
        Err(stored) => stored.into_response(),
    })
}

/// Inserts a submitted referral into `structure_id`'s inbox (also used by the demo seed).
pub fn insert(
    conn: &mut crate::platform::db::TenantConn<'_>,
    body: &CreateReferral,
    structure_id: Uuid,
    referrer: Option<Uuid>,
    user: Uuid,
) -> ApiResult<repo::ReferralRow> {
    let from_referrer = referrer.is_some();
    let members = serde_json::to_value(
        body.members
            .iter()
            .map(|m| MemberInput {
                first_name: m.first_name.trim().to_owned(),
                last_name: m.last_name.trim().to_owned(),
                ..m.clone()
            })
            .collect::<Vec<_>>(),
    )
    .map_err(|err| ApiError::internal_from("storing a referral's members", err))?;
    let consent = body.consent.as_ref().filter(|_| from_referrer);
    let referral = NewReferral {
        organisation_id: structure_id.into(),
        id: ReferralId::generate(),
        source: if from_referrer {
            ReferralSource::Referrer
        } else {
            ReferralSource::Structure
        },
        referrer_org_id: referrer.map(OrgId),
        created_by: user.into(),
        site_id: body.site_id,
        first_name: body.first_name.trim().to_owned(),
        last_name: body.last_name.trim().to_owned(),
        birth_year: body.birth_year,
        phone: family::stored_phone(body.phone.clone()),
        email: family::stored_email(body.email.clone()),
        preferred_contact: body.preferred_contact,
        address: family::clean(body.address.clone()),
        postcode: family::clean(body.postcode.clone()),
        commune: family::clean(body.commune.clone()),
        neighbourhood: family::clean(body.neighbourhood.clone()),
        members,
        needs: family::dedup_needs(&body.needs),
        needs_other: family::clean(body.needs_other.clone()),
        languages: family::clean_languages(&body.languages),
        reason: family::clean(body.reason.clone()),
        message: family::clean(body.message.clone()),
        consent_given_on: consent.map(|c| c.given_on),
        consent_text_version: consent.map(|c| c.text_version.clone()),
        share_progress: from_referrer && body.share_progress.unwrap_or(false),
        folded_name: folded_name(&body.first_name, &body.last_name),
    };
    let row = repo::insert(conn, &referral)?;
    if from_referrer {
        // The structure hears of it at once (its people also see it in their inbox).
        crate::referrals::tell(
            conn,
            row.organisation_id,
            crate::notifications::NotificationKind::ReferralReceived,
            &row,
            row.submitted_at,
        )?;
    }
    Ok(row)
}
