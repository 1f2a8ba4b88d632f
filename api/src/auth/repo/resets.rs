//! Password reset links, stored as hashes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiResult;
use crate::schema::{password_resets as pr, users};

/// Voids the person's unused links (a new one replaces them).
pub fn void_unused(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(
        pr::table
            .filter(pr::user_id.eq(user_id))
            .filter(pr::used_at.is_null()),
    )
    .set(pr::used_at.eq(diesel::dsl::now))
    .execute(conn)?;
    Ok(())
}

pub fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::insert_into(pr::table)
        .values((
            pr::id.eq(Uuid::now_v7()),
            pr::user_id.eq(user_id),
            pr::token_hash.eq(token_hash),
            pr::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// (link id, user id, email) of an unused, unexpired link of an active account.
pub fn find_open(
    conn: &mut PgConnection,
    token_hash: &str,
) -> ApiResult<Option<(Uuid, Uuid, String)>> {
    Ok(pr::table
        .inner_join(users::table)
        .filter(pr::token_hash.eq(token_hash))
        .filter(pr::used_at.is_null())
        .filter(pr::expires_at.gt(diesel::dsl::now))
        .filter(users::active.eq(true))
        .select((pr::id, users::id, users::email))
        .first(conn)
        .optional()?)
}

/// Marks the link used; false when it was used meanwhile.
pub fn claim(conn: &mut PgConnection, id: Uuid) -> ApiResult<bool> {
    let claimed = diesel::update(pr::table.find(id).filter(pr::used_at.is_null()))
        .set(pr::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(claimed == 1)
}
