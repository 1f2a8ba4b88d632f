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

/// Opens an account with its first password (the transaction that opens an account may
/// set its first password, see `account_set_password`).
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
        ))
        .execute(conn)?;
    set_password_hash(conn, id, password_hash)?;
    Ok(id)
}

/// Only the owner may run this (the CLI and the demo seed, outside any request door): the
/// request role cannot write `is_superadmin`. It leaves any request role an enclosing
/// transaction entered (the seed's doors are savepoints of one transaction).
pub fn make_superadmin(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::sql_query("RESET ROLE").execute(conn)?;
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

diesel::define_sql_function! {
    /// The PHC string of the person's password up to its salt; NULL without a password.
    fn account_password_setting(user: diesel::sql_types::Uuid) -> diesel::sql_types::Nullable<diesel::sql_types::Text>;
}

diesel::define_sql_function! {
    /// Whether a candidate hash is the stored one (the stored hash stays in the database).
    fn account_password_matches(user: diesel::sql_types::Uuid, candidate: diesel::sql_types::Text) -> diesel::sql_types::Bool;
}

/// (id, password setting, active) of the account with this email (any case); the setting
/// is what hashing a candidate needs, never the hash.
pub fn credentials(
    conn: &mut PgConnection,
    email: &str,
) -> ApiResult<Option<(Uuid, Option<String>, bool)>> {
    Ok(users::table
        .filter(crate::platform::db::lower(users::email).eq(email.to_lowercase()))
        .select((
            users::id,
            account_password_setting(users::id),
            users::active,
        ))
        .first(conn)
        .optional()?)
}

pub fn password_setting(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<Option<String>> {
    Ok(diesel::select(account_password_setting(user_id)).get_result(conn)?)
}

pub fn password_matches(
    conn: &mut PgConnection,
    user_id: Uuid,
    candidate: &str,
) -> ApiResult<bool> {
    Ok(diesel::select(account_password_matches(user_id, candidate)).get_result(conn)?)
}

/// Through `account_set_password`, which checks that this transaction may (the person
/// themselves, a reset link or invitation being redeemed, or the account just opened).
pub fn set_password_hash(conn: &mut PgConnection, user_id: Uuid, hash: &str) -> ApiResult<()> {
    diesel::sql_query("SELECT account_set_password($1, $2)")
        .bind::<diesel::sql_types::Uuid, _>(user_id)
        .bind::<diesel::sql_types::Text, _>(hash)
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
        .set((users::name.eq(name), users::active.eq(true)))
        .execute(conn)?;
    set_password_hash(conn, user_id, hash)
}

/// Refuses access tokens issued until now, through `account_invalidate_tokens`, which
/// checks that this transaction may (the person, a reset link, an admin of one of their
/// organisations, the superadmin).
pub fn invalidate_access_tokens(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<()> {
    diesel::sql_query("SELECT account_invalidate_tokens($1)")
        .bind::<diesel::sql_types::Uuid, _>(user_id)
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
