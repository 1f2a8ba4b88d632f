//! An organisation's in-app notifications: referral state changes for referrers, reminders
//! for structures. Read by the people who handle referrals (a structure's admins and staff, a
//! referrer's `referrer`s): volunteers, viewers and coordinators get 403.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::repo;
use super::views::{NotificationPage, NotificationView};
use crate::auth::roles::ReferralParty;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::cursor::{paginate, PageQuery};
use crate::platform::ids::OrgId;
use crate::platform::openapi::OrgErrors;
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct NotificationPath {
    pub notification_id: Uuid,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    #[serde(default)]
    pub unread_only: bool,
}

/// The organisation's notifications, newest first, with the unread count.
#[utoipa::path(
    tag = "notifications",
    params(OrgPath, NotificationQuery, PageQuery),
    responses(
        (status = 200, body = NotificationPage),
        OrgErrors,
        (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Bad limit or cursor"),
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/notifications")]
pub async fn list(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
    query: web::Query<NotificationQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<NotificationPage>> {
    let (limit, after) = (page.limit()?, page.after::<(DateTime<Utc>, Uuid)>()?);
    let unread_only = query.unread_only;
    let result = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::list(conn, unread_only, after, limit)?;
            let unread_count = repo::unread_count(conn)?;
            let referrals: Vec<Uuid> = rows.iter().map(|row| row.referral_id).collect();
            let families = crate::referrals::family_names(conn, &referrals)?;
            let family = |id: Uuid| families.iter().find(|f| f.referral_id == id);
            let ids: Vec<OrgId> = rows
                .iter()
                .map(|row| OrgId(row.structure_id))
                .chain(families.iter().filter_map(|f| f.referrer))
                .collect();
            let names = crate::organisations::names(conn, &ids)?;
            let name_of = |id: OrgId| {
                names
                    .iter()
                    .find(|(org, _)| *org == id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default()
            };
            let page = paginate(
                rows,
                limit,
                |row| (row.created_at, row.id),
                |row| NotificationView {
                    structure_name: name_of(OrgId(row.structure_id)),
                    family_name: family(row.referral_id)
                        .map(|f| f.name.clone())
                        .unwrap_or_default(),
                    referrer_name: family(row.referral_id)
                        .and_then(|f| f.referrer)
                        .map(name_of),
                    id: row.id,
                    kind: row.kind,
                    referral_id: row.referral_id,
                    structure_id: row.structure_id,
                    status: row.status,
                    created_at: row.created_at,
                    read_at: row.read_at,
                },
            );
            Ok(NotificationPage {
                items: page.items,
                next_cursor: page.next_cursor,
                unread_count,
            })
        })
        .await?;
    Ok(web::Json(result))
}

/// Mark one notification as read.
#[utoipa::path(
    tag = "notifications",
    params(OrgPath, NotificationPath),
    responses((status = 204, description = "Read"), OrgErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/notifications/{notification_id}/read")]
pub async fn mark_read(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
    path: web::Path<NotificationPath>,
) -> ApiResult<HttpResponse> {
    let id = path.notification_id;
    state
        .db
        .org_tx(&scope, move |conn| match repo::mark_read(conn, id)? {
            true => Ok(()),
            false => Err(ApiError::not_found()),
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark every notification of the organisation as read.
#[utoipa::path(
    tag = "notifications",
    params(OrgPath),
    responses((status = 204, description = "All read"), OrgErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/notifications/read-all")]
pub async fn mark_all_read(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    state.db.org_tx(&scope, repo::mark_all_read).await?;
    Ok(HttpResponse::NoContent().finish())
}
