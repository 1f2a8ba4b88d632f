//! What every handler can reach: the database doors, the token keys, the configuration,
//! the mailer and the clock.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;

/// Requests a client address may make to the public look-ups (certificate checks): 30 a
/// minute, 10 at once. Per API process.
pub type PublicLimiter = governor::DefaultKeyedRateLimiter<String>;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub public_limiter: Arc<PublicLimiter>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let mailer = Mailer::new(&config);
        Self {
            db,
            jwt: JwtKeys::new(&config.jwt_secret),
            config: Arc::new(config),
            mailer,
            public_limiter: Arc::new(governor::RateLimiter::keyed(
                governor::Quota::per_minute(std::num::NonZeroU32::new(30).expect("non-zero"))
                    .allow_burst(std::num::NonZeroU32::new(10).expect("non-zero")),
            )),
        }
    }
}
