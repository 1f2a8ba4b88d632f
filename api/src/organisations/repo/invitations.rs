//! Invitations of an organisation.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::auth::roles::{OrgKind, Role};
use crate::organisations::domain::invitation_status;
use crate::organisations::views::InvitationView;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::invitations as inv;

/// Invitations made after `since`, newest first, or only `only`.
pub fn list(
    conn: &mut TenantConn<'_>,
    since: DateTime<Utc>,
    only: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<InvitationView>> {
    let org_id = conn.org_id();
    let mut q = inv::table
        .filter(inv::organisation_id.eq(org_id))
        .filter(inv::created_at.gt(since))
        .select((
            inv::id,
            inv::email,
            inv::role,
            inv::expires_at,
            inv::accepted_at,
            inv::revoked_at,
            inv::created_at,
        ))
        .order(inv::created_at.desc())
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(inv::id.eq(id));
    }
    type Row = (
        Uuid,
        String,
        Role,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        DateTime<Utc>,
    );
    let rows: Vec<Row> = q.load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(id, email, role, expires_at, accepted_at, revoked_at, created_at)| InvitationView {
                id,
                email,
                role,
                status: invitation_status(expires_at, accepted_at, revoked_at, now),
                expires_at,
                created_at,
            },
        )
        .collect())
}

/// Revokes the pending invitations for an address (a new one replaces them).
pub fn revoke_pending_for(conn: &mut TenantConn<'_>, email: &str) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(
        inv::table
            .filter(inv::organisation_id.eq(org_id))
            .filter(inv::email.eq(email))
            .filter(inv::accepted_at.is_null())
            .filter(inv::revoked_at.is_null()),
    )
    .set(inv::revoked_at.eq(diesel::dsl::now))
    .execute(conn.conn())?;
    Ok(())
}

pub struct NewInvitation<'a> {
    pub kind: OrgKind,
    pub email: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
    pub created_by: Uuid,
}

pub fn insert(conn: &mut TenantConn<'_>, new: &NewInvitation<'_>) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(inv::table)
        .values((
            inv::organisation_id.eq(org_id),
            inv::id.eq(id),
            inv::organisation_kind.eq(new.kind),
            inv::email.eq(new.email),
            inv::role.eq(new.role),
            inv::token_hash.eq(new.token_hash),
            inv::expires_at.eq(new.expires_at),
            inv::created_by.eq(new.created_by),
        ))
        .execute(conn.conn())?;
    Ok(id)
}

pub fn revoke(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(inv::table.find((org_id, id)))
        .set(inv::revoked_at.eq(diesel::dsl::now))
        .execute(conn.conn())?;
    Ok(())
}

/// An invitation that can still be accepted.
#[derive(Debug, Clone, Queryable)]
pub struct OpenInvitation {
    pub organisation_id: Uuid,
    pub id: Uuid,
    pub organisation_kind: OrgKind,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    pub created_by: Uuid,
}

/// The invitation with this hash if it can still be accepted, locked until the transaction
/// ends. Runs in the link's door (`token_tx`: only the row with this hash is visible).
pub fn find_open(conn: &mut PgConnection, token_hash: &str) -> ApiResult<Option<OpenInvitation>> {
    // `invitation_key`: the request role cannot read invitation hashes, only present one.
    Ok(inv::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(invitations.organisation_id, invitations.id) IN \
                 (SELECT organisation_id, id FROM invitation_key(",
            )
            .bind::<diesel::sql_types::Text, _>(token_hash)
            .sql("))"),
        )
        .filter(inv::accepted_at.is_null())
        .filter(inv::revoked_at.is_null())
        .filter(inv::expires_at.gt(diesel::dsl::now))
        .select((
            inv::organisation_id,
            inv::id,
            inv::organisation_kind,
            inv::email,
            inv::role,
            inv::expires_at,
            inv::created_by,
        ))
        .for_update()
        .first(conn)
        .optional()?)
}

pub fn mark_accepted(conn: &mut PgConnection, org_id: Uuid, id: Uuid) -> ApiResult<()> {
    diesel::update(inv::table.find((org_id, id)))
        .set(inv::accepted_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
}
