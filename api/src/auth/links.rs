//! One-time links (invitations and password resets): a random 256-bit token that the
//! person receives once (in the admin's answer, or by email), stored only as SHA-256,
//! valid 72 hours, redeemed once.

use chrono::{DateTime, Duration, Utc};
use diesel::PgConnection;
use uuid::Uuid;

use super::repo::resets;
use super::tokens;
use crate::platform::error::ApiResult;

pub const LINK_TTL_HOURS: i64 = 72;

pub struct NewLink {
    pub token: String,
    pub hash: String,
    pub expires_at: DateTime<Utc>,
}

pub fn new_link() -> NewLink {
    let token = tokens::generate(32);
    NewLink {
        hash: tokens::digest(&token),
        token,
        expires_at: Utc::now() + Duration::hours(LINK_TTL_HOURS),
    }
}

/// The token travels in the URL fragment, which browsers never send to a server (so it
/// stays out of access logs and Referer headers).
pub fn invitation_url(public_url: &str, token: &str) -> String {
    format!("{public_url}/invitation#{token}")
}

pub fn reset_url(public_url: &str, token: &str) -> String {
    format!("{public_url}/reset-password#{token}")
}

/// Issues a password reset link for `user_id`, voiding the earlier unused ones. `issuer` is
/// (admin, organisation) when an admin issues it (the link then works only while that still
/// justifies it), None when the person asked for it by email.
pub fn create_password_reset(
    conn: &mut PgConnection,
    user_id: Uuid,
    issuer: Option<(Uuid, Uuid)>,
) -> ApiResult<NewLink> {
    resets::void_unused(conn, user_id)?;
    let link = new_link();
    resets::insert(conn, user_id, &link.hash, link.expires_at, issuer)?;
    Ok(link)
}
