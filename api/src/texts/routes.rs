//! HTTP for a structure's texts: read the current ones and every past version; admins
//! publish a new version.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::domain::{check_body, TextKind};
use super::repo;
use super::views::{TextSummary, TextVersion};
use crate::auth::roles::{PrivacyOfficer, StructureMember};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, ConflictError, OrgErrors};
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct KindPath {
    /// `privacy_notice`, `referral_consent` or `handover_agreement`.
    #[param(inline)]
    pub kind: TextKind,
}

/// The structure's texts, each with its current version (none until one is published: the
/// platform's default text applies). Any member of the structure.
#[utoipa::path(
    tag = "texts",
    params(OrgPath),
    responses((status = 200, body = Vec<TextSummary>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/texts")]
pub async fn list(
    scope: OrgScope<StructureMember>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<TextSummary>>> {
    let current = state.db.org_tx(&scope, repo::current_all).await?;
    let mut current: Vec<_> = current.into_iter().map(TextVersion::from).collect();
    Ok(web::Json(
        TextKind::ALL
            .iter()
            .map(|kind| TextSummary {
                kind: *kind,
                current: current
                    .iter()
                    .position(|v| v.kind == *kind)
                    .map(|i| current.remove(i)),
                platform_text: platform_text(*kind),
            })
            .collect(),
    ))
}

/// Every version of one text, newest first: what a family accepted under a recorded version
/// reads as it was.
#[utoipa::path(
    tag = "texts",
    params(OrgPath, KindPath),
    responses((status = 200, body = Vec<TextVersion>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/texts/{kind}")]
pub async fn versions(
    scope: OrgScope<StructureMember>,
    state: web::Data<AppState>,
    path: web::Path<KindPath>,
) -> ApiResult<web::Json<Vec<TextVersion>>> {
    let kind = path.kind;
    let rows = state
        .db
        .org_tx(&scope, move |conn| repo::versions(conn, kind))
        .await?;
    Ok(web::Json(rows.into_iter().map(TextVersion::from).collect()))
}

/// The platform's text of a kind, in force until a structure publishes its own.
fn platform_text(kind: TextKind) -> Option<String> {
    match kind {
        TextKind::PrivacyNotice => None,
        TextKind::ReferralConsent => Some(crate::referrals::consent::current().text),
        TextKind::HandoverAgreement => Some(crate::workshop::documents::CLAUSES.join("\n\n")),
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishText {
    /// The whole text; paragraphs separated by a blank line.
    #[validate(length(max = 20000))]
    #[schema(min_length = 20, max_length = 20000)]
    pub body: String,
}

impl crate::platform::http::body::Rules for PublishText {
    fn check(&self, errors: &mut crate::platform::error::FieldErrors) {
        if let Err(message) = check_body(&self.body) {
            crate::platform::error::add_field_error(errors, "body", message);
        }
    }
}

/// Publishes a new version of a text (the structure's admins). From now on it is the one
/// shown and recorded; the previous ones stay readable.
#[utoipa::path(
    tag = "texts",
    params(OrgPath, KindPath),
    request_body = PublishText,
    responses((status = 201, body = TextVersion), OrgErrors, BodyErrors, ConflictError),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/texts/{kind}")]
pub async fn publish(
    scope: OrgScope<PrivacyOfficer>,
    state: web::Data<AppState>,
    path: web::Path<KindPath>,
    body: ValidJson<PublishText>,
) -> ApiResult<HttpResponse> {
    let kind = path.kind;
    let text = body.into_inner().body;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let body = check_body(&text).map_err(|m| ApiError::field("body", m))?;
            let version = repo::publish(conn, kind, body)?;
            repo::version(conn, kind, version)?.ok_or_else(ApiError::internal)
        })
        .await?;
    Ok(HttpResponse::Created().json(TextVersion::from(view)))
}
