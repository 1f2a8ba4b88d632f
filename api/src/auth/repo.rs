//! SQL of the auth module that other modules reach through its `mod.rs`: the accounts
//! directory's names and emails. (Sessions, links and throttling still hold their own SQL:
//! see the lint's list of files awaiting extraction in `tests/lint-sql.sh`.)

use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiResult;
use crate::schema::users;

pub fn user_names(conn: &mut PgConnection, ids: &[Uuid]) -> ApiResult<Vec<(Uuid, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)?)
}

pub fn active_email(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<Option<String>> {
    Ok(users::table
        .find(user_id)
        .filter(users::active.eq(true))
        .select(users::email)
        .first(conn)
        .optional()?)
}
