//! Passwords: argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), PHC strings,
//! rehash on sign-in when the parameters rise; 12–128 characters, no composition rules,
//! the most common passwords refused.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 128;

const M_COST: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

fn hasher() -> Argon2<'static> {
    // The constants are valid argon2 parameters; `Params::DEFAULT` is only a fallback.
    let params = Params::new(M_COST, T_COST, P_COST, None).unwrap_or(Params::DEFAULT);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// The hash of a candidate password under a stored setting (the PHC string up to its salt,
/// as `account_password_setting` gives it): the database compares it with the stored hash,
/// which never leaves it. None when the setting is not one argon2 understands.
pub fn hash_with_setting(password: &str, setting: &str) -> Option<String> {
    let parsed = PasswordHash::new(setting).ok()?;
    let params = Params::try_from(&parsed).ok()?;
    let salt = parsed.salt?;
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    Argon2::new(algorithm, version, params.clone())
        .hash_password_customized(password.as_bytes(), None, None, params, salt)
        .ok()
        .map(|h| h.to_string())
}

/// Whether a stored hash was made with weaker parameters than today's.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || params.m_cost() < M_COST
        || params.t_cost() < T_COST
        || params.p_cost() < P_COST
}

/// A setting to hash with when the account does not exist, so that an unknown email
/// takes as long as a wrong password.
pub fn dummy_setting() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let full = hash("dummy password for timing").unwrap_or_default();
        full.rsplit_once('$')
            .map(|(setting, _)| setting.to_owned())
            .unwrap_or_default()
    })
}

/// Why a new password is refused, in words a person can act on; `None` when it is fine.
pub fn weakness(password: &str, email: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Some(format!(
            "Le mot de passe doit compter au moins {MIN_LEN} caractères ; une petite phrase se retient facilement."
        ));
    }
    if chars > MAX_LEN {
        return Some(format!(
            "Le mot de passe compte au plus {MAX_LEN} caractères."
        ));
    }
    let lower = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
    if common_passwords().contains(lower.as_str())
        || common_passwords().contains(lower.trim_end_matches(|c: char| c.is_ascii_digit()))
    {
        return Some(
            "Ce mot de passe fait partie des plus courants : choisissez-en un autre.".to_owned(),
        );
    }
    if lower.chars().all(|c| lower.starts_with(c)) {
        return Some("Le mot de passe ne doit pas répéter un seul caractère.".to_owned());
    }
    if !local_part.is_empty() && lower.contains(&local_part) && local_part.len() * 2 >= chars {
        return Some("Le mot de passe ne doit pas reprendre votre adresse e-mail.".to_owned());
    }
    None
}

/// The 20,000 most common passwords (from Django's list, BSD licence), plus local words.
fn common_passwords() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let gz: &[u8] = include_bytes!("common-passwords.txt.gz");
        let mut text = String::new();
        let read = flate2::read::GzDecoder::new(gz).read_to_string(&mut text);
        if let Err(err) = read {
            tracing::error!(error = %err, "common password list unreadable");
        }
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .chain(LOCAL_WORDS.iter().map(|w| (*w).to_owned()))
            .collect()
    })
}

/// Passwords people here would reach for first.
const LOCAL_WORDS: &[&str] = &[
    "motdepasse",
    "motdepasse!",
    "azertyuiop",
    "azertyuiopqsdf",
    "solidaires",
    "solidairesetconnectes",
    "centresocial",
    "maisondequartier",
    "raismes",
    "valenciennes",
    "bienvenue",
    "soleil",
    "jetaime",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn setting_of(phc: &str) -> &str {
        phc.rsplit_once('$').map(|(s, _)| s).unwrap_or_default()
    }

    #[test]
    fn the_setting_and_the_right_password_give_the_stored_hash_back() {
        let stored = hash("une phrase de passe assez longue").expect("hashes");
        let setting = setting_of(&stored);
        assert_eq!(
            hash_with_setting("une phrase de passe assez longue", setting).as_deref(),
            Some(stored.as_str())
        );
        assert_ne!(
            hash_with_setting("une autre phrase de passe", setting).as_deref(),
            Some(stored.as_str())
        );
        assert!(!needs_rehash(setting), "today's parameters need no rehash");
    }

    #[test]
    fn a_setting_argon2_cannot_read_gives_nothing() {
        assert_eq!(hash_with_setting("x", "$bcrypt$whatever"), None);
        assert_eq!(hash_with_setting("x", ""), None);
        assert!(!dummy_setting().is_empty());
    }
}
