//! The text shown to a family before it is referred, versioned: a referral records the
//! version the referrer attests to have shown. Old versions stay valid for attestations
//! made while they were current.

use serde::Serialize;
use utoipa::ToSchema;

pub const CURRENT_VERSION: &str = "2026-09";

/// (version, text), newest first.
pub const VERSIONS: &[(&str, &str)] = &[(
    "2026-09",
    "J'accepte que mes coordonnées et la composition de mon foyer soient transmises à la \
     structure d'accompagnement choisie, pour être contacté·e et participer au programme \
     Solidaires et Connectés (cycle d'accompagnement au numérique et équipement en ordinateur). \
     Je peux retirer mon accord à tout moment auprès de la personne qui m'oriente ou de la \
     structure. Mes données ne sont utilisées que pour cet accompagnement.",
)];

pub fn is_known(version: &str) -> bool {
    VERSIONS.iter().any(|(v, _)| *v == version)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentText {
    /// Send this back as `consent.text_version`.
    pub version: String,
    /// The text to read to (or with) the family.
    pub text: String,
    /// What sharing progress with the referrer means, to explain the second choice.
    pub share_progress_text: String,
}

/// What a family is shown before being referred to a structure: the structure's own consent
/// text when it published one (`v<N>`), else the platform's.
pub fn for_structure(own: Option<(i32, String)>) -> ConsentText {
    let platform = current();
    match own {
        Some((version, text)) => ConsentText {
            version: crate::texts::domain::label(version),
            text,
            ..platform
        },
        None => platform,
    }
}

pub fn current() -> ConsentText {
    let text = VERSIONS
        .iter()
        .find(|(v, _)| *v == CURRENT_VERSION)
        .map(|(_, t)| *t)
        .unwrap_or_default();
    ConsentText {
        version: CURRENT_VERSION.to_owned(),
        text: text.to_owned(),
        share_progress_text: "J'accepte que la personne qui m'oriente soit informée de mon parcours : \
                              inscription à un cycle, nombre de séances suivies, fin du cycle, remise \
                              de l'ordinateur. Rien d'autre ne lui est transmis."
            .to_owned(),
    }
}
