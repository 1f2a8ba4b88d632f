//! HTTP for accounts: signing in and out, the person's own account, invitation and reset
//! links.

pub mod invitations;
pub mod me;
pub mod resets;
pub mod sign_in;

use crate::auth::password;
use crate::platform::error::{ApiError, ApiResult};

/// Hashes on a blocking thread (argon2 takes tens of milliseconds by design).
pub async fn hash_in_pool(password: String) -> ApiResult<String> {
    crate::auth::hashing::run(move || password::hash(&password))
        .await?
        .map_err(|err| ApiError::internal_from("password hashing", err))
}
