//! Sign-in failures, per email and client address.

use chrono::{DateTime, Utc};
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use crate::platform::error::ApiResult;
use crate::schema::login_failures as lf;

/// Serialises the attempts on one account until the transaction ends, so that counting the
/// attempts and reserving one are a single step.
pub fn lock_account(conn: &mut PgConnection, email: &str) -> ApiResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7202))")
        .bind::<diesel::sql_types::Text, _>(email)
        .execute(conn)?;
    Ok(())
}

/// (failures since `since`, the oldest of them) for the email, from `ip` when given.
pub fn failures_since(
    conn: &mut PgConnection,
    email: &str,
    ip: Option<&str>,
    since: DateTime<Utc>,
) -> ApiResult<(i64, Option<DateTime<Utc>>)> {
    let mut q = lf::table
        .filter(lf::email.eq(email))
        .filter(lf::at.gt(since))
        .select((count_star(), min(lf::at)))
        .into_boxed();
    if let Some(ip) = ip {
        q = q.filter(lf::ip.eq(ip));
    }
    Ok(q.first(conn)?)
}

/// Records a failure, and trims the rows older than `trim_before`.
pub fn record(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    trim_before: DateTime<Utc>,
) -> ApiResult<()> {
    diesel::insert_into(lf::table)
        .values((lf::email.eq(email), lf::ip.eq(ip)))
        .execute(conn)?;
    diesel::delete(lf::table.filter(lf::at.lt(trim_before))).execute(conn)?;
    Ok(())
}

pub fn clear(conn: &mut PgConnection, email: &str, ip: &str) -> ApiResult<()> {
    diesel::delete(lf::table.filter(lf::email.eq(email)).filter(lf::ip.eq(ip))).execute(conn)?;
    Ok(())
}
