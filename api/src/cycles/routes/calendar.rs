//! Calendar feeds: a secret address per feed (a cycle's sessions, or the sessions a person
//! leads) that a calendar application polls. Made and revoked by staff; read with the
//! address alone, and naming no family.

use actix_web::http::header;
use actix_web::{get, post, web, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::auth::roles::{Role, Staff};
use crate::auth::OrgScope;
use crate::cycles::calendar::{render, FeedSession};
use crate::cycles::repo::cycles as cycle_repo;
use crate::cycles::repo::reminders::{self as repo, FeedRow};
use crate::cycles::views::FeedView;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::{SystemScope, TenantConn};
use crate::platform::error::{ApiError, ApiResult, FieldErrors};
use crate::platform::http::ValidJson;
use crate::platform::openapi::{BodyErrors, OrgErrors};
use crate::platform::state::AppState;

fn view(row: FeedRow, url: Option<String>) -> FeedView {
    FeedView {
        id: row.id,
        cycle_id: row.cycle_id,
        facilitator_id: row.facilitator_id,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
        url,
    }
}

/// A feed of one cycle's sessions, or (without `cycle_id`) of the sessions you lead.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedInput {
    pub cycle_id: Option<Uuid>,
}

impl crate::platform::http::body::Rules for FeedInput {
    fn check(&self, _errors: &mut FieldErrors) {}
}

/// Make a calendar feed. Its address is shown once, in this answer: keep it like a
/// password (anyone holding it reads the sessions' times and places).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    request_body = FeedInput,
    responses((status = 201, body = FeedView), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/calendar-feeds")]
pub async fn create(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<FeedInput>,
) -> ApiResult<HttpResponse> {
    let cycle = body.into_inner().cycle_id;
    let token = crate::auth::tokens::generate(32);
    let hash = crate::auth::tokens::digest(&token);
    let me = scope.user.id;
    let url = format!("{}/api/v1/calendar/{token}.ics", state.config.public_url);
    let row = state
        .db
        .org_tx(&scope, move |conn| {
            if let Some(cycle) = cycle {
                cycle_repo::find(conn, cycle)
                    .map_err(|_| ApiError::field("cycle_id", "Ce cycle n'existe pas."))?;
            }
            let facilitator = cycle.is_none().then_some(me);
            repo::insert_feed(conn, &hash, cycle, facilitator)
        })
        .await?;
    Ok(HttpResponse::Created().json(view(row, Some(url))))
}

/// The feeds you made (addresses are not shown again).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath),
    responses((status = 200, body = Vec<FeedView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/calendar-feeds")]
pub async fn list(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<FeedView>>> {
    let me = scope.user.id;
    let rows = state
        .db
        .org_tx(&scope, move |conn| repo::feeds_of(conn, me))
        .await?;
    Ok(web::Json(rows.into_iter().map(|r| view(r, None)).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct FeedPath {
    pub feed_id: Uuid,
}

/// Revoke a feed: its address stops answering at once. Your own feeds, or any as an admin.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, FeedPath),
    responses((status = 204, description = "Revoked"), OrgErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/calendar-feeds/{feed_id}/revoke")]
pub async fn revoke(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<FeedPath>,
) -> ApiResult<HttpResponse> {
    let id = path.feed_id;
    let maker = (scope.role() != Some(Role::Admin)).then_some(scope.user.id);
    state
        .db
        .org_tx(&scope, move |conn| {
            if repo::revoke_feed(conn, id, maker, Utc::now())? {
                Ok(())
            } else {
                Err(ApiError::not_found())
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct FeedTokenPath {
    /// The feed's secret, as in its address.
    pub token: String,
}

fn sessions_of_feed(
    conn: &mut TenantConn<'_>,
    cycle: Option<Uuid>,
    facilitator: Option<Uuid>,
) -> ApiResult<(String, Vec<FeedSession>)> {
    let mut sites: Vec<(Uuid, String)> = Vec::new();
    let rows = match (cycle, facilitator) {
        (Some(cycle), _) => {
            let row = cycle_repo::find(conn, cycle)?;
            cycle_repo::sessions(conn, &[cycle])?
                .into_iter()
                .map(|s| (s, row.name.clone(), row.site_id))
                .collect::<Vec<_>>()
        }
        (None, Some(user)) => cycle_repo::sessions_of_facilitator(conn, user)?,
        (None, None) => return Err(ApiError::not_found()),
    };
    let mut sessions = Vec::with_capacity(rows.len());
    for (s, cycle_name, site) in rows {
        if !sites.iter().any(|(id, _)| *id == site) {
            sites.push((site, crate::organisations::site(conn, site)?.name));
        }
        let site_name = sites
            .iter()
            .find(|(id, _)| *id == site)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        sessions.push(FeedSession {
            id: s.id,
            cycle: cycle_name,
            title: s.title,
            number: s.number,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            place: s.place.unwrap_or(site_name),
            cancelled: s.cancelled,
            version: s.version,
        });
    }
    let name = match (cycle, sessions.first()) {
        (Some(_), Some(first)) => first.cycle.clone(),
        _ => "Mes séances — Solidaires et Connectés".to_owned(),
    };
    Ok((name, sessions))
}

/// A calendar feed (iCalendar), read with its secret address: no account, no family names.
#[utoipa::path(
    tag = "cycles",
    params(FeedTokenPath),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar", body = String),
        (status = 404, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Unknown or revoked address"),
    ),
    security(())
)]
#[get("/calendar/{token}.ics")]
pub async fn feed(
    state: web::Data<AppState>,
    path: web::Path<FeedTokenPath>,
) -> ApiResult<HttpResponse> {
    let token = path.into_inner().token;
    if token.is_empty() || token.len() > 100 {
        return Err(ApiError::not_found());
    }
    let hash = crate::auth::tokens::digest(&token);
    // Which structure the address opens (the owner's function, for this hash only), then
    // that structure's door as the system: two short transactions, read-only.
    let key = state
        .db
        .system_tx(move |conn| repo::feed_key(conn, &hash))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let (cycle, facilitator) = (key.cycle_id, key.facilitator_id);
    let (name, sessions) = state
        .db
        .org_tx(&SystemScope(key.organisation_id), move |conn| {
            sessions_of_feed(conn, cycle, facilitator)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "private, max-age=300"))
        .body(render(&name, &sessions)))
}
