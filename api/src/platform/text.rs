//! Text folding for search and duplicate detection: case- and accent-insensitive, so
//! "Hélène DUPRÉ" and "helene dupre" are the same person to the machine.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed, punctuation turned into spaces, spaces collapsed.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || c == '@' || c == '+' {
                c
            } else {
                ' '
            }
        })
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "first last", folded: the key of the name rule of duplicate detection.
pub fn folded_name(first: &str, last: &str) -> String {
    fold(&format!("{first} {last}"))
}

/// Escapes `%`, `_` and `\` for a LIKE pattern.
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Today in Paris (the day people of the network live in, whatever the server's zone).
pub fn paris_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// A day as French documents write it: "28/11/2026".
pub fn french_date(day: chrono::NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("  Hélène   DUPRÉ-Noël "), "helene dupre noel");
        assert_eq!(folded_name("Zoé", "Lefèvre"), folded_name("zoe", "LEFEVRE"));
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }
}
