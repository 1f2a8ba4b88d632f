//! HTTP for the journal: an organisation's admins read it, page by page or as a CSV file.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::domain::{day_start, Action};
use super::repo::{self, Filter};
use super::views::AuditEntry;
use crate::auth::roles::JournalReader;
use crate::auth::OrgScope;
use crate::dashboards::export::{self, Table, Value};
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::http::cursor::{paginate, Page, PageQuery};
use crate::platform::openapi::OrgErrors;
use crate::platform::state::AppState;

/// The most entries one CSV file holds (the newest of the filter).
pub const CSV_MAX_ROWS: i64 = 50_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct JournalQuery {
    /// Entries of one person.
    pub user_id: Option<Uuid>,
    /// Entries of one kind of action.
    #[param(inline)]
    pub action: Option<Action>,
    /// Entries about one kind of resource (`referrals` also finds `referrals.accept`).
    #[param(min_length = 1, max_length = 60, pattern = r"^[a-z0-9.\-]+$")]
    pub resource_type: Option<String>,
    /// Entries about one resource (a household's id…).
    #[param(max_length = 80)]
    pub resource_id: Option<String>,
    /// First day (Paris), `AAAA-MM-JJ`.
    pub from: Option<NaiveDate>,
    /// Last day (Paris), included.
    pub to: Option<NaiveDate>,
    /// `csv`: the entries of the filter as a file (at most 50,000, the newest).
    #[param(inline)]
    pub format: Option<JournalFormat>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    #[param(max_length = 400)]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JournalFormat {
    /// UTF-8 with BOM, `;` separated: opens as-is in French Excel.
    Csv,
}

impl JournalQuery {
    fn filter(&self) -> ApiResult<Filter> {
        let mut errors = crate::platform::error::FieldErrors::new();
        // As the schema says: 1–60 of a–z, 0–9, "." and "-" (an empty value is an error).
        let resource_type = self.resource_type.as_deref();
        if resource_type.is_some_and(|t| {
            t.is_empty()
                || t.len() > 60
                || !t
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-".contains(c))
        }) {
            crate::platform::error::add_field_error(
                &mut errors,
                "resource_type",
                "Indiquez un type de ressource du journal (lettres minuscules, chiffres, « . » et « - »).",
            );
        }
        let resource_id = self
            .resource_id
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if resource_id.is_some_and(|id| {
            id.chars().count() > 80 || crate::platform::http::body::has_control(id)
        }) {
            crate::platform::error::add_field_error(
                &mut errors,
                "resource_id",
                "Cet identifiant est trop long ou contient un caractère de contrôle.",
            );
        }
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if to < from {
                crate::platform::error::add_field_error(
                    &mut errors,
                    "to",
                    "Le dernier jour doit suivre le premier.",
                );
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        Ok(Filter {
            user_id: self.user_id,
            action: self.action,
            resource_type: resource_type.map(str::to_owned),
            resource_id: resource_id.map(str::to_owned),
            since: self.from.map(day_start),
            before: self.to.and_then(|d| d.succ_opt()).map(day_start),
        })
    }

    fn page(&self) -> PageQuery {
        PageQuery {
            limit: self.limit,
            cursor: self.cursor.clone(),
        }
    }
}

/// The organisation's journal, newest first: every write, every read of a family's file or
/// a referral, every export, every refusal, and its members' sign-ins. Admins only. With
/// `format=csv`, the filter's entries as a file (itself journalled as an export).
#[utoipa::path(
    tag = "audit",
    params(OrgPath, JournalQuery),
    responses(
        (status = 200, description = "A page of entries, or the CSV file with `format=csv`", content(
            (Page<AuditEntry> = "application/json"),
            (String = "text/csv")
        )),
        OrgErrors,
        (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "A filter, the limit or the cursor is invalid")
    ),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/audit-entries")]
pub async fn journal(
    scope: OrgScope<JournalReader>,
    state: web::Data<AppState>,
    query: web::Query<JournalQuery>,
) -> ApiResult<HttpResponse> {
    let filter = query.filter()?;
    let page = query.page();
    let (limit, after) = (
        page.limit()?,
        page.after::<(chrono::DateTime<chrono::Utc>, i64)>()?,
    );
    if let Some(JournalFormat::Csv) = query.format {
        let rows = state
            .db
            .org_tx(&scope, move |conn| {
                repo::page(conn, &filter, None, CSV_MAX_ROWS)
            })
            .await?;
        let bytes = export::csv(&[csv_table(rows)])?;
        return Ok(export::attachment(
            bytes,
            "text/csv; charset=utf-8",
            &format!("journal-{}.csv", crate::platform::text::paris_today()),
        ));
    }
    let rows = state
        .db
        .org_tx(&scope, move |conn| {
            repo::page(conn, &filter, after, limit + 1)
        })
        .await?;
    let page: Page<AuditEntry> = paginate(rows, limit, |r| (r.at, r.id), |r| r);
    Ok(HttpResponse::Ok().json(page))
}

fn csv_table(rows: Vec<AuditEntry>) -> Table {
    let text = |s: &str| Value::Text(s.to_owned());
    let opt = |s: Option<String>| s.map_or(Value::Empty, Value::Text);
    Table {
        title: "Journal des accès et des actions".to_owned(),
        headers: [
            "Date (UTC)",
            "Personne",
            "Identifiant de la personne",
            "Rôle",
            "Action",
            "Ressource",
            "Identifiant de la ressource",
            "Route",
            "Méthode",
            "Statut",
            "Issue",
            "Requête",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    text(&r.at.format("%Y-%m-%d %H:%M:%S").to_string()),
                    opt(r.person),
                    opt(r.user_id.map(|id| id.to_string())),
                    opt(r.role),
                    text(r.action.as_str()),
                    text(&r.resource_type),
                    opt(r.resource_id),
                    text(&r.route),
                    text(&r.method),
                    Value::count(r.status.into()),
                    text(r.outcome.as_str()),
                    opt(r.request_id.map(|id| id.to_string())),
                ]
            })
            .collect(),
    }
}
