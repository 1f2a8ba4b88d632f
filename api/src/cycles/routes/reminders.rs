//! The staff's "to call" list: families to remind by phone (no SMS gateway, or they prefer
//! a call), and marking a call made.

use actix_web::{get, post, web, HttpResponse};
use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::roles::Staff;
use crate::auth::OrgScope;
use crate::cycles::repo::reminders as repo;
use crate::cycles::views::CallView;
use crate::households::domain::MemberRole;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::openapi::OrgErrors;
use crate::platform::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallsQuery {
    /// The day the calls were listed (Paris); today by default.
    pub day: Option<NaiveDate>,
}

/// The calls of a day: who to ring, at which number, and what to tell them.
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CallsQuery),
    responses((status = 200, body = Vec<CallView>), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/reminders/calls")]
pub async fn calls(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    query: web::Query<CallsQuery>,
) -> ApiResult<web::Json<Vec<CallView>>> {
    let day = query
        .day
        .unwrap_or_else(|| Utc::now().with_timezone(&Paris).date_naive());
    let (from, to) = crate::cycles::reminding::day_range(day);
    let views = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::calls(conn, from, to)?;
            let households: Vec<Uuid> = rows.iter().map(|r| r.household_id).collect();
            let people = crate::households::members_of(conn, &households)?;
            Ok(rows
                .into_iter()
                .map(|r| CallView {
                    id: r.id,
                    household_id: r.household_id,
                    family_name: people
                        .iter()
                        .find(|(h, m)| *h == r.household_id && m.role == MemberRole::Reference)
                        .map(|(_, m)| format!("{} {}", m.first_name, m.last_name))
                        .unwrap_or_default(),
                    phone: r.phone,
                    reason: r.reason,
                    session_id: r.session_id,
                    starts_at: r.starts_at,
                    message: r.message,
                    called_at: r.called_at,
                })
                .collect())
        })
        .await?;
    Ok(web::Json(views))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CallPath {
    pub call_id: Uuid,
}

/// Mark a call made (it stays on the day's list, ticked).
#[utoipa::path(
    tag = "cycles",
    params(OrgPath, CallPath),
    responses((status = 204, description = "Marked"), OrgErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/reminders/calls/{call_id}/done")]
pub async fn call_done(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<CallPath>,
) -> ApiResult<HttpResponse> {
    let id = path.call_id;
    state
        .db
        .org_tx(&scope, move |conn| {
            if repo::mark_called(conn, id, Utc::now())? {
                Ok(())
            } else {
                Err(ApiError::not_found())
            }
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
