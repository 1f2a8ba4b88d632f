//! Delivers queued text messages to the configured SMS gateway: one POST per message, JSON
//! `{"to": "+33612345678", "text": "…"}`, any 2xx meaning accepted. Like the email outbox,
//! rows are locked with `FOR UPDATE SKIP LOCKED` (two instances never send one twice) and
//! read on the owner's connection (the request role may only queue: a family's number).

use std::time::Duration;

use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::error::ApiError;
use crate::schema::outbox_sms;

const BATCH: i64 = 20;
const MAX_ATTEMPTS: i32 = 5;

pub async fn run(gateway: Option<String>, owner_url: String) {
    let Some(gateway) = gateway else {
        tracing::info!("no SMS gateway: families who prefer SMS are on the staff's call list");
        return;
    };
    let pool = match crate::platform::db::pool(&owner_url, 1) {
        Ok(pool) => pool,
        Err(err) => {
            tracing::error!(error = %err, "sms outbox: no owner connection; messages stay queued");
            return;
        }
    };
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .build();
    let mut tick = tokio::time::interval(Duration::from_secs(15));
    loop {
        tick.tick().await;
        let (pool, agent, gateway) = (pool.clone(), agent.clone(), gateway.clone());
        let result = actix_web::web::block(move || deliver_batch(&pool, &agent, &gateway)).await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "sms delivery failed"),
            Err(err) => tracing::warn!(error = %err, "sms delivery could not run"),
        }
    }
}

/// Sends one batch; a failure is recorded on its row and retried (five attempts).
pub fn deliver_batch(
    pool: &crate::platform::db::PgPool,
    agent: &ureq::Agent,
    gateway: &str,
) -> Result<(), ApiError> {
    let mut conn = pool.get()?;
    conn.transaction(|conn| {
        let rows: Vec<(Uuid, String, String)> = outbox_sms::table
            .filter(outbox_sms::sent_at.is_null())
            .filter(outbox_sms::attempts.lt(MAX_ATTEMPTS))
            .order(outbox_sms::created_at)
            .limit(BATCH)
            .select((outbox_sms::id, outbox_sms::recipient, outbox_sms::body))
            .for_update()
            .skip_locked()
            .load(conn)?;
        for (id, to, text) in rows {
            let outcome = agent
                .post(gateway)
                .send_json(serde_json::json!({ "to": to, "text": text }));
            let target = outbox_sms::table.find(id);
            match outcome {
                Ok(_) => diesel::update(target)
                    .set((
                        outbox_sms::sent_at.eq(diesel::dsl::now),
                        outbox_sms::attempts.eq(outbox_sms::attempts + 1),
                    ))
                    .execute(conn)?,
                Err(err) => diesel::update(target)
                    .set((
                        // The status or transport error, never the message or the number.
                        outbox_sms::last_error.eq(match err {
                            ureq::Error::Status(code, _) => format!("gateway answered {code}"),
                            ureq::Error::Transport(t) => t.kind().to_string(),
                        }),
                        outbox_sms::attempts.eq(outbox_sms::attempts + 1),
                    ))
                    .execute(conn)?,
            };
        }
        Ok(())
    })
}
