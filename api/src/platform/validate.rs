//! Field rules shared by several modules (French phones and postcodes, blanks),
//! written as `validator` custom functions so a DTO names them in its attributes.

use validator::ValidationError;

/// A search text from a query string: at most 100 characters, no control character (None
/// when absent or blank).
pub fn search_text(
    q: Option<&str>,
    field: &str,
) -> Result<Option<String>, crate::platform::error::ApiError> {
    use crate::platform::error::ApiError;
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > 100 {
        return Err(ApiError::field(
            field,
            "Ce champ compte au plus 100 caractères.",
        ));
    }
    if crate::platform::http::body::has_control(q) {
        return Err(ApiError::field(
            field,
            crate::platform::http::body::CONTROL_MESSAGE,
        ));
    }
    Ok(Some(q.to_owned()))
}

/// French phone numbers as people write them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12…
pub fn validate_phone(phone: &str) -> Result<(), ValidationError> {
    normalise_phone(phone).map(|_| ()).ok_or_else(|| {
        ValidationError::new("phone").with_message(
            "Ce n'est pas un numéro de téléphone français (par exemple 06 12 34 56 78).".into(),
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
            .with_message("Le code postal compte cinq chiffres, par exemple 59590.".into()))
    }
}

/// Rejects strings that are only blanks where a value is expected.
pub fn validate_not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("blank").with_message("Ce champ ne doit pas être vide.".into()))
    } else {
        Ok(())
    }
}

/// Marks every item whose key already appeared earlier in the list (the second "Fatima" of a
/// sheet, a competence noted twice), at `field(i)`.
pub fn flag_repeats<T, K: PartialEq>(
    items: &[T],
    key: impl Fn(&T) -> K,
    field: impl Fn(usize) -> String,
    message: &str,
    errors: &mut crate::platform::error::FieldErrors,
) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|earlier| key(earlier) == key(item)) {
            crate::platform::error::add_field_error(errors, &field(i), message);
        }
    }
}
