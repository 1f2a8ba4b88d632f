//! What every handler can reach: the database doors, the token keys, the configuration,
//! the mailer and the clock.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::db::Db;
use crate::mail::Mailer;

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
