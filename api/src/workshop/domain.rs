//! The rules of the workshop, without SQL or HTTP: a device's states and the moves between
//! them, what makes a device erased, the four-eyes quality check, asset tags and the codes
//! that verify an erasure certificate.

use crate::text_enum;

text_enum!(
    /// Where a device is in its life (DOMAIN.md, Device).
    DeviceState {
        Received = "received",
        Diagnosed = "diagnosed",
        Erased = "erased",
        OsInstalled = "os_installed",
        Ready = "ready",
        Reserved = "reserved",
        HandedOver = "handed_over",
        Returned = "returned",
        Scrapped = "scrapped",
    }
);

impl DeviceState {
    /// The states a device may move to from this one. Scrapping is possible from any state
    /// before the handover; a returned device goes back through its checks to ready.
    pub fn next(self) -> &'static [DeviceState] {
        use DeviceState::*;
        match self {
            Received => &[Diagnosed, Scrapped],
            Diagnosed => &[Erased, Scrapped],
            Erased => &[OsInstalled, Scrapped],
            OsInstalled => &[Ready, Scrapped],
            Ready => &[Reserved, Scrapped],
            // A reservation can be released (back to ready) or end in a handover.
            Reserved => &[HandedOver, Ready, Scrapped],
            HandedOver => &[Returned],
            Returned => &[Ready, Scrapped],
            Scrapped => &[],
        }
    }

    pub fn can_move_to(self, to: DeviceState) -> bool {
        self.next().contains(&to)
    }

    /// In French, as documents and reports say it.
    pub fn label(self) -> &'static str {
        use DeviceState::*;
        match self {
            Received => "reçu",
            Diagnosed => "diagnostiqué",
            Erased => "effacé",
            OsInstalled => "système installé",
            Ready => "prêt",
            Reserved => "réservé",
            HandedOver => "remis",
            Returned => "restitué",
            Scrapped => "mis au rebut",
        }
    }

    /// Whether the device still belongs to the workshop's stock (not with a family, not gone).
    pub fn in_stock(self) -> bool {
        !matches!(self, DeviceState::HandedOver | DeviceState::Scrapped)
    }
}

/// A move the rules allowed; only [`check_move`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    from: DeviceState,
    to: DeviceState,
}

impl Move {
    pub fn from(self) -> DeviceState {
        self.from
    }

    pub fn to(self) -> DeviceState {
        self.to
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkshopError {
    /// `to` cannot follow `from`; the allowed ones are `from.next()`.
    #[error("Cet équipement ne peut pas passer de cet état à celui demandé.")]
    InvalidMove { from: DeviceState },
    /// Some recorded disks have no successful erasure (their positions).
    #[error(
        "Chaque disque doit avoir un effacement réussi avant que l'équipement soit déclaré effacé."
    )]
    DisksNotErased { disks: Vec<usize> },
    /// No storage device recorded at all: nothing says the data are gone.
    #[error("Enregistrez au moins un disque (ou sa destruction) avant de déclarer l'effacement.")]
    NoDisk,
    /// The quality check by the person who installed the system.
    #[error("Le contrôle qualité doit être fait par une autre personne que celle qui a installé le système.")]
    SameChecker,
    /// The device is set aside for another household.
    #[error("Cet équipement est réservé pour un autre foyer.")]
    ReservedForAnother,
}

/// Checks a move of a device.
pub fn check_move(from: DeviceState, to: DeviceState) -> Result<Move, WorkshopError> {
    if from.can_move_to(to) {
        Ok(Move { from, to })
    } else {
        Err(WorkshopError::InvalidMove { from })
    }
}

text_enum!(
    /// How a disk's data were erased (NIST SP 800-88 and the usual tools' methods).
    ErasureMethod {
        NistClear = "nist_clear",
        NistPurge = "nist_purge",
        AtaSecureErase = "ata_secure_erase",
        NvmeSanitize = "nvme_sanitize",
        CryptographicErase = "cryptographic_erase",
        OverwriteVerified = "overwrite_verified",
        PhysicalDestruction = "physical_destruction",
    }
);

impl ErasureMethod {
    pub fn label(self) -> &'static str {
        use ErasureMethod::*;
        match self {
            NistClear => "Effacement logique (NIST Clear)",
            NistPurge => "Purge (NIST Purge)",
            AtaSecureErase => "ATA Secure Erase",
            NvmeSanitize => "NVMe Sanitize / Format",
            CryptographicErase => "Effacement cryptographique",
            OverwriteVerified => "Réécriture avec vérification",
            PhysicalDestruction => "Destruction physique",
        }
    }

    /// The standard the method answers to, as a certificate names it.
    pub fn standard(self) -> &'static str {
        use ErasureMethod::*;
        match self {
            NistClear | OverwriteVerified => "NIST SP 800-88 Rev. 1 — Clear",
            NistPurge | AtaSecureErase | NvmeSanitize | CryptographicErase => {
                "NIST SP 800-88 Rev. 1 — Purge"
            }
            PhysicalDestruction => "NIST SP 800-88 Rev. 1 — Destroy",
        }
    }
}

/// What an erasure record says of one disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskErasure {
    /// The disk has at least one erasure recorded with a successful result.
    pub succeeded: bool,
}

/// A device is erased when it has disks and every one of them has a successful erasure.
pub fn check_erased(disks: &[DiskErasure]) -> Result<(), WorkshopError> {
    if disks.is_empty() {
        return Err(WorkshopError::NoDisk);
    }
    let missing: Vec<usize> = disks
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.succeeded)
        .map(|(i, _)| i)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(WorkshopError::DisksNotErased { disks: missing })
    }
}

/// Four eyes: the person who signs the quality check is not the one who installed the system.
pub fn check_quality<P: PartialEq>(installer: &P, checker: &P) -> Result<(), WorkshopError> {
    if installer == checker {
        Err(WorkshopError::SameChecker)
    } else {
        Ok(())
    }
}

/// The prefix of a structure's asset tags from its short name: letters and digits only,
/// upper case, accents dropped, at most 8 ("AMQR", "CSI"); "EQ" when nothing is left.
pub fn tag_prefix(short_name: &str) -> String {
    let folded = crate::platform::text::fold(short_name);
    let prefix: String = folded
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .take(8)
        .collect();
    if prefix.is_empty() {
        "EQ".to_owned()
    } else {
        prefix
    }
}

/// The asset tag of a structure's `n`th device: "AMQR-0042" (four digits at least, more when
/// the workshop passes 9,999).
pub fn asset_tag(prefix: &str, n: u32) -> String {
    format!("{prefix}-{n:04}")
}

/// The alphabet of verification codes: no 0/O, 1/I/L, so that a code read aloud or typed from
/// paper is not mistaken.
const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A certificate's verification code from random bytes: 12 characters in three groups
/// ("7KQ2-M9XD-4HTR"), about 59 bits.
pub fn verification_code(random: &[u8; 12]) -> String {
    let chars: Vec<char> = random
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed by someone checking a certificate: spaces and dashes dropped, upper case;
/// None when it cannot be a code (a character the alphabet lacks, the wrong length).
pub fn normalise_code(typed: &str) -> Option<String> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = cleaned.len() == 12 && cleaned.bytes().all(|b| CODE_ALPHABET.contains(&b));
    valid.then(|| {
        cleaned
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeviceState::*;

    #[test]
    fn a_device_follows_its_life_and_is_scrapped_only_before_the_handover() {
        let path = [
            Received,
            Diagnosed,
            Erased,
            OsInstalled,
            Ready,
            Reserved,
            HandedOver,
            Returned,
            Ready,
        ];
        for pair in path.windows(2) {
            assert!(check_move(pair[0], pair[1]).is_ok(), "{pair:?}");
        }
        for state in [
            Received,
            Diagnosed,
            Erased,
            OsInstalled,
            Ready,
            Reserved,
            Returned,
        ] {
            assert!(state.can_move_to(Scrapped), "{state:?}");
        }
        assert_eq!(
            check_move(HandedOver, Scrapped),
            Err(WorkshopError::InvalidMove { from: HandedOver })
        );
        assert!(check_move(Received, Ready).is_err(), "no step skipped");
        assert!(check_move(Diagnosed, Received).is_err(), "no step back");
        assert!(Scrapped.next().is_empty());
        assert!(!HandedOver.in_stock() && Returned.in_stock());
        for state in DeviceState::ALL {
            assert_eq!(DeviceState::parse(state.as_str()), Some(*state));
        }
    }

    #[test]
    fn erased_means_every_recorded_disk_erased() {
        let ok = DiskErasure { succeeded: true };
        let failed = DiskErasure { succeeded: false };
        assert_eq!(check_erased(&[ok, ok]), Ok(()));
        assert_eq!(
            check_erased(&[ok, failed, failed]),
            Err(WorkshopError::DisksNotErased { disks: vec![1, 2] })
        );
        assert_eq!(check_erased(&[]), Err(WorkshopError::NoDisk));
    }

    #[test]
    fn the_quality_check_needs_a_second_person() {
        assert_eq!(
            check_quality(&"amina", &"amina"),
            Err(WorkshopError::SameChecker)
        );
        assert_eq!(check_quality(&"amina", &"jules"), Ok(()));
    }

    #[test]
    fn methods_name_their_standard() {
        assert_eq!(
            ErasureMethod::NistClear.standard(),
            "NIST SP 800-88 Rev. 1 — Clear"
        );
        assert_eq!(
            ErasureMethod::NvmeSanitize.standard(),
            "NIST SP 800-88 Rev. 1 — Purge"
        );
        assert_eq!(
            ErasureMethod::PhysicalDestruction.standard(),
            "NIST SP 800-88 Rev. 1 — Destroy"
        );
    }

    #[test]
    fn asset_tags_are_short_printable_and_per_structure() {
        assert_eq!(tag_prefix("AMQR"), "AMQR");
        assert_eq!(tag_prefix("Centre social indépendant"), "CENTRESO");
        assert_eq!(tag_prefix("É-2"), "E2");
        assert_eq!(tag_prefix("—"), "EQ");
        assert_eq!(asset_tag("AMQR", 42), "AMQR-0042");
        assert_eq!(asset_tag("AMQR", 12345), "AMQR-12345");
    }

    #[test]
    fn verification_codes_read_and_type_without_confusion() {
        let code = verification_code(&[0, 1, 2, 3, 30, 31, 32, 200, 255, 7, 8, 9]);
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            Some(code.clone())
        );
        assert_eq!(
            normalise_code("7KQ2 M9XD 4HTR"),
            Some("7KQ2-M9XD-4HTR".to_owned())
        );
        assert_eq!(normalise_code("7KO2-M9XD-4HTR"), None, "no O in a code");
        assert_eq!(normalise_code("7KQ2-M9XD"), None);
        assert_eq!(normalise_code("7KQ2-M9XD-4HT!"), None);
    }
}
