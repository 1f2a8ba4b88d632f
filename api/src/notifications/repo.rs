//! Every SQL statement of the notifications module.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::{NewNotification, NotificationKind};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::referrals::domain::ReferralStatus;
use crate::schema::notifications as n;

pub fn insert(conn: &mut TenantConn<'_>, new: &NewNotification) -> ApiResult<()> {
    diesel::insert_into(n::table)
        .values((
            n::organisation_id.eq(new.organisation_id),
            n::id.eq(Uuid::now_v7()),
            n::kind.eq(new.kind),
            n::referral_id.eq(new.referral_id),
            n::structure_id.eq(new.structure_id),
            n::status.eq(new.status),
            n::created_at.eq(new.created_at),
        ))
        .execute(conn.conn())?;
    Ok(())
}

#[derive(Debug, Queryable)]
pub struct NotificationRow {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub referral_id: Uuid,
    pub structure_id: Uuid,
    pub status: ReferralStatus,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A page of the organisation's notifications, newest first, after the cursor.
pub fn list(
    conn: &mut TenantConn<'_>,
    unread_only: bool,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> ApiResult<Vec<NotificationRow>> {
    let org_id = conn.org_id();
    let mut q = n::table
        .filter(n::organisation_id.eq(org_id))
        .select((
            n::id,
            n::kind,
            n::referral_id,
            n::structure_id,
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
        // A row comparison: one index range, where the equivalent OR scans and filters.
        q = q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(notifications.created_at, notifications.id) < (",
            )
            .bind::<diesel::sql_types::Timestamptz, _>(at)
            .sql(", ")
            .bind::<diesel::sql_types::Uuid, _>(id)
            .sql(")"),
        );
    }
    Ok(q.load(conn.conn())?)
}

pub fn unread_count(conn: &mut TenantConn<'_>) -> ApiResult<i64> {
    let org_id = conn.org_id();
    Ok(n::table
        .filter(n::organisation_id.eq(org_id))
        .filter(n::read_at.is_null())
        .count()
        .get_result(conn.conn())?)
}

/// Marks one notification read; false when the organisation has no such notification.
pub fn mark_read(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    // Already read counts as found: `read_at` keeps its first value.
    let found: Option<Option<DateTime<Utc>>> = diesel::update(n::table.find((org_id, id)))
        .set(n::read_at.eq(diesel::dsl::sql::<
            diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>,
        >("coalesce(read_at, now())")))
        .returning(n::read_at)
        .get_result(conn.conn())
        .optional()?;
    Ok(found.is_some())
}

pub fn mark_all_read(conn: &mut TenantConn<'_>) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(
        n::table
            .filter(n::organisation_id.eq(org_id))
            .filter(n::read_at.is_null()),
    )
    .set(n::read_at.eq(diesel::dsl::now))
    .execute(conn.conn())?;
    Ok(())
}
