//! Access tokens: HS256 JWTs, 15 minutes, with sub/iat/exp/iss/aud/jti.
//! The algorithm is pinned; exp, iss, aud and sub are required; 30 s of leeway.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "solidaires";
pub const AUDIENCE: &str = "solidaires-api";
pub const ACCESS_TTL_SECS: i64 = 15 * 60;
const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    /// Issued-at with millisecond precision (a NumericDate may be fractional), so that a
    /// revocation and a new sign-in within the same second are told apart.
    pub iat: f64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    pub jti: Uuid,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Derives a refresh token's successor from it (see `session::rotate`).
    successor_key: std::sync::Arc<Vec<u8>>,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = LEEWAY_SECS;
        validation.validate_exp = true;
        use sha2::Digest;
        let mut successor_key = sha2::Sha256::new();
        successor_key.update(b"solidaires refresh successor\0");
        successor_key.update(secret);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            successor_key: std::sync::Arc::new(successor_key.finalize().to_vec()),
        }
    }

    /// The refresh token that succeeds `token`: derived (HMAC) rather than random, so that
    /// presenting `token` again within the grace window gives the very same successor without
    /// storing it. Unpredictable without both `token` and the server's secret.
    pub fn successor_of(&self, token: &str) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        use hmac::{Mac, SimpleHmac};
        let mut mac = match SimpleHmac::<sha2::Sha256>::new_from_slice(&self.successor_key) {
            Ok(mac) => mac,
            // HMAC takes a key of any length: this branch cannot be reached.
            Err(_) => return super::tokens::generate(32),
        };
        mac.update(token.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Issues a token for `user_id`, valid 15 minutes from `now`.
    pub fn issue(
        &self,
        user_id: Uuid,
        now: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<(String, Claims)> {
        let claims = Claims {
            sub: user_id,
            iat: now.timestamp_millis() as f64 / 1000.0,
            exp: now.timestamp() + ACCESS_TTL_SECS,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            jti: Uuid::now_v7(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, claims))
    }

    /// Whether a token issued at `iat` predates a revocation at `valid_after`.
    pub fn issued_before(iat: f64, valid_after: chrono::DateTime<chrono::Utc>) -> bool {
        ((iat * 1000.0).round() as i64) < valid_after.timestamp_millis()
    }

    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .ok()
    }
}
