//! Every SQL statement of the auth module: the accounts (`users`) here, sessions, sign-in
//! failures and reset links in their own files. Global tables, reached through the
//! `system_tx`, `user_tx` and `token_tx` doors.

pub mod resets;
pub mod sessions;
pub mod throttle;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiResult;
use crate::schema::users;

pub fn user_names(
    conn: &mut PgConnection,
    ids: &[crate::platform::ids::UserId],
) -> ApiResult<Vec<(crate::platform::ids::UserId, String)>> {
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

pub fn set_active(conn: &mut PgConnection, user_id: Uuid, active: bool) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::active.eq(active))
        .execute(conn)?;
    Ok(())
}

pub fn membership_count(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<i32> {
    Ok(users::table
        .find(user_id)
        .select(users::membership_count)
        .first(conn)?)
}

/// The id of the account with this email (any case).
pub fn find_by_email(conn: &mut PgConnection, email: &str) -> ApiResult<Option<Uuid>> {
    Ok(users::table
        .filter(crate::platform::db::lower(users::email).eq(email.to_lowercase()))
        .select(users::id)
        .first(conn)
        .optional()?)
}

pub fn insert_user(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::email.eq(email.to_lowercase()),
            users::name.eq(name),
            users::password_hash.eq(password_hash),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn make_superadmin(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::is_superadmin.eq(true))
        .execute(conn)?;
    Ok(())
}

/// What resolving a caller needs: (email, active, superadmin, tokens valid after).
pub fn standing(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> ApiResult<Option<(String, bool, bool, DateTime<Utc>)>> {
    Ok(users::table
        .find(user_id)
        .select((
            users::email,
            users::active,
            users::is_superadmin,
            users::tokens_valid_after,
        ))
        .first(conn)
        .optional()?)
}

/// (id, email, name, locale, superadmin) of a person.
pub fn profile(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> ApiResult<(Uuid, String, String, crate::auth::views::Locale, bool)> {
    Ok(users::table
        .find(user_id)
        .select((
            users::id,
            users::email,
            users::name,
            users::locale,
            users::is_superadmin,
        ))
        .first(conn)?)
}

pub fn set_name(conn: &mut PgConnection, user_id: Uuid, name: &str) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::name.eq(name))
        .execute(conn)?;
    Ok(())
}

pub fn set_locale(
    conn: &mut PgConnection,
    user_id: Uuid,
    locale: crate::auth::views::Locale,
) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::locale.eq(locale))
        .execute(conn)?;
    Ok(())
}

/// (id, password hash, active) of the account with this email (any case).
pub fn credentials(
    conn: &mut PgConnection,
    email: &str,
) -> ApiResult<Option<(Uuid, Option<String>, bool)>> {
    Ok(users::table
        .filter(crate::platform::db::lower(users::email).eq(email.to_lowercase()))
        .select((users::id, users::password_hash, users::active))
        .first(conn)
        .optional()?)
}

pub fn password_hash(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<Option<String>> {
    Ok(users::table
        .find(user_id)
        .select(users::password_hash)
        .first(conn)?)
}

pub fn set_password_hash(conn: &mut PgConnection, user_id: Uuid, hash: &str) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// Sets the password, name and active flag of an account that never had a password.
pub fn complete_account(
    conn: &mut PgConnection,
    user_id: Uuid,
    name: &str,
    hash: &str,
) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(hash),
            users::name.eq(name),
            users::active.eq(true),
        ))
        .execute(conn)?;
    Ok(())
}

/// Refuses access tokens issued until now.
pub fn invalidate_access_tokens(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::tokens_valid_after.eq(diesel::dsl::now))
        .execute(conn)?;
    Ok(())
}

/// The id of the active account with this email (any case).
pub fn find_active_by_email(conn: &mut PgConnection, email: &str) -> ApiResult<Option<Uuid>> {
    Ok(users::table
        .filter(crate::platform::db::lower(users::email).eq(email.to_lowercase()))
        .filter(users::active.eq(true))
        .select(users::id)
        .first(conn)
        .optional()?)
}

pub fn is_superadmin(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<bool> {
    Ok(users::table
        .find(user_id)
        .select(users::is_superadmin)
        .first(conn)?)
}

pub fn is_active(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<bool> {
    Ok(users::table
        .find(user_id)
        .select(users::active)
        .first(conn)?)
}
