//! Refresh tokens: one row per token, grouped in families (one per sign-in).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiResult;
use crate::schema::refresh_tokens as rt;

pub fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    family: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::insert_into(rt::table)
        .values((
            rt::id.eq(Uuid::now_v7()),
            rt::user_id.eq(user_id),
            rt::family_id.eq(family),
            rt::token_hash.eq(token_hash),
            rt::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A refresh token as stored (without its hash, which only the database compares).
#[derive(Debug, QueryableByName)]
pub struct TokenRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub user_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub family_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub expires_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    pub used_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The token with this hash, locked until the transaction ends (`session_token`: the
/// request role cannot read token hashes, only present one).
pub fn find_for_update(conn: &mut PgConnection, token_hash: &str) -> ApiResult<Option<TokenRow>> {
    Ok(diesel::sql_query(
        "SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM session_token($1)",
    )
    .bind::<diesel::sql_types::Text, _>(token_hash)
    .get_result(conn)
    .optional()?)
}

pub fn family_of(conn: &mut PgConnection, token_hash: &str) -> ApiResult<Option<Uuid>> {
    Ok(find_for_update(conn, token_hash)?.map(|t| t.family_id))
}

pub fn mark_used(conn: &mut PgConnection, id: Uuid) -> ApiResult<()> {
    diesel::update(rt::table.find(id))
        .set(rt::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
}

pub fn revoke_family(conn: &mut PgConnection, family: Uuid) -> ApiResult<()> {
    diesel::update(
        rt::table
            .filter(rt::family_id.eq(family))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}

pub fn revoke_all(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}
