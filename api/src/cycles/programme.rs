//! The programme a structure starts from: the 8 sessions of the programme text
//! (`shared/seed/programme.txt`), each with its themes in the vocabulary of La Coop de la
//! médiation numérique, so that activity reports map onto theirs.

use crate::text_enum;

text_enum!(
    /// A theme of digital mediation (La Coop de la médiation numérique's vocabulary).
    Theme {
        /// Prendre en main du matériel.
        Equipment = "equipment",
        /// Bureautique.
        OfficeSoftware = "office_software",
        /// Courriels.
        Email = "email",
        /// Navigation sur internet.
        Browsing = "browsing",
        /// Sécurité numérique.
        DigitalSecurity = "digital_security",
        /// Démarches en ligne.
        OnlineProcedures = "online_procedures",
        /// École et numérique (ENT, Pronote).
        SchoolAndDigital = "school_and_digital",
        /// Parentalité et numérique.
        ParentingAndDigital = "parenting_and_digital",
    }
);

/// One module of a programme, as the default gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleTemplate {
    pub title: &'static str,
    pub objectives: &'static str,
    pub duration_minutes: u32,
    pub themes: &'static [Theme],
}

/// "Parcours numérique des familles": 8 sessions of two hours.
pub const DEFAULT_MODULES: [ModuleTemplate; 8] = [
    ModuleTemplate {
        title: "L'ordinateur en main : clavier et souris",
        objectives: "Allumer et éteindre l'ordinateur, utiliser la souris et le clavier, ouvrir un programme.",
        duration_minutes: 120,
        themes: &[Theme::Equipment],
    },
    ModuleTemplate {
        title: "Fichiers et dossiers",
        objectives: "Ranger, retrouver et nommer ses fichiers ; utiliser une clé USB.",
        duration_minutes: 120,
        themes: &[Theme::Equipment, Theme::OfficeSoftware],
    },
    ModuleTemplate {
        title: "Traitement de texte et documents",
        objectives: "Écrire une lettre, l'enregistrer, l'imprimer ou l'envoyer en PDF.",
        duration_minutes: 120,
        themes: &[Theme::OfficeSoftware],
    },
    ModuleTemplate {
        title: "Internet et courriel",
        objectives: "Chercher une information, créer et utiliser une adresse e-mail, joindre un document.",
        duration_minutes: 120,
        themes: &[Theme::Browsing, Theme::Email],
    },
    ModuleTemplate {
        title: "Démarches en ligne : FranceConnect et la CAF",
        objectives: "Se connecter avec FranceConnect, consulter son espace CAF, déclarer ses ressources.",
        duration_minutes: 120,
        themes: &[Theme::OnlineProcedures],
    },
    ModuleTemplate {
        title: "Démarches en ligne : Ameli et impots.gouv",
        objectives: "Consulter ses remboursements, télécharger une attestation, déclarer ses revenus, seul·e.",
        duration_minutes: 120,
        themes: &[Theme::OnlineProcedures],
    },
    ModuleTemplate {
        title: "L'ENT et Pronote : suivre la scolarité",
        objectives: "Se connecter à l'ENT, lire le cahier de textes et les notes, écrire à un enseignant.",
        duration_minutes: 120,
        themes: &[Theme::SchoolAndDigital, Theme::ParentingAndDigital],
    },
    ModuleTemplate {
        title: "Pronote et sécurité numérique",
        objectives: "Suivre les absences et le travail à faire ; protéger ses mots de passe, reconnaître une arnaque.",
        duration_minutes: 120,
        themes: &[Theme::SchoolAndDigital, Theme::DigitalSecurity],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_follows_the_programme_text() {
        // Keyboard and mouse; files and office software (2); internet and email; online
        // procedures (2); ENT/Pronote (2, with digital safety).
        let count = |theme: Theme| {
            DEFAULT_MODULES
                .iter()
                .filter(|m| m.themes.contains(&theme))
                .count()
        };
        assert_eq!(DEFAULT_MODULES.len(), 8);
        assert_eq!(DEFAULT_MODULES[0].themes, &[Theme::Equipment]);
        assert_eq!(count(Theme::OfficeSoftware), 2);
        assert_eq!(count(Theme::Email), 1);
        assert_eq!(count(Theme::OnlineProcedures), 2);
        assert_eq!(count(Theme::SchoolAndDigital), 2);
        assert_eq!(count(Theme::DigitalSecurity), 1);
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.as_str()), Some(*theme));
        }
    }
}
