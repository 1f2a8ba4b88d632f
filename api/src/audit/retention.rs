//! Deletes journal entries past the retention period (12 months by default, the CNIL's
//! guidance for such logs being 6 to 12). Runs hourly on the owner's connection, the only
//! one the append-only rules let delete; deleting what is already gone is nothing, so
//! several instances may run it together. The clock is a parameter, for tests.

use std::time::Duration;

use chrono::{DateTime, Months, Utc};

use crate::platform::error::ApiResult;

pub async fn run(owner_url: String, months: u32) {
    let pool = match crate::platform::db::pool(&owner_url, 1) {
        Ok(pool) => pool,
        Err(err) => {
            tracing::error!(error = %err, "journal retention: no owner connection; entries are kept");
            return;
        }
    };
    // The first pass waits a few minutes: a restart is not the moment for extra work.
    let first = tokio::time::Instant::now() + Duration::from_secs(300);
    let mut tick = tokio::time::interval_at(first, Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let pool = pool.clone();
        let result = actix_web::web::block(move || -> ApiResult<usize> {
            let mut conn = pool.get()?;
            purge(&mut conn, Utc::now(), months)
        })
        .await;
        match result {
            Ok(Ok(0)) => {}
            Ok(Ok(deleted)) => tracing::info!(deleted, months, "journal retention"),
            Ok(Err(err)) => tracing::warn!(error = %err, "journal retention failed"),
            Err(err) => tracing::warn!(error = %err, "journal retention could not run"),
        }
    }
}

/// Deletes the entries older than `months` before `now`.
pub fn purge(conn: &mut diesel::PgConnection, now: DateTime<Utc>, months: u32) -> ApiResult<usize> {
    let cutoff = now.checked_sub_months(Months::new(months)).unwrap_or(now);
    super::repo::purge_before(conn, cutoff)
}
