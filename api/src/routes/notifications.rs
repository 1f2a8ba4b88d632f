//! An organisation's in-app notifications: referral state changes for referrers, reminders
//! for structures. Every member sees their organisation's.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::roles::AnyMember;
use crate::auth::OrgScope;
use crate::db::referrals::ReferralStatus;
use crate::db::schema::{notifications as n, organisations as o};
use crate::error::{ApiError, ApiResult};
use crate::http::cursor::{paginate, PageQuery};
use crate::routes::docs::OrgErrors;
use crate::routes::organisations::OrgPath;
use crate::state::AppState;
use crate::text_enum;

text_enum!(
    NotificationKind {
        /// A referral you sent changed state.
        ReferralStatus = "referral_status",
        /// A referral you received has waited for an answer past the reminder delay.
        ReferralReminder = "referral_reminder",
    }
);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct NotificationPath {
    pub notification_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub referral_id: Uuid,
    /// The structure holding the referral (its page is under this organisation for the
    /// structure, under yours for a referrer).
    pub structure_id: Uuid,
    pub structure_name: String,
    /// The referral's state when the notification was made.
    pub status: ReferralStatus,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    /// Unread notifications in all (for the badge).
    pub unread_count: i64,
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
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json", description = "Bad limit or cursor"),
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/notifications")]
pub async fn list(
    scope: OrgScope<AnyMember>,
    state: web::Data<AppState>,
    query: web::Query<NotificationQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<NotificationPage>> {
    let (limit, after) = (page.limit()?, page.after::<(DateTime<Utc>, Uuid)>()?);
    let unread_only = query.unread_only;
    let result = state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let org_id = conn.org_id();
            type Row = (
                Uuid,
                String,
                Uuid,
                Uuid,
                String,
                String,
                DateTime<Utc>,
                Option<DateTime<Utc>>,
            );
            let mut q = n::table
                .inner_join(o::table.on(o::id.eq(n::structure_id)))
                .filter(n::organisation_id.eq(org_id))
                .select((
                    n::id,
                    n::kind,
                    n::referral_id,
                    n::structure_id,
                    o::name,
                    n::status,
                    n::created_at,
                    n::read_at,
                ))
                .order((n::created_at.desc(), n::id.desc()))
                .limit(limit + 1)
                .into_boxed();
            if unread_only {
                q = q.filter(n::read_at.is_null());
            }
            if let Some((at, id)) = after {
                q = q.filter(
                    n::created_at
                        .lt(at)
                        .or(n::created_at.eq(at).and(n::id.lt(id))),
                );
            }
            let rows: Vec<Row> = q.load(conn.conn())?;
            let unread_count: i64 = n::table
                .filter(n::organisation_id.eq(org_id))
                .filter(n::read_at.is_null())
                .count()
                .get_result(conn.conn())?;
            let page = paginate(
                rows,
                limit,
                |row| (row.6, row.0),
                |(
                    id,
                    kind,
                    referral_id,
                    structure_id,
                    structure_name,
                    status,
                    created_at,
                    read_at,
                )| NotificationView {
                    id,
                    kind: NotificationKind::parse(&kind)
                        .unwrap_or(NotificationKind::ReferralStatus),
                    referral_id,
                    structure_id,
                    structure_name,
                    status: ReferralStatus::parse(&status).unwrap_or(ReferralStatus::Submitted),
                    created_at,
                    read_at,
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
    scope: OrgScope<AnyMember>,
    state: web::Data<AppState>,
    path: web::Path<NotificationPath>,
) -> ApiResult<HttpResponse> {
    let id = path.notification_id;
    state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let org_id = conn.org_id();
            let exists: i64 = n::table
                .find((org_id, id))
                .count()
                .get_result(conn.conn())?;
            if exists == 0 {
                return Err(ApiError::not_found());
            }
            diesel::update(n::table.find((org_id, id)).filter(n::read_at.is_null()))
                .set(n::read_at.eq(diesel::dsl::now))
                .execute(conn.conn())?;
            Ok(())
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
    scope: OrgScope<AnyMember>,
    state: web::Data<AppState>,
) -> ApiResult<HttpResponse> {
    state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let org_id = conn.org_id();
            diesel::update(
                n::table
                    .filter(n::organisation_id.eq(org_id))
                    .filter(n::read_at.is_null()),
            )
            .set(n::read_at.eq(diesel::dsl::now))
            .execute(conn.conn())?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
