//! One-time links (invitations and password resets): a random 256-bit token that the
//! person receives once (in the admin's answer, or by email), stored only as SHA-256,
//! valid 72 hours, redeemed once.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::tokens;
use crate::platform::error::ApiResult;
use crate::schema::password_resets as pr;

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

/// Issues a password reset link for `user_id`, voiding the earlier unused ones.
pub fn create_password_reset(conn: &mut PgConnection, user_id: Uuid) -> ApiResult<NewLink> {
    diesel::update(
        pr::table
            .filter(pr::user_id.eq(user_id))
            .filter(pr::used_at.is_null()),
    )
    .set(pr::used_at.eq(diesel::dsl::now))
    .execute(conn)?;
    let link = new_link();
    diesel::insert_into(pr::table)
        .values((
            pr::id.eq(Uuid::now_v7()),
            pr::user_id.eq(user_id),
            pr::token_hash.eq(&link.hash),
            pr::expires_at.eq(link.expires_at),
        ))
        .execute(conn)?;
    Ok(link)
}
