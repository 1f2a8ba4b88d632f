//! Delivers queued emails when SMTP is configured. Each batch locks its rows with
//! `FOR UPDATE SKIP LOCKED`, so two instances never send the same message.
//!
//! Bodies hold one-time links, so the request role may only queue emails: this job reads
//! them on a connection of its own as the owner (the migration URL), outside any door.

use std::time::Duration;

use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::state::AppState;
use crate::schema::outbox_emails;

const BATCH: i64 = 20;
const MAX_ATTEMPTS: i32 = 5;

pub async fn run(state: AppState, owner_url: String) {
    if !state.mailer.is_configured() {
        tracing::info!("SMTP not configured: emails stay in the outbox table");
        return;
    }
    let pool = match crate::platform::db::pool(&owner_url, 1) {
        Ok(pool) => pool,
        Err(err) => {
            tracing::error!(error = %err, "outbox: no owner connection; emails stay queued");
            return;
        }
    };
    let mut tick = tokio::time::interval(Duration::from_secs(15));
    loop {
        tick.tick().await;
        if let Err(err) = deliver_batch(&state, &pool).await {
            tracing::warn!(error = %err, "outbox delivery failed");
        }
    }
}

async fn deliver_batch(
    state: &AppState,
    pool: &crate::platform::db::PgPool,
) -> Result<(), crate::platform::error::ApiError> {
    let mailer = state.mailer.clone();
    let pool = pool.clone();
    // Lock, send and mark in one transaction so a crash re-sends rather than loses.
    actix_web::web::block(move || -> Result<(), crate::platform::error::ApiError> {
        let mut conn = pool.get()?;
        conn.transaction(|conn| {
            let rows: Vec<(Uuid, String, String, String)> = outbox_emails::table
                .filter(outbox_emails::sent_at.is_null())
                .filter(outbox_emails::attempts.lt(MAX_ATTEMPTS))
                .order(outbox_emails::created_at)
                .limit(BATCH)
                .select((
                    outbox_emails::id,
                    outbox_emails::recipient,
                    outbox_emails::subject,
                    outbox_emails::body,
                ))
                .for_update()
                .skip_locked()
                .load(conn)?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            let Ok(runtime) = runtime else { return Ok(()) };
            for (id, recipient, subject, body) in rows {
                let outcome = runtime.block_on(mailer.deliver(&recipient, &subject, &body));
                let target = outbox_emails::table.find(id);
                match outcome {
                    Ok(()) => diesel::update(target)
                        .set((
                            outbox_emails::sent_at.eq(diesel::dsl::now),
                            outbox_emails::attempts.eq(outbox_emails::attempts + 1),
                        ))
                        .execute(conn)?,
                    Err(err) => diesel::update(target)
                        .set((
                            outbox_emails::last_error.eq(err),
                            outbox_emails::attempts.eq(outbox_emails::attempts + 1),
                        ))
                        .execute(conn)?,
                };
            }
            Ok(())
        })
    })
    .await?
}
