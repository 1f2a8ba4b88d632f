//! The skills check a facilitator takes with each participant at the start and at the end of
//! a cycle: competences grouped by area, each on a three-level autonomy scale.

use std::collections::BTreeMap;

use crate::text_enum;

text_enum!(
    /// How a person manages a task.
    Autonomy {
        /// Does it with someone beside them.
        Accompanied = "accompanied",
        /// Does it alone with some help.
        PartlyAutonomous = "partly_autonomous",
        /// Does it alone.
        Autonomous = "autonomous",
    }
);

impl Autonomy {
    /// 0, 1, 2: the scale's steps, for progress.
    pub fn level(self) -> u8 {
        match self {
            Autonomy::Accompanied => 0,
            Autonomy::PartlyAutonomous => 1,
            Autonomy::Autonomous => 2,
        }
    }
}

text_enum!(
    /// The areas of the check (DOMAIN.md, Cycle).
    SkillArea {
        Equipment = "equipment",
        Office = "office",
        InternetAndEmail = "internet_and_email",
        OnlineProcedures = "online_procedures",
        EntPronote = "ent_pronote",
        Safety = "safety",
    }
);

text_enum!(
    /// One competence of the check.
    Competence {
        /// Allumer l'ordinateur, utiliser le clavier et la souris.
        KeyboardAndMouse = "keyboard_and_mouse",
        /// Ranger et retrouver ses fichiers.
        Files = "files",
        /// Écrire et enregistrer un document.
        WriteDocument = "write_document",
        /// Chercher une information sur internet.
        SearchTheWeb = "search_the_web",
        /// Envoyer un courriel avec une pièce jointe.
        SendEmail = "send_email",
        /// Se connecter avec FranceConnect.
        FranceConnect = "france_connect",
        /// Faire une démarche (CAF, Ameli, impots.gouv) jusqu'au bout.
        CompleteProcedure = "complete_procedure",
        /// Se connecter à l'ENT.
        EntSignIn = "ent_sign_in",
        /// Lire le cahier de textes.
        HomeworkDiary = "homework_diary",
        /// Consulter les notes.
        Grades = "grades",
        /// Écrire à un enseignant.
        MessageTeacher = "message_teacher",
        /// Protéger ses mots de passe, reconnaître une arnaque.
        StaySafe = "stay_safe",
    }
);

text_enum!(
    /// When a check is taken.
    Moment {
        /// Positionnement initial.
        Start = "start",
        /// Positionnement final.
        End = "end",
    }
);

impl Competence {
    pub fn area(self) -> SkillArea {
        use Competence::*;
        match self {
            KeyboardAndMouse => SkillArea::Equipment,
            Files | WriteDocument => SkillArea::Office,
            SearchTheWeb | SendEmail => SkillArea::InternetAndEmail,
            FranceConnect | CompleteProcedure => SkillArea::OnlineProcedures,
            EntSignIn | HomeworkDiary | Grades | MessageTeacher => SkillArea::EntPronote,
            StaySafe => SkillArea::Safety,
        }
    }
}

/// Per area: competences assessed at both checks, and those up by at least one level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AreaProgress {
    pub assessed: usize,
    pub improved: usize,
}

/// Progress between the check at the start and the one at the end. A competence assessed
/// only once counts for neither (no progress can be read from it).
pub fn progress(
    start: &[(Competence, Autonomy)],
    end: &[(Competence, Autonomy)],
) -> BTreeMap<&'static str, AreaProgress> {
    let mut by_area: BTreeMap<&'static str, AreaProgress> = BTreeMap::new();
    for (competence, before) in start {
        let Some((_, after)) = end.iter().find(|(c, _)| c == competence) else {
            continue;
        };
        let area = by_area.entry(competence.area().as_str()).or_default();
        area.assessed += 1;
        if after.level() > before.level() {
            area.improved += 1;
        }
    }
    by_area
}

#[cfg(test)]
mod tests {
    use super::*;
    use Autonomy::*;
    use Competence::*;

    #[test]
    fn every_area_has_competences_and_pronote_has_four() {
        for area in SkillArea::ALL {
            assert!(
                Competence::ALL.iter().any(|c| c.area() == *area),
                "{area:?}"
            );
        }
        let pronote = Competence::ALL
            .iter()
            .filter(|c| c.area() == SkillArea::EntPronote)
            .count();
        assert_eq!(
            pronote, 4,
            "sign in, homework diary, grades, message a teacher"
        );
    }

    #[test]
    fn progress_counts_a_level_up_per_area_and_ignores_single_checks() {
        let start = [
            (KeyboardAndMouse, Accompanied),
            (EntSignIn, Accompanied),
            (Grades, PartlyAutonomous),
            (SendEmail, Autonomous),
            (StaySafe, Accompanied),
        ];
        let end = [
            (KeyboardAndMouse, Autonomous),
            (EntSignIn, PartlyAutonomous),
            (Grades, PartlyAutonomous),
            (SendEmail, PartlyAutonomous),
            (FranceConnect, Autonomous),
        ];
        let by_area = progress(&start, &end);
        let of = |area: SkillArea| by_area.get(area.as_str()).copied().unwrap_or_default();
        assert_eq!(
            of(SkillArea::Equipment),
            AreaProgress {
                assessed: 1,
                improved: 1
            }
        );
        assert_eq!(
            of(SkillArea::EntPronote),
            AreaProgress {
                assessed: 2,
                improved: 1
            }
        );
        assert_eq!(
            of(SkillArea::InternetAndEmail),
            AreaProgress {
                assessed: 1,
                improved: 0
            },
            "a step back is not progress"
        );
        assert_eq!(
            of(SkillArea::Safety),
            AreaProgress::default(),
            "assessed once only"
        );
        assert_eq!(of(SkillArea::OnlineProcedures), AreaProgress::default());
    }
}
