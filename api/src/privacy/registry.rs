//! The registry of personal data: each module that holds something about a family says what,
//! in which tables, how to export it, how to anonymise it and whether the family was in
//! contact since a day. The right of access, erasure and retention go through this list
//! only; a test compares it with the database's catalogue, so a new table linked to a
//! household or a referral cannot be forgotten.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;

/// Rows of one table about a family, as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Section {
    /// The table (`household_members`, `referrals`…).
    pub table: &'static str,
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<serde_json::Value>,
}

impl Section {
    pub fn new(table: &'static str, rows: Vec<serde_json::Value>) -> Self {
        Section { table, rows }
    }
}

/// What one module holds on a household.
pub struct Holding {
    pub module: &'static str,
    /// In words, for the data-protection officer (docs/data-protection.md says the same).
    pub holds: &'static str,
    /// The tables with rows about a household (directly or through its referrals).
    pub tables: &'static [&'static str],
    pub export: fn(&mut TenantConn<'_>, Uuid) -> ApiResult<Vec<Section>>,
    /// Replaces identity and contact and empties free text, keeping ids, dates, statuses and
    /// facts. Idempotent.
    pub anonymise: fn(&mut TenantConn<'_>, Uuid) -> ApiResult<()>,
    /// Of some households, those in contact with the structure since a day.
    pub contacted_since: fn(&mut TenantConn<'_>, &[Uuid], DateTime<Utc>) -> ApiResult<Vec<Uuid>>,
}

/// Every module's holding. The households' own comes last: anonymising it marks the
/// household done.
pub const REGISTRY: &[Holding] = &[
    crate::referrals::PRIVACY,
    crate::cycles::PRIVACY,
    crate::workshop::PRIVACY,
    crate::households::PRIVACY,
];

/// Everything held on a household, module by module.
pub fn export(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<Vec<Section>> {
    let mut sections = Vec::new();
    for holding in REGISTRY {
        sections.extend((holding.export)(conn, household)?);
    }
    Ok(sections)
}

/// Anonymises a household in every module.
pub fn anonymise(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<()> {
    for holding in REGISTRY {
        (holding.anonymise)(conn, household)?;
    }
    Ok(())
}

/// Of some households, those any module saw in contact since `since`.
pub fn contacted_since(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
    since: DateTime<Utc>,
) -> ApiResult<std::collections::HashSet<Uuid>> {
    let mut contacted = std::collections::HashSet::new();
    for holding in REGISTRY {
        contacted.extend((holding.contacted_since)(conn, households, since)?);
    }
    Ok(contacted)
}
