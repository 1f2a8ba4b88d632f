//! The journal's answers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::domain::{Action, Outcome};

/// One entry of the journal: who did what to which resource, when, and how it ended.
#[derive(Debug, Clone, Serialize, ToSchema, diesel::Queryable)]
pub struct AuditEntry {
    pub id: i64,
    /// When (UTC).
    pub at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    /// The person's name, when they have an account.
    pub person: Option<String>,
    /// Their role in the organisation at the time (`superadmin` for the instance's).
    pub role: Option<String>,
    pub action: Action,
    /// The route's words (`referrals.accept`, `households`, `dashboard`).
    pub resource_type: String,
    pub resource_id: Option<String>,
    /// The route's pattern (`/orgs/{org_id}/referrals/{referral_id}/accept`).
    pub route: String,
    pub method: String,
    /// The request's id, as in the server's logs and the `X-Request-Id` header.
    pub request_id: Option<Uuid>,
    pub status: i16,
    pub outcome: Outcome,
}
