//! The journal's SQL: append an entry, read an organisation's page of entries, purge those
//! past the retention period (the retention job only, as the owner).

use chrono::{DateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use uuid::Uuid;

use super::domain::{Action, Outcome};
use super::views::AuditEntry;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::{audit_entries, users};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_entries)]
pub struct NewEntry {
    pub organisation_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub role: Option<&'static str>,
    pub action: Action,
    pub resource_type: String,
    pub resource_id: Option<String>,
    pub route: String,
    pub method: &'static str,
    pub request_id: Option<Uuid>,
    pub status: i16,
    pub outcome: Outcome,
}

/// Appends an entry (inside the journal's door: the policy checks its organisation).
///
/// Committed without waiting for the disk (`synchronous_commit = off`, this transaction
/// only): a read journalled would otherwise wait for a flush it never needed. PostgreSQL
/// stays consistent after a crash; a power cut may lose the entries of its last fraction of
/// a second (decision 68).
pub fn insert(conn: &mut PgConnection, entry: &NewEntry) -> ApiResult<()> {
    conn.batch_execute("SET LOCAL synchronous_commit = off")?;
    diesel::insert_into(audit_entries::table)
        .values(entry)
        .execute(conn)?;
    Ok(())
}

/// What an admin filters the journal by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub user_id: Option<Uuid>,
    pub action: Option<Action>,
    /// `referrals` also finds `referrals.accept`.
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
}

/// Newest first, `limit` rows after the keyset `(at, id)`: the organisation's entries and,
/// of the entries of no organisation (sign-ins, attempts on another's), those of its
/// members — the read policy keeps the others out.
pub fn page(
    conn: &mut TenantConn<'_>,
    filter: &Filter,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> ApiResult<Vec<AuditEntry>> {
    let org = conn.org_id();
    let mut query = audit_entries::table
        .left_join(users::table.on(users::id.nullable().eq(audit_entries::user_id)))
        .filter(
            audit_entries::organisation_id
                .eq(org)
                .or(audit_entries::organisation_id.is_null()),
        )
        .select((
            audit_entries::id,
            audit_entries::at,
            audit_entries::user_id,
            users::name.nullable(),
            audit_entries::role,
            audit_entries::action,
            audit_entries::resource_type,
            audit_entries::resource_id,
            audit_entries::route,
            audit_entries::method,
            audit_entries::request_id,
            audit_entries::status,
            audit_entries::outcome,
        ))
        .order((audit_entries::at.desc(), audit_entries::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(user) = filter.user_id {
        query = query.filter(audit_entries::user_id.eq(user));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_entries::action.eq(action));
    }
    if let Some(kind) = &filter.resource_type {
        let nested = format!("{}.%", crate::platform::text::like_escape(kind));
        query = query.filter(
            audit_entries::resource_type
                .eq(kind.clone())
                .or(audit_entries::resource_type.like(nested)),
        );
    }
    if let Some(id) = &filter.resource_id {
        query = query.filter(audit_entries::resource_id.eq(id.clone()));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_entries::at.ge(since));
    }
    if let Some(before) = filter.before {
        query = query.filter(audit_entries::at.lt(before));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            audit_entries::at
                .lt(at)
                .or(audit_entries::at.eq(at).and(audit_entries::id.lt(id))),
        );
    }
    Ok(query.load(conn.conn())?)
}

/// Deletes, in batches, the entries written before `cutoff`; returns how many. Runs on the
/// owner's connection: the trigger and the delete policy let only a transaction that says
/// it is the retention job through, and never the request role.
pub fn purge_before(conn: &mut PgConnection, cutoff: DateTime<Utc>) -> ApiResult<usize> {
    const BATCH: i64 = 5_000;
    let mut total = 0;
    loop {
        let deleted = conn.transaction(|conn| {
            conn.batch_execute("SET LOCAL app.audit_purge = 'on'")?;
            diesel::sql_query(
                "DELETE FROM audit_entries WHERE id IN \
                   (SELECT id FROM audit_entries WHERE at < $1 ORDER BY id LIMIT $2)",
            )
            .bind::<diesel::sql_types::Timestamptz, _>(cutoff)
            .bind::<diesel::sql_types::BigInt, _>(BATCH)
            .execute(conn)
        })?;
        total += deleted;
        if deleted < BATCH as usize {
            return Ok(total);
        }
    }
}
