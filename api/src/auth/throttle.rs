//! Password-check throttling, shared by every API instance through the `login_failures`
//! table: 5 attempts in a minute for one (IP, account), or 100 in an hour for one account,
//! and further attempts get 429 with `Retry-After` until the window has passed.
//!
//! An attempt is *reserved* before its password is hashed ([`reserve`]): under a lock on the
//! account, the recent attempts are counted and this one recorded as a failure in the same
//! step, so 25 concurrent guesses see each other and at most 5 are evaluated. A right
//! password then clears the (IP, account) record ([`clear`]).

use chrono::{DateTime, Duration, Utc};
use diesel::PgConnection;

use super::repo::throttle as repo;
use crate::platform::error::{ApiError, ApiResult};

const PER_IP_ACCOUNT_PER_MINUTE: i64 = 5;
const PER_ACCOUNT_PER_HOUR: i64 = 100;

/// Reserves an attempt on `email` from `ip`: 429 when a limit is reached, otherwise the
/// attempt is recorded (as a failure until [`clear`] says otherwise). Run it in its own
/// transaction, committed before the password is checked.
pub fn reserve(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    repo::lock_account(conn, email)?;
    check(conn, email, ip, now)?;
    repo::record(conn, email, ip)
}

/// Refuses the attempt when a limit is reached; otherwise Ok.
fn check(conn: &mut PgConnection, email: &str, ip: &str, now: DateTime<Utc>) -> ApiResult<()> {
    let minute_ago = now - Duration::minutes(1);
    let (recent, oldest) = repo::failures_since(conn, email, Some(ip), minute_ago)?;
    if recent >= PER_IP_ACCOUNT_PER_MINUTE {
        return Err(ApiError::too_many_requests(wait_until(
            oldest,
            Duration::minutes(1),
            now,
        )));
    }
    let hour_ago = now - Duration::hours(1);
    let (hourly, oldest) = repo::failures_since(conn, email, None, hour_ago)?;
    if hourly >= PER_ACCOUNT_PER_HOUR {
        return Err(ApiError::too_many_requests(wait_until(
            oldest,
            Duration::hours(1),
            now,
        )));
    }
    Ok(())
}

fn wait_until(oldest: Option<DateTime<Utc>>, window: Duration, now: DateTime<Utc>) -> u64 {
    let free_at = oldest.unwrap_or(now) + window;
    (free_at - now).num_seconds().clamp(1, window.num_seconds()) as u64
}

pub fn clear(conn: &mut PgConnection, email: &str, ip: &str) -> ApiResult<()> {
    repo::clear(conn, email, ip)
}
