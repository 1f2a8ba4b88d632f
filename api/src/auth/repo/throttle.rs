//! Sign-in failures, per email and client address, through the functions of the
//! `login_failures` table (the request role cannot read the table itself: who tried to sign
//! in from where is personal data).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz};

use crate::platform::error::ApiResult;

/// Serialises the attempts on one account until the transaction ends, so that counting the
/// attempts and reserving one are a single step.
pub fn lock_account(conn: &mut PgConnection, email: &str) -> ApiResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7202))")
        .bind::<Text, _>(email)
        .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Failures {
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    oldest: Option<DateTime<Utc>>,
}

/// (failures since `since`, the oldest of them) for the email, from `ip` when given.
pub fn failures_since(
    conn: &mut PgConnection,
    email: &str,
    ip: Option<&str>,
    since: DateTime<Utc>,
) -> ApiResult<(i64, Option<DateTime<Utc>>)> {
    let row: Failures = diesel::sql_query("SELECT n, oldest FROM login_failures_since($1, $2, $3)")
        .bind::<Text, _>(email)
        .bind::<Nullable<Text>, _>(ip)
        .bind::<Timestamptz, _>(since)
        .get_result(conn)?;
    Ok((row.n, row.oldest))
}

/// Records a failure (the function trims the rows older than the hourly window needs).
pub fn record(conn: &mut PgConnection, email: &str, ip: &str) -> ApiResult<()> {
    diesel::sql_query("SELECT login_failure_record($1, $2)")
        .bind::<Text, _>(email)
        .bind::<Text, _>(ip)
        .execute(conn)?;
    Ok(())
}

pub fn clear(conn: &mut PgConnection, email: &str, ip: &str) -> ApiResult<()> {
    diesel::sql_query("SELECT login_failures_clear($1, $2)")
        .bind::<Text, _>(email)
        .bind::<Text, _>(ip)
        .execute(conn)?;
    Ok(())
}
