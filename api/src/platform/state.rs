//! What every handler can reach: the database doors, the token keys, the configuration,
//! the mailer and the clock.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub config: Arc<Config>,
    pub mailer: Mailer,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let mailer = Mailer::new(&config);
        Self {
            db,
            jwt: JwtKeys::new(&config.jwt_secret),
            config: Arc::new(config),
            mailer,
        }
    }
}
