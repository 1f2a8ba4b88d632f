//! The referral's rules, in pure Rust: its states and the transitions between them, what a
//! decline and a progress update must carry, and what each side may see. No database here:
//! `repo.rs` applies these decisions with guarded SQL, `routes.rs` turns their errors into
//! problems.

use crate::text_enum;

text_enum!(
    /// Where a referral stands. `expired` is set by the deadlines job only.
    ReferralStatus {
        Submitted = "submitted",
        Accepted = "accepted",
        Declined = "declined",
        Waitlisted = "waitlisted",
        Enrolled = "enrolled",
        Completed = "completed",
        DroppedOut = "dropped_out",
        Expired = "expired",
    }
);

text_enum!(
    /// Why a structure declines a referral.
    DeclineReason {
        OutsideArea = "outside_area",
        NotEligible = "not_eligible",
        NoCapacity = "no_capacity",
        CouldNotContact = "could_not_contact",
        NoLongerInterested = "no_longer_interested",
        Duplicate = "duplicate",
        Other = "other",
    }
);

text_enum!(
    ReferralSource {
        /// Sent by a referrer (CCAS, social landlord).
        Referrer = "referrer",
        /// The family came to the centre itself.
        Structure = "structure",
    }
);

impl ReferralStatus {
    /// The transitions staff may make from this state.
    pub fn next(self) -> &'static [ReferralStatus] {
        use ReferralStatus::*;
        match self {
            Submitted => &[Accepted, Declined, Waitlisted],
            Waitlisted => &[Accepted, Declined],
            Accepted => &[Enrolled, DroppedOut],
            Enrolled => &[Completed, DroppedOut],
            Declined | Completed | DroppedOut | Expired => &[],
        }
    }

    /// Whether `to` may follow this state (the job's expiry included).
    pub fn can_become(self, to: ReferralStatus) -> bool {
        self.next().contains(&to) || (self == Self::Submitted && to == Self::Expired)
    }

    /// Still in progress (counted as open in the inbox).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Submitted | Self::Waitlisted | Self::Accepted | Self::Enrolled
        )
    }

    /// Leaving `submitted` is the structure's decision: its date is kept.
    pub fn decides(self) -> bool {
        self == Self::Submitted
    }

    /// How the referrer's email names the state.
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Submitted => "envoyée",
            Self::Accepted => "acceptée",
            Self::Declined => "refusée",
            Self::Waitlisted => "en liste d'attente",
            Self::Enrolled => "inscrite dans un cycle",
            Self::Completed => "cycle terminé",
            Self::DroppedOut => "abandon",
            Self::Expired => "expirée sans réponse",
        }
    }
}

/// A rule of the referral refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralError {
    /// `to` cannot follow `from`; the allowed ones are `from.next()`.
    InvalidTransition { from: ReferralStatus },
    /// A decline for `other` needs details.
    DeclineDetailsRequired,
}

/// A change the rules allowed. Only [`check_transition`] and [`check_expiry`] make one, so
/// the code that applies it checks nothing again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowed {
    from: ReferralStatus,
    to: ReferralStatus,
}

impl Allowed {
    pub fn from(self) -> ReferralStatus {
        self.from
    }

    pub fn to(self) -> ReferralStatus {
        self.to
    }
}

/// Checks a staff transition.
pub fn check_transition(
    from: ReferralStatus,
    to: ReferralStatus,
) -> Result<Allowed, ReferralError> {
    if from.next().contains(&to) {
        Ok(Allowed { from, to })
    } else {
        Err(ReferralError::InvalidTransition { from })
    }
}

/// Checks the cycles module's moves of a family in a cycle: enrolled when it takes a place,
/// back to accepted when its cycle is cancelled or it leaves one not yet started, completed
/// or dropped out when the cycle ends or it leaves one under way.
pub fn check_cycle_move(
    from: ReferralStatus,
    to: ReferralStatus,
) -> Result<Allowed, ReferralError> {
    use ReferralStatus::*;
    if matches!(
        (from, to),
        (Accepted, Enrolled)
            | (Enrolled, Accepted)
            | (Enrolled, Completed)
            | (Enrolled, DroppedOut)
    ) {
        Ok(Allowed { from, to })
    } else {
        Err(ReferralError::InvalidTransition { from })
    }
}

/// Checks the deadlines job's expiry of an unanswered referral.
pub fn check_expiry(from: ReferralStatus) -> Result<Allowed, ReferralError> {
    let to = ReferralStatus::Expired;
    if from.can_become(to) {
        Ok(Allowed { from, to })
    } else {
        Err(ReferralError::InvalidTransition { from })
    }
}

/// A decline as recorded: its reason, and the history's reason text (`other: details`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decline {
    pub reason: DeclineReason,
    pub history_text: String,
}

/// Parses a decline: `other` needs non-blank details, which then join the history's text.
pub fn decline(reason: DeclineReason, details: Option<&str>) -> Result<Decline, ReferralError> {
    let details = details.map(str::trim).filter(|d| !d.is_empty());
    if reason == DeclineReason::Other && details.is_none() {
        return Err(ReferralError::DeclineDetailsRequired);
    }
    Ok(Decline {
        reason,
        history_text: match details {
            Some(details) => format!("{}: {details}", reason.as_str()),
            None => reason.as_str().to_owned(),
        },
    })
}

/// Whether the referrer may see what happens after its referral was answered: only with the
/// family's agreement to share its progress (the structure always sees everything).
pub fn shows_journey(as_structure: bool, share_progress: bool) -> bool {
    as_structure || share_progress
}

impl ReferralStatus {
    /// A state of the journey after the answer (enrolled, completed, dropped out): without
    /// the family's agreement the referrer learns nothing of it.
    pub fn is_journey(self) -> bool {
        matches!(self, Self::Enrolled | Self::Completed | Self::DroppedOut)
    }
}

/// The state a side sees: the referrer without the family's agreement sees "accepted" for
/// any state of the journey after it.
pub fn status_seen(
    status: ReferralStatus,
    as_structure: bool,
    share_progress: bool,
) -> ReferralStatus {
    if status.is_journey() && !shows_journey(as_structure, share_progress) {
        ReferralStatus::Accepted
    } else {
        status
    }
}

/// Whether the referrer is told (notification, email) that its referral reached `to`.
pub fn referrer_is_told(to: ReferralStatus, share_progress: bool) -> bool {
    share_progress || !to.is_journey()
}

/// The milestones as the family agreed to share them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneFacts {
    pub enrolled: bool,
    pub completed: bool,
}

/// Enrolled means in a cycle now, done with it, or dropped out after it started.
pub fn milestone_facts(status: ReferralStatus, cycle_started: bool) -> MilestoneFacts {
    MilestoneFacts {
        enrolled: matches!(status, ReferralStatus::Enrolled | ReferralStatus::Completed)
            || (status == ReferralStatus::DroppedOut && cycle_started),
        completed: status == ReferralStatus::Completed,
    }
}

#[cfg(test)]
mod tests {
    use super::ReferralStatus::*;
    use super::*;

    /// Every state × every target: exactly the transitions of DOMAIN.md are allowed.
    #[test]
    fn the_state_machine_allows_exactly_its_transitions() {
        let allowed: &[(ReferralStatus, ReferralStatus)] = &[
            (Submitted, Accepted),
            (Submitted, Declined),
            (Submitted, Waitlisted),
            (Waitlisted, Accepted),
            (Waitlisted, Declined),
            (Accepted, Enrolled),
            (Accepted, DroppedOut),
            (Enrolled, Completed),
            (Enrolled, DroppedOut),
        ];
        for from in ReferralStatus::ALL {
            for to in ReferralStatus::ALL {
                let expected = allowed.contains(&(*from, *to));
                assert_eq!(
                    check_transition(*from, *to).is_ok(),
                    expected,
                    "{from:?} → {to:?}"
                );
                if !expected {
                    assert_eq!(
                        check_transition(*from, *to),
                        Err(ReferralError::InvalidTransition { from: *from })
                    );
                }
            }
        }
    }

    #[test]
    fn only_the_job_expires_and_only_unanswered_referrals() {
        for from in ReferralStatus::ALL {
            assert_eq!(from.can_become(Expired), *from == Submitted, "{from:?}");
            assert_eq!(check_expiry(*from).is_ok(), *from == Submitted, "{from:?}");
            assert!(check_transition(*from, Expired).is_err());
        }
    }

    #[test]
    fn end_states_allow_nothing_and_are_not_open() {
        for end in [Declined, Completed, DroppedOut, Expired] {
            assert!(end.next().is_empty());
            assert!(!end.is_open());
        }
        for open in [Submitted, Waitlisted, Accepted, Enrolled] {
            assert!(open.is_open());
        }
    }

    #[test]
    fn only_leaving_submitted_dates_the_decision() {
        for status in ReferralStatus::ALL {
            assert_eq!(status.decides(), *status == Submitted);
        }
    }

    #[test]
    fn a_decline_for_another_reason_needs_details() {
        assert_eq!(
            decline(DeclineReason::Other, None),
            Err(ReferralError::DeclineDetailsRequired)
        );
        assert_eq!(
            decline(DeclineReason::Other, Some("   ")),
            Err(ReferralError::DeclineDetailsRequired)
        );
        let ok = decline(DeclineReason::Other, Some(" déménagement ")).ok();
        assert_eq!(
            ok.map(|d| d.history_text),
            Some("other: déménagement".to_owned())
        );
        for reason in DeclineReason::ALL
            .iter()
            .filter(|r| **r != DeclineReason::Other)
        {
            let d = decline(*reason, None).ok();
            assert_eq!(d.map(|d| d.history_text), Some(reason.as_str().to_owned()));
        }
    }

    #[test]
    fn the_referrer_sees_the_journey_only_with_the_familys_agreement() {
        assert!(shows_journey(true, false));
        assert!(shows_journey(true, true));
        assert!(shows_journey(false, true));
        assert!(!shows_journey(false, false));
    }

    #[test]
    fn without_agreement_the_referrer_learns_the_answer_and_nothing_after() {
        for status in ReferralStatus::ALL {
            let seen = status_seen(*status, false, false);
            if status.is_journey() {
                assert_eq!(seen, Accepted, "{status:?}");
                assert!(!referrer_is_told(*status, false), "{status:?}");
            } else {
                assert_eq!(seen, *status, "{status:?}");
                assert!(referrer_is_told(*status, false), "{status:?}");
            }
            assert_eq!(status_seen(*status, false, true), *status);
            assert_eq!(status_seen(*status, true, false), *status);
            assert!(referrer_is_told(*status, true));
        }
    }

    #[test]
    fn milestones_follow_the_state() {
        assert_eq!(
            milestone_facts(Enrolled, true),
            MilestoneFacts {
                enrolled: true,
                completed: false
            }
        );
        assert!(milestone_facts(Completed, true).completed);
        assert!(milestone_facts(DroppedOut, true).enrolled);
        assert!(!milestone_facts(DroppedOut, false).enrolled);
        assert!(!milestone_facts(Accepted, false).enrolled);
    }

    #[test]
    fn every_state_has_a_french_label() {
        for status in ReferralStatus::ALL {
            assert!(!status.label_fr().is_empty());
        }
    }
}
