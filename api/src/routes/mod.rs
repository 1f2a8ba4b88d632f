//! The HTTP API, one file per resource. Handlers are registered with `.service()` inside
//! `utoipa_actix_web::scope`, so each one lands in the OpenAPI document.

pub mod account;
pub mod auth;
pub mod docs;
pub mod health;
pub mod households;
pub mod invitations;
pub mod members;
pub mod notifications;
pub mod organisations;
pub mod partnerships;
pub mod referrals;
pub mod sites;

use utoipa_actix_web::service_config::ServiceConfig;
use validator::ValidationError;

/// Routes under `/api/v1`.
pub fn v1(cfg: &mut ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(account::me)
        .service(account::update_me)
        .service(account::change_password)
        .service(account::inspect_invitation)
        .service(account::accept_invitation)
        .service(account::request_reset)
        .service(account::complete_reset)
        .service(organisations::list)
        .service(organisations::create)
        .service(organisations::get_one)
        .service(organisations::update)
        .service(members::list)
        .service(members::update)
        .service(members::remove)
        .service(members::issue_reset)
        .service(invitations::list)
        .service(invitations::create)
        .service(invitations::revoke)
        .service(sites::list)
        .service(sites::create)
        .service(sites::get_one)
        .service(sites::update)
        .service(partnerships::list)
        .service(partnerships::create)
        .service(partnerships::update)
        .service(households::list)
        .service(households::create)
        .service(households::get_one)
        .service(households::replace)
        .service(referrals::consent_text)
        .service(referrals::read::counters)
        .service(referrals::read::list)
        .service(referrals::create::create)
        .service(referrals::read::get_one)
        .service(referrals::transitions::accept)
        .service(referrals::transitions::decline)
        .service(referrals::transitions::waitlist)
        .service(referrals::transitions::enrol)
        .service(referrals::transitions::complete)
        .service(referrals::transitions::drop_out)
        .service(referrals::transitions::progress)
        .service(notifications::list)
        .service(notifications::mark_all_read)
        .service(notifications::mark_read);
}

pub fn validate_locale(locale: &str) -> Result<(), ValidationError> {
    match locale {
        "fr" | "en" => Ok(()),
        _ => Err(ValidationError::new("locale").with_message("doit être fr ou en".into())),
    }
}

/// French phone numbers as people write them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12…
pub fn validate_phone(phone: &str) -> Result<(), ValidationError> {
    normalise_phone(phone).map(|_| ()).ok_or_else(|| {
        ValidationError::new("phone").with_message(
            "n'est pas un numéro de téléphone français (par exemple 06 12 34 56 78)".into(),
        )
    })
}

/// The E.164 form (+33612345678) of a French number, or None.
pub fn normalise_phone(phone: &str) -> Option<String> {
    let compact: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let national = if let Some(rest) = compact.strip_prefix("+33") {
        rest.trim_start_matches('0').to_owned()
    } else if let Some(rest) = compact.strip_prefix("0033") {
        rest.trim_start_matches('0').to_owned()
    } else if let Some(rest) = compact.strip_prefix('0') {
        rest.to_owned()
    } else {
        return None;
    };
    let valid = national.len() == 9
        && national.chars().all(|c| c.is_ascii_digit())
        && national
            .chars()
            .next()
            .is_some_and(|c| ('1'..='9').contains(&c));
    valid.then(|| format!("+33{national}"))
}

/// French postcodes: five digits.
pub fn validate_postcode(value: &str) -> Result<(), ValidationError> {
    if value.len() == 5 && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::new("postcode")
            .with_message("doit compter cinq chiffres, par exemple 59590".into()))
    }
}

/// Rejects strings that are only blanks where a value is expected.
pub fn validate_not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("blank").with_message("ne doit pas être vide".into()))
    } else {
        Ok(())
    }
}
