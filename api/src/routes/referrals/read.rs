//! Reading referrals: the structure's inbox and the referrer's "sent" list (one route, by
//! the kind of organisation), a referral's page, and the inbox counters.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::views::{ReferralDetail, ReferralSummary};
use super::{load_detail, name_in, org_names, ReferralPath};
use crate::auth::roles::{OrgKind, ReferralParty, Staff};
use crate::auth::OrgScope;
use crate::db::referrals::{ReferralRow, ReferralSource, ReferralStatus};
use crate::db::schema::{organisations as o, referrals as r};
use crate::error::ApiResult;
use crate::http::cursor::{paginate, Page, PageQuery};
use crate::http::version::with_etag;
use crate::routes::docs::OrgErrors;
use crate::routes::organisations::OrgPath;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReferralQuery {
    pub status: Option<ReferralStatus>,
    /// Structures: only those sent by a referrer, or only families who came themselves.
    pub source: Option<ReferralSource>,
    /// Only referrals sent at least this many days ago.
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
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json", description = "Bad filter, limit or cursor"),
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
    let kind = scope.kind;
    let result = state
        .db
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let org_id = conn.org_id();
            let now = Utc::now();
            let mut q = r::table.select(ReferralRow::as_select()).into_boxed();
            q = match kind {
                OrgKind::Referrer => q.filter(r::referrer_org_id.eq(org_id)),
                _ => q.filter(r::organisation_id.eq(org_id)),
            };
            if let Some(status) = query.status {
                q = q.filter(r::status.eq(status.as_str()));
            }
            if let Some(source) = query.source {
                q = q.filter(r::source.eq(source.as_str()));
            }
            if let Some(days) = query.older_than_days {
                q = q.filter(r::submitted_at.le(now - Duration::days(i64::from(days.min(3650)))));
            }
            if let Some(text) = query
                .q
                .as_deref()
                .map(crate::text::fold)
                .filter(|t| !t.is_empty())
            {
                let pattern = format!("%{}%", crate::text::like_escape(&text));
                q = q.filter(r::folded_name.like(pattern));
            }
            if let Some((at, id)) = after {
                q = q.filter(
                    r::submitted_at
                        .lt(at)
                        .or(r::submitted_at.eq(at).and(r::id.lt(id))),
                );
            }
            let rows: Vec<ReferralRow> = q
                .order((r::submitted_at.desc(), r::id.desc()))
                .limit(limit + 1)
                .load(conn.conn())?;
            let mut ids: Vec<Uuid> = rows.iter().map(|row| row.organisation_id).collect();
            ids.extend(rows.iter().filter_map(|row| row.referrer_org_id));
            ids.sort();
            ids.dedup();
            let names = org_names(conn, &ids)?;
            Ok(paginate(
                rows,
                limit,
                |row| (row.submitted_at, row.id),
                |row| {
                    super::views::summary(
                        &row,
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
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            load_detail(conn, kind, id, Utc::now())
        })
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
        .org_tx(scope.org_id, Some(scope.user_id()), move |conn| {
            let org_id = conn.org_id();
            let reminder_days: i32 = o::table
                .find(org_id)
                .select(o::referral_reminder_days)
                .first(conn.conn())?;
            let rows: Vec<(String, String, DateTime<Utc>)> = r::table
                .filter(r::organisation_id.eq(org_id))
                .select((r::status, r::source, r::submitted_at))
                .load(conn.conn())?;
            let mut by_status: BTreeMap<String, i64> = ReferralStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), 0))
                .collect();
            let mut open_by_source: BTreeMap<String, i64> = ReferralSource::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), 0))
                .collect();
            let overdue_before = Utc::now() - Duration::days(i64::from(reminder_days));
            let (mut awaiting_answer, mut overdue) = (0, 0);
            for (status, source, submitted_at) in rows {
                *by_status.entry(status.clone()).or_default() += 1;
                if ReferralStatus::parse(&status).is_some_and(ReferralStatus::is_open) {
                    *open_by_source.entry(source).or_default() += 1;
                }
                if status == ReferralStatus::Submitted.as_str() {
                    awaiting_answer += 1;
                    if submitted_at <= overdue_before {
                        overdue += 1;
                    }
                }
            }
            Ok(ReferralCounters {
                by_status,
                open_by_source,
                awaiting_answer,
                overdue,
                reminder_days,
            })
        })
        .await?;
    Ok(web::Json(result))
}
