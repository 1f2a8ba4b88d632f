//! Retention: a structure's households, their members and their referrals are anonymised
//! once no module has seen the family in contact for the structure's months (24 by
//! default), and referrals never linked to a household once nothing happened to them for as
//! long. Runs daily; each page of candidates is locked by its transaction (`SKIP LOCKED`)
//! and anonymising an anonymised household does nothing, so several instances may run it.
//! The clock is a parameter, for tests.

use std::time::Duration;

use chrono::{DateTime, Months, Utc};

use super::registry;
use crate::auth::Actor;
use crate::platform::db::{with_org, PgPool};
use crate::platform::error::ApiResult;

const PAGE: i64 = 500;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub households: usize,
    pub referrals: usize,
}

pub async fn run(pool: PgPool) {
    // The first pass waits a few minutes: a restart is not the moment for extra work.
    let first = tokio::time::Instant::now() + Duration::from_secs(300);
    let mut tick = tokio::time::interval_at(first, Duration::from_secs(24 * 3600));
    loop {
        tick.tick().await;
        let pool = pool.clone();
        match actix_web::web::block(move || run_once(&pool, Utc::now())).await {
            Ok(Ok(outcome)) if outcome != Outcome::default() => {
                tracing::info!(?outcome, "retention: families anonymised")
            }
            Ok(Ok(_)) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "retention failed"),
            Err(err) => tracing::warn!(error = %err, "retention could not run"),
        }
    }
}

/// One pass over every structure, as of `now`.
pub fn run_once(pool: &PgPool, now: DateTime<Utc>) -> ApiResult<Outcome> {
    let mut conn = pool.get()?;
    let mut total = Outcome::default();
    for (org, months) in crate::organisations::structures_with_retention(&mut conn)? {
        let cutoff = now
            .checked_sub_months(Months::new(months.max(1) as u32))
            .unwrap_or(now);
        let mut after = None;
        loop {
            // One transaction per page: its candidates stay locked until it commits.
            let (last, anonymised) = with_org(&mut conn, org.0, Actor::system(), |conn| {
                let page =
                    crate::households::repo::retention_candidates(conn, cutoff, after, PAGE)?;
                let ids: Vec<_> = page.iter().map(|(_, id)| *id).collect();
                let contacted = registry::contacted_since(conn, &ids, cutoff)?;
                let mut anonymised = 0;
                for id in ids.iter().filter(|id| !contacted.contains(id)) {
                    registry::anonymise(conn, *id)?;
                    anonymised += 1;
                }
                Ok((page.last().copied(), anonymised))
            })?;
            total.households += anonymised;
            match last {
                Some(key) => after = Some(key),
                None => break,
            }
        }
        loop {
            let done = with_org(&mut conn, org.0, Actor::system(), |conn| {
                crate::referrals::repo::privacy::anonymise_unlinked(conn, cutoff, PAGE)
            })?;
            total.referrals += done;
            if done < PAGE as usize {
                break;
            }
        }
    }
    Ok(total)
}
