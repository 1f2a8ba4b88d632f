//! Password reset links, stored as hashes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiResult;
use crate::schema::password_resets as pr;

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

/// A new link; `issuer` is (admin, organisation) for a link an admin issued.
pub fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    issuer: Option<(Uuid, Uuid)>,
) -> ApiResult<()> {
    diesel::insert_into(pr::table)
        .values((
            pr::id.eq(Uuid::now_v7()),
            pr::user_id.eq(user_id),
            pr::token_hash.eq(token_hash),
            pr::expires_at.eq(expires_at),
            pr::issued_by.eq(issuer.map(|i| i.0)),
            pr::issued_in.eq(issuer.map(|i| i.1)),
        ))
        .execute(conn)?;
    Ok(())
}

/// An open link: its id, the person, their email, and who issued it where (admin links).
#[derive(Debug, QueryableByName)]
pub struct OpenReset {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub user_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub email: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub issued_by: Option<Uuid>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Uuid>)]
    pub issued_in: Option<Uuid>,
}

/// An unused, unexpired link of an active account (`reset_link`: the request role cannot
/// read link hashes, only present one).
pub fn find_open(conn: &mut PgConnection, token_hash: &str) -> ApiResult<Option<OpenReset>> {
    Ok(diesel::sql_query(
        "SELECT l.id, u.id AS user_id, u.email, l.issued_by, l.issued_in \
           FROM reset_link($1) l JOIN users u ON u.id = l.user_id \
          WHERE u.active",
    )
    .bind::<diesel::sql_types::Text, _>(token_hash)
    .get_result(conn)
    .optional()?)
}

/// Marks the link used; false when it was used meanwhile.
pub fn claim(conn: &mut PgConnection, id: Uuid) -> ApiResult<bool> {
    let claimed = diesel::update(pr::table.find(id).filter(pr::used_at.is_null()))
        .set(pr::used_at.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(claimed == 1)
}
