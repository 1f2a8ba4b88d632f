//! The rules of training, without SQL or HTTP: the competences and the workshop steps that
//! need them, the ledger's policy, hours from attendance, who may validate a competence, the
//! default programme, and what a structure may see of a shared course.

use crate::cycles::domain::Presence;
use crate::text_enum;

text_enum!(
    /// What a refurbishment course teaches (DOMAIN.md, Training).
    TrainingCompetence {
        Diagnosis = "diagnosis",
        DataErasure = "data_erasure",
        OsInstallation = "os_installation",
        HardwareRepair = "hardware_repair",
        QualityCheck = "quality_check",
    }
);

impl TrainingCompetence {
    pub fn label(self) -> &'static str {
        use TrainingCompetence::*;
        match self {
            Diagnosis => "Diagnostic du matériel",
            DataErasure => "Effacement des données",
            OsInstallation => "Installation d'un système",
            HardwareRepair => "Réparation du matériel",
            QualityCheck => "Contrôle qualité",
        }
    }
}

text_enum!(
    /// The workshop's steps the ledger follows.
    WorkshopStep {
        Diagnosis = "diagnosis",
        Erasure = "erasure",
        OsInstallation = "os_installation",
        QualityCheck = "quality_check",
    }
);

impl WorkshopStep {
    /// The competence a person needs to do this step.
    pub fn competence(self) -> TrainingCompetence {
        match self {
            WorkshopStep::Diagnosis => TrainingCompetence::Diagnosis,
            WorkshopStep::Erasure => TrainingCompetence::DataErasure,
            WorkshopStep::OsInstallation => TrainingCompetence::OsInstallation,
            WorkshopStep::QualityCheck => TrainingCompetence::QualityCheck,
        }
    }
}

text_enum!(
    /// What a structure does with a step done by someone without the matching competence.
    LedgerPolicy {
        /// Accepted, and flagged on the device and in the answer.
        Warn = "warn",
        /// Refused (422).
        Strict = "strict",
    }
);

/// The ledger's verdict on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Trained,
    /// Done without the competence, accepted and flagged.
    Flagged,
    Refused,
}

pub fn judge(policy: LedgerPolicy, validated: bool) -> Verdict {
    match (validated, policy) {
        (true, _) => Verdict::Trained,
        (false, LedgerPolicy::Warn) => Verdict::Flagged,
        (false, LedgerPolicy::Strict) => Verdict::Refused,
    }
}

/// A session as the hours see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionHours {
    pub minutes: u32,
    pub cancelled: bool,
}

/// Minutes of training a trainee attended: the sessions held where they were present
/// (excused and absent count nothing; a cancelled session counts nothing).
pub fn minutes_attended(sessions: &[(SessionHours, Option<Presence>)]) -> u32 {
    sessions
        .iter()
        .filter(|(s, p)| !s.cancelled && *p == Some(Presence::Present))
        .map(|(s, _)| s.minutes)
        .sum()
}

/// "7 h 30" as an attestation writes it.
pub fn hours_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrainingError {
    #[error("Une séance de formation dure d'une à quatre heures.")]
    Duration,
    #[error("Seul un formateur du cours ou un administrateur de la structure peut valider une compétence.")]
    NotAValidator,
}

/// A course session lasts 1 to 4 hours.
pub fn check_duration(minutes: u32) -> Result<(), TrainingError> {
    if (60..=240).contains(&minutes) {
        Ok(())
    } else {
        Err(TrainingError::Duration)
    }
}

/// Who asks to validate a competence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validator {
    /// A trainer of the course the trainee followed.
    pub trains_the_course: bool,
    /// An admin of the trainee's structure.
    pub structure_admin: bool,
}

pub fn check_validator(who: Validator) -> Result<(), TrainingError> {
    if who.trains_the_course || who.structure_admin {
        Ok(())
    } else {
        Err(TrainingError::NotAValidator)
    }
}

/// A session of a programme: its title, its length and what it teaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeSession {
    pub title: &'static str,
    pub minutes: u32,
    pub competences: &'static [TrainingCompetence],
}

/// "Bases du reconditionnement": 4 sessions of 2 to 3 hours, as Emmaüs Connect runs them.
pub const DEFAULT_PROGRAMME: (&str, [ProgrammeSession; 4]) = (
    "Bases du reconditionnement",
    [
        ProgrammeSession {
            title: "Diagnostic du matériel",
            minutes: 150,
            competences: &[TrainingCompetence::Diagnosis],
        },
        ProgrammeSession {
            title: "Effacement des données",
            minutes: 150,
            competences: &[TrainingCompetence::DataErasure],
        },
        ProgrammeSession {
            title: "Installer un système d'exploitation",
            minutes: 180,
            competences: &[TrainingCompetence::OsInstallation],
        },
        ProgrammeSession {
            title: "Réparation, contrôle qualité et numérique responsable",
            minutes: 150,
            competences: &[
                TrainingCompetence::HardwareRepair,
                TrainingCompetence::QualityCheck,
            ],
        },
    ],
);

/// What a structure sees of a trainee of a course: everything of its own people; of a
/// course it organises, the invited people's names (to take attendance) but none of their
/// records (hours, validations, attestations stay with their structure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    Record,
    NameOnly,
    Nothing,
}

pub fn sight(own_trainee: bool, organises_the_course: bool) -> Sight {
    match (own_trainee, organises_the_course) {
        (true, _) => Sight::Record,
        (false, true) => Sight::NameOnly,
        (false, false) => Sight::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_needs_its_competence_and_the_policy_decides() {
        for step in WorkshopStep::ALL {
            assert!(TrainingCompetence::ALL.contains(&step.competence()));
        }
        assert_eq!(
            WorkshopStep::Erasure.competence(),
            TrainingCompetence::DataErasure
        );
        assert_eq!(judge(LedgerPolicy::Warn, true), Verdict::Trained);
        assert_eq!(judge(LedgerPolicy::Warn, false), Verdict::Flagged);
        assert_eq!(judge(LedgerPolicy::Strict, false), Verdict::Refused);
        assert_eq!(judge(LedgerPolicy::Strict, true), Verdict::Trained);
    }

    #[test]
    fn hours_count_presence_at_sessions_held_only() {
        let held = |minutes| SessionHours {
            minutes,
            cancelled: false,
        };
        let cancelled = SessionHours {
            minutes: 180,
            cancelled: true,
        };
        let sessions = [
            (held(150), Some(Presence::Present)),
            (held(150), Some(Presence::Excused)),
            (held(180), Some(Presence::Present)),
            (cancelled, Some(Presence::Present)),
            (held(150), Some(Presence::Absent)),
            (held(120), None),
        ];
        assert_eq!(minutes_attended(&sessions), 330);
        assert_eq!(hours_text(330), "5 h 30");
        assert_eq!(hours_text(600), "10 h");
    }

    #[test]
    fn sessions_last_one_to_four_hours_and_validators_are_trainers_or_admins() {
        assert_eq!(check_duration(60), Ok(()));
        assert_eq!(check_duration(240), Ok(()));
        assert_eq!(check_duration(45), Err(TrainingError::Duration));
        assert_eq!(check_duration(241), Err(TrainingError::Duration));
        let nobody = Validator {
            trains_the_course: false,
            structure_admin: false,
        };
        assert_eq!(check_validator(nobody), Err(TrainingError::NotAValidator));
        assert!(check_validator(Validator {
            trains_the_course: true,
            ..nobody
        })
        .is_ok());
        assert!(check_validator(Validator {
            structure_admin: true,
            ..nobody
        })
        .is_ok());
    }

    #[test]
    fn the_default_programme_is_four_sessions_of_two_to_three_hours_covering_every_competence() {
        let (name, sessions) = &DEFAULT_PROGRAMME;
        assert_eq!(*name, "Bases du reconditionnement");
        assert!(sessions.iter().all(|s| (120..=180).contains(&s.minutes)));
        for competence in TrainingCompetence::ALL {
            assert!(
                sessions.iter().any(|s| s.competences.contains(competence)),
                "{competence:?}"
            );
        }
    }

    #[test]
    fn a_shared_course_shows_other_structures_names_only_to_the_organiser() {
        assert_eq!(sight(true, false), Sight::Record);
        assert_eq!(sight(true, true), Sight::Record);
        assert_eq!(sight(false, true), Sight::NameOnly);
        assert_eq!(sight(false, false), Sight::Nothing);
    }
}
