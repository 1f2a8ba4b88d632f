//! Reading referrals: the structure's inbox and the referrer's "sent" list (one route, by
//! the kind of organisation), a referral's page, and the inbox counters.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::ReferralPath;
use crate::auth::roles::{OrgKind, ReferralParty, Staff};
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::cursor::{paginate, Page, PageQuery};
use crate::platform::http::version::with_etag;
use crate::platform::ids::OrgId;
use crate::platform::openapi::OrgErrors;
use crate::platform::state::AppState;
use crate::referrals::domain::{ReferralSource, ReferralStatus};
use crate::referrals::repo::{self, ListFilter};
use crate::referrals::views::{self, ReferralDetail, ReferralSummary};
use crate::referrals::{load_detail, name_in, org_names};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReferralQuery {
    pub status: Option<ReferralStatus>,
    /// Structures: only those sent by a referrer, or only families who came themselves.
    pub source: Option<ReferralSource>,
    /// Only referrals sent at least this many days ago (0–3650).
    #[param(minimum = 0, maximum = 3650)]
    pub older_than_days: Option<u32>,
    /// Name of the person referred (accents and case ignored).
    pub q: Option<String>,
}

/// Referrals, newest first: received (structure) or sent (referrer).
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralQuery, PageQuery),
    responses(
        (status = 200, body = Page<ReferralSummary>),
        OrgErrors,
        (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Bad filter, limit or cursor"),
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/referrals")]
pub async fn list(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
    query: web::Query<ReferralQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<ReferralSummary>>> {
    let (limit, after) = (page.limit()?, page.after::<(DateTime<Utc>, Uuid)>()?);
    let query = query.into_inner();
    if query.older_than_days.is_some_and(|days| days > 3650) {
        return Err(ApiError::field(
            "older_than_days",
            "Le nombre de jours doit être compris entre 0 et 3650.",
        ));
    }
    let now = Utc::now();
    let filter = ListFilter {
        as_referrer: scope.kind == OrgKind::Referrer,
        status: query.status,
        source: query.source,
        submitted_before: query
            .older_than_days
            .map(|days| now - Duration::days(i64::from(days))),
        name: crate::platform::validate::search_text(query.q.as_deref(), "q")?
            .map(|q| crate::platform::text::fold(&q)),
    };
    let result = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::list(conn, &filter, after, limit)?;
            let mut ids: Vec<OrgId> = rows.iter().map(|row| row.organisation_id).collect();
            ids.extend(rows.iter().filter_map(|row| row.referrer_org_id));
            ids.sort();
            ids.dedup();
            let names = org_names(conn, &ids)?;
            Ok(paginate(
                rows,
                limit,
                |row| (row.submitted_at, row.id),
                |row| {
                    views::summary(
                        &row,
                        !filter.as_referrer,
                        name_in(&names, row.organisation_id),
                        row.referrer_org_id.map(|id| name_in(&names, id)),
                        now,
                    )
                },
            ))
        })
        .await?;
    Ok(web::Json(result))
}

/// A referral's page: the family as sent, its history, and (as the side may see them) its
/// milestones, allowed changes and possible duplicates.
#[utoipa::path(
    tag = "referrals",
    params(OrgPath, ReferralPath),
    responses((status = 200, body = ReferralDetail, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/referrals/{referral_id}")]
pub async fn get_one(
    scope: OrgScope<ReferralParty>,
    state: web::Data<AppState>,
    path: web::Path<ReferralPath>,
) -> ApiResult<HttpResponse> {
    let (kind, id) = (scope.kind, path.referral_id);
    let detail = state
        .db
        .org_tx(&scope, move |conn| load_detail(conn, kind, id, Utc::now()))
        .await?;
    Ok(with_etag(&detail))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralCounters {
    /// Referrals in each state (every state is listed, zeros included).
    pub by_status: BTreeMap<String, i64>,
    /// Open referrals by source.
    pub open_by_source: BTreeMap<String, i64>,
    /// Sent and still waiting for an answer.
    pub awaiting_answer: i64,
    /// Waiting for longer than the reminder delay.
    pub overdue: i64,
    /// The reminder delay, in days (the structure's setting).
    pub reminder_days: i32,
}

/// The inbox counters for the dashboard.
#[utoipa::path(
    tag = "referrals",
    params(OrgPath),
    responses((status = 200, body = ReferralCounters), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/referrals/counters")]
pub async fn counters(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<ReferralCounters>> {
    let result = state
        .db
        .org_tx(&scope, move |conn| {
            let (reminder_days, _) = crate::organisations::referral_delays(conn)?;
            let overdue_before = repo::days_before(Utc::now(), reminder_days);
            let mut counters = ReferralCounters {
                by_status: ReferralStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), 0))
                    .collect(),
                open_by_source: ReferralSource::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), 0))
                    .collect(),
                awaiting_answer: 0,
                overdue: 0,
                reminder_days,
            };
            let (by_state, overdue) = repo::counts(conn, overdue_before)?;
            counters.overdue = overdue;
            for (status, source, count) in by_state {
                *counters
                    .by_status
                    .entry(status.as_str().to_owned())
                    .or_default() += count;
                if status.is_open() {
                    *counters
                        .open_by_source
                        .entry(source.as_str().to_owned())
                        .or_default() += count;
                }
                if status == ReferralStatus::Submitted {
                    counters.awaiting_answer += count;
                }
            }
            Ok(counters)
        })
        .await?;
    Ok(web::Json(result))
}
