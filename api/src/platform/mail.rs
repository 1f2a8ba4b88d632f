//! Email: every message is written to the outbox table in the transaction that causes it
//! (so it is never lost), then delivered by the outbox job when SMTP is configured.
//! Without SMTP the subject and recipient are logged and the message stays in the outbox.

use diesel::prelude::*;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

use crate::platform::config::Config;
use crate::platform::error::ApiResult;
use crate::schema::outbox_emails;

#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Option<Mailbox>,
}

impl Mailer {
    pub fn new(config: &Config) -> Self {
        let transport = config.smtp_url.as_deref().and_then(|url| {
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| builder.build())
                .map_err(|err| tracing::error!(error = %err, "SMTP URL rejected; emails stay in the outbox"))
                .ok()
        });
        let from = config.smtp_from.parse::<Mailbox>().ok();
        Self { transport, from }
    }

    pub fn is_configured(&self) -> bool {
        self.transport.is_some() && self.from.is_some()
    }

    /// Sends one message now (used by the outbox job).
    pub async fn deliver(&self, recipient: &str, subject: &str, body: &str) -> Result<(), String> {
        let (Some(transport), Some(from)) = (&self.transport, &self.from) else {
            return Err("SMTP is not configured".into());
        };
        let to: Mailbox = recipient
            .parse()
            .map_err(|e| format!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .body(body.to_owned())
            .map_err(|e| e.to_string())?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Queues an email in the caller's transaction.
pub fn queue(conn: &mut PgConnection, recipient: &str, subject: &str, body: &str) -> ApiResult<()> {
    diesel::insert_into(outbox_emails::table)
        .values((
            outbox_emails::id.eq(Uuid::now_v7()),
            outbox_emails::recipient.eq(recipient),
            outbox_emails::subject.eq(subject),
            outbox_emails::body.eq(body),
        ))
        .execute(conn)?;
    tracing::info!(subject, "email queued in the outbox");
    Ok(())
}
