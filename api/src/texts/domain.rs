//! The kinds of a structure's texts and how a version is named where it was accepted.

crate::text_enum!(
    /// Which text.
    TextKind {
        /// How the structure uses a family's data (shown when a family is registered).
        PrivacyNotice = "privacy_notice",
        /// What a family agrees to when it is referred to the structure.
        ReferralConsent = "referral_consent",
        /// The terms a family signs when it receives a computer.
        HandoverAgreement = "handover_agreement",
    }
);

/// The version as recorded where the text was accepted: `v3`.
pub fn label(version: i32) -> String {
    format!("v{version}")
}

/// A text's body: at least 20 characters once trimmed, at most 20,000.
pub fn check_body(body: &str) -> Result<&str, &'static str> {
    let body = body.trim();
    match body.chars().count() {
        0..=19 => Err("Le texte compte au moins 20 caractères."),
        20..=20_000 => Ok(body),
        _ => Err("Le texte compte au plus 20 000 caractères."),
    }
}

/// A text's paragraphs (separated by blank lines), for printed documents.
pub fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_named_and_bodies_checked() {
        assert_eq!(label(3), "v3");
        assert!(check_body("   court   ").is_err());
        assert_eq!(
            check_body("  Un texte assez long pour être publié.  "),
            Ok("Un texte assez long pour être publié.")
        );
        assert!(check_body(&"x".repeat(20_001)).is_err());
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        assert_eq!(
            paragraphs("Premier\nparagraphe.\n\n\n  Second.  \n"),
            vec!["Premier paragraphe.", "Second."]
        );
    }
}
