//! Reminders to families, the SMS outbox and calendar feeds.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Uuid as SqlUuid};
use uuid::Uuid;

use crate::cycles::reminders::{ReminderChannel, ReminderReason};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{calendar_feeds as f, outbox_sms, session_reminders as r};

pub struct NewReminder<'a> {
    pub session_id: Uuid,
    pub household_id: Uuid,
    pub reason: ReminderReason,
    pub starts_at: DateTime<Utc>,
    pub channel: ReminderChannel,
    pub phone: Option<&'a str>,
    pub message: &'a str,
}

/// Records a reminder unless this one (session, household, reason, time) exists: true when
/// it is new, so the message is sent once.
pub fn insert(conn: &mut TenantConn<'_>, new: &NewReminder<'_>) -> ApiResult<bool> {
    let org = conn.org_id();
    Ok(diesel::insert_into(r::table)
        .values((
            r::organisation_id.eq(org),
            r::id.eq(Uuid::now_v7()),
            r::session_id.eq(new.session_id),
            r::household_id.eq(new.household_id),
            r::reason.eq(new.reason),
            r::starts_at.eq(new.starts_at),
            r::channel.eq(new.channel),
            r::phone.eq(new.phone),
            r::message.eq(new.message),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?
        == 1)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct CallRow {
    pub id: Uuid,
    pub session_id: Uuid,
    pub household_id: Uuid,
    pub reason: ReminderReason,
    pub starts_at: DateTime<Utc>,
    pub phone: Option<String>,
    pub message: String,
    pub created_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
}

/// The calls written between two instants, oldest first.
pub fn calls(
    conn: &mut TenantConn<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<CallRow>> {
    let org = conn.org_id();
    Ok(r::table
        .filter(
            r::organisation_id
                .eq(org)
                .and(r::channel.eq(ReminderChannel::Call)),
        )
        .filter(r::created_at.ge(from).and(r::created_at.lt(to)))
        .order((r::created_at, r::id))
        .limit(500)
        .select(CallRow::as_select())
        .load(conn.conn())?)
}

/// Marks a call made; false when there is no such call.
pub fn mark_called(conn: &mut TenantConn<'_>, id: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    Ok(diesel::update(
        r::table
            .find((org, id))
            .filter(r::channel.eq(ReminderChannel::Call)),
    )
    .set((r::called_at.eq(now), r::called_by.eq(actor)))
    .execute(conn.conn())?
        == 1)
}

/// Queues a text message (the request role may write, never read, the outbox).
pub fn queue_sms(conn: &mut TenantConn<'_>, to: &str, body: &str) -> ApiResult<()> {
    diesel::insert_into(outbox_sms::table)
        .values((
            outbox_sms::id.eq(Uuid::now_v7()),
            outbox_sms::recipient.eq(to),
            outbox_sms::body.eq(body),
        ))
        .execute(conn.conn())?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = f)]
pub struct FeedRow {
    pub id: Uuid,
    pub cycle_id: Option<Uuid>,
    pub facilitator_id: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub fn insert_feed(
    conn: &mut TenantConn<'_>,
    token_hash: &str,
    cycle: Option<Uuid>,
    facilitator: Option<Uuid>,
) -> ApiResult<FeedRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    Ok(diesel::insert_into(f::table)
        .values((
            f::organisation_id.eq(org),
            f::id.eq(Uuid::now_v7()),
            f::token_hash.eq(token_hash),
            f::cycle_id.eq(cycle),
            f::facilitator_id.eq(facilitator),
            f::created_by.eq(actor),
        ))
        .returning(FeedRow::as_returning())
        .get_result(conn.conn())?)
}

/// The feeds a person made, newest first.
pub fn feeds_of(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<Vec<FeedRow>> {
    let org = conn.org_id();
    Ok(f::table
        .filter(f::organisation_id.eq(org).and(f::created_by.eq(user)))
        .order(f::created_at.desc())
        .select(FeedRow::as_select())
        .load(conn.conn())?)
}

/// Revokes a feed its maker (or any admin, `any_maker`) holds; false when none matched.
pub fn revoke_feed(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    maker: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let org = conn.org_id();
    let mut query = diesel::update(f::table.find((org, id)))
        .filter(f::revoked_at.is_null())
        .into_boxed();
    if let Some(user) = maker {
        query = query.filter(f::created_by.eq(user));
    }
    Ok(query.set(f::revoked_at.eq(now)).execute(conn.conn())? == 1)
}

#[derive(QueryableByName)]
pub struct FeedKey {
    #[diesel(sql_type = SqlUuid)]
    pub organisation_id: Uuid,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub cycle_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub facilitator_id: Option<Uuid>,
}

/// Which feed a URL's hash opens (none when unknown or revoked), outside any door: the
/// owner's function answers for that one hash only.
pub fn feed_key(conn: &mut PgConnection, token_hash: &str) -> ApiResult<Option<FeedKey>> {
    Ok(diesel::sql_query(
        "SELECT organisation_id, cycle_id, facilitator_id FROM calendar_feed_key($1)",
    )
    .bind::<Text, _>(token_hash)
    .get_result(conn)
    .optional()?)
}
