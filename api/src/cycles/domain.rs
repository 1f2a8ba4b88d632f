//! The rules of accompaniment cycles, without SQL or HTTP: a cycle's states, the calendar of
//! its sessions in Europe/Paris, completion and eligibility for a computer.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Paris;

use crate::text_enum;

text_enum!(
    /// Where a cycle is in its life.
    CycleState {
        /// Sessions are scheduled; people can enrol.
        Planned = "planned",
        /// The first session has taken place.
        Running = "running",
        Finished = "finished",
        Cancelled = "cancelled",
    }
);

impl CycleState {
    /// The states a cycle may move to from this one.
    pub fn next(self) -> &'static [CycleState] {
        match self {
            CycleState::Planned => &[CycleState::Running, CycleState::Cancelled],
            CycleState::Running => &[CycleState::Finished, CycleState::Cancelled],
            CycleState::Finished | CycleState::Cancelled => &[],
        }
    }

    pub fn can_move_to(self, to: CycleState) -> bool {
        self.next().contains(&to)
    }
}

text_enum!(
    /// A person's place in a cycle.
    EnrolmentStatus {
        /// Has a place.
        Enrolled = "enrolled",
        /// On the waiting list, in order of `waiting_since`.
        Waiting = "waiting",
        /// Left the cycle (or the waiting list) before its end.
        Withdrawn = "withdrawn",
        /// Reached the structure's threshold when the cycle finished.
        Completed = "completed",
        /// Was enrolled when the cycle finished, below the threshold.
        NotCompleted = "not_completed",
    }
);

impl EnrolmentStatus {
    /// Holds a place or a rank: what may still be withdrawn.
    pub fn is_current(self) -> bool {
        matches!(self, Self::Enrolled | Self::Waiting)
    }
}

text_enum!(
    /// A day of the week, as a cycle's calendar names it.
    Day {
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun",
    }
);

impl Day {
    pub fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }
}

/// What the rules refuse, for the one place that maps them to HTTP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CycleError {
    #[error("Ce cycle ne peut pas passer de « {from} » à « {to} ».")]
    InvalidState {
        from: &'static str,
        to: &'static str,
    },
    #[error("Ce cycle est terminé ou annulé : il ne change plus.")]
    Closed,
    #[error("Cette personne est déjà inscrite ou en attente dans ce cycle.")]
    AlreadyEnrolled,
    #[error("Cette orientation n'est pas acceptée : acceptez-la avant d'inscrire la famille.")]
    ReferralNotAccepted,
    #[error("Cette inscription est déjà close.")]
    EnrolmentClosed,
    #[error("Cette séance est annulée.")]
    SessionCancelled,
}

impl CycleState {
    pub fn label_fr(self) -> &'static str {
        match self {
            CycleState::Planned => "prévu",
            CycleState::Running => "en cours",
            CycleState::Finished => "terminé",
            CycleState::Cancelled => "annulé",
        }
    }

    /// Whether people, sessions and attendance may still change.
    pub fn is_open(self) -> bool {
        matches!(self, CycleState::Planned | CycleState::Running)
    }
}

/// Checks a change of state.
pub fn check_state(from: CycleState, to: CycleState) -> Result<(), CycleError> {
    if from.can_move_to(to) {
        Ok(())
    } else {
        Err(CycleError::InvalidState {
            from: from.label_fr(),
            to: to.label_fr(),
        })
    }
}

/// Where a participant ends when the cycle finishes.
pub fn outcome(attendance: Attendance, threshold: usize) -> EnrolmentStatus {
    if attendance.completes(threshold) {
        EnrolmentStatus::Completed
    } else {
        EnrolmentStatus::NotCompleted
    }
}

text_enum!(
    /// A participant at one session.
    Presence {
        Present = "present",
        /// Absent with a reason given: not present, but not held against them either.
        Excused = "excused",
        Absent = "absent",
    }
);

/// How the sessions of a cycle are laid out: from `first_day`, on each of `weekdays`, at
/// `time` (Paris local time, whatever the season), `count` sessions, skipping `skip`
/// (school and public holidays).
#[derive(Debug, Clone)]
pub struct Schedule {
    pub first_day: NaiveDate,
    pub weekdays: Vec<Weekday>,
    pub time: NaiveTime,
    pub duration_minutes: u32,
    pub count: usize,
    pub skip: Vec<NaiveDate>,
}

/// One session as generated: its day, and its start and end as instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedSession {
    pub number: usize,
    pub day: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("Choisissez au moins un jour de la semaine.")]
    NoWeekday,
    #[error("Un cycle compte de 1 à 50 séances.")]
    Count,
    #[error("Une séance dure de 15 minutes à 8 heures.")]
    Duration,
    #[error("Les dates à éviter ne laissent pas assez de jours dans les deux ans qui suivent.")]
    TooFewDays,
}

/// "14:00" as a time of day (exactly hh:mm, as the screens send it).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    (text.len() == 5)
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
}

/// The instant a Paris wall-clock time denotes. In the hour skipped in spring, the session
/// starts when the clock jumps (02:30 does not exist: 03:00); in the hour lived twice in
/// autumn, the first one.
pub fn paris_instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = NaiveDateTime::new(day, time);
    match Paris.from_local_datetime(&local).earliest() {
        Some(at) => at.with_timezone(&Utc),
        None => {
            // In the gap: the first valid local minute after it.
            let mut later = local;
            loop {
                later += Duration::minutes(1);
                if let Some(at) = Paris.from_local_datetime(&later).earliest() {
                    return at.with_timezone(&Utc);
                }
            }
        }
    }
}

/// The sessions of a schedule, in order. Days in `skip` are passed over; the search stops
/// two years after the first day.
pub fn generate(schedule: &Schedule) -> Result<Vec<PlannedSession>, ScheduleError> {
    if schedule.weekdays.is_empty() {
        return Err(ScheduleError::NoWeekday);
    }
    if !(1..=50).contains(&schedule.count) {
        return Err(ScheduleError::Count);
    }
    if !(15..=480).contains(&schedule.duration_minutes) {
        return Err(ScheduleError::Duration);
    }
    let last_day = schedule.first_day + Duration::days(2 * 366);
    let mut sessions = Vec::with_capacity(schedule.count);
    let mut day = schedule.first_day;
    while sessions.len() < schedule.count {
        if day > last_day {
            return Err(ScheduleError::TooFewDays);
        }
        if schedule.weekdays.contains(&day.weekday()) && !schedule.skip.contains(&day) {
            let starts_at = paris_instant(day, schedule.time);
            sessions.push(PlannedSession {
                number: sessions.len() + 1,
                day,
                starts_at,
                ends_at: starts_at + Duration::minutes(i64::from(schedule.duration_minutes)),
            });
        }
        day += Duration::days(1);
    }
    Ok(sessions)
}

/// A session as completion sees it.
#[derive(Debug, Clone, Copy)]
pub struct SessionRecord {
    pub cancelled: bool,
    /// The participant's presence, when it was recorded.
    pub presence: Option<Presence>,
}

/// A participant's count: sessions present at, out of the sessions held or to be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    pub present: usize,
    /// Sessions of the cycle that were not cancelled.
    pub planned: usize,
}

impl Attendance {
    /// Cancelled sessions count neither way; excused is not present.
    pub fn of(sessions: &[SessionRecord]) -> Self {
        let held: Vec<&SessionRecord> = sessions.iter().filter(|s| !s.cancelled).collect();
        Attendance {
            present: held
                .iter()
                .filter(|s| s.presence == Some(Presence::Present))
                .count(),
            planned: held.len(),
        }
    }

    /// Whether it reaches the structure's threshold (default 6 of 8). A cycle whose sessions
    /// were cancelled below the threshold is completed by being present at all that remain.
    pub fn completes(self, threshold: usize) -> bool {
        self.planned > 0 && self.present >= threshold.min(self.planned)
    }
}

/// Why a household may not receive a computer yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotYet {
    /// Nobody of the household is enrolled in a cycle (waiting lists do not count).
    NotEnrolled,
    /// Sessions attended fewer than the structure's minimum.
    TooFewSessions { attended: usize, required: usize },
    /// The household's data was anonymised (retention or erasure): nobody to hand it to.
    Anonymised,
}

impl NotYet {
    pub fn explain(&self) -> String {
        match self {
            NotYet::NotEnrolled => "Personne du foyer n'est inscrit dans un cycle.".to_owned(),
            NotYet::Anonymised => "Les données de ce foyer ont été anonymisées.".to_owned(),
            NotYet::TooFewSessions { attended, required } => format!(
                "Le foyer a suivi {attended} séance{} ; il en faut au moins {required}.",
                if *attended > 1 { "s" } else { "" }
            ),
        }
    }
}

/// The structure's policy: enrolled in a cycle, and at least `min_sessions` attended by the
/// household's best-attending participant.
pub fn eligibility(enrolled: bool, best: Option<Attendance>, min_sessions: usize) -> Vec<NotYet> {
    let mut reasons = Vec::new();
    if !enrolled {
        reasons.push(NotYet::NotEnrolled);
    }
    let attended = best.map_or(0, |a| a.present);
    if attended < min_sessions {
        reasons.push(NotYet::TooFewSessions {
            attended,
            required: min_sessions,
        });
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn at(h: u32, min: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, min, 0).expect("a time")
    }

    fn mondays_at_two(first_day: NaiveDate, skip: Vec<NaiveDate>) -> Schedule {
        Schedule {
            first_day,
            weekdays: vec![Weekday::Mon],
            time: at(14, 0),
            duration_minutes: 120,
            count: 8,
            skip,
        }
    }

    #[test]
    fn the_local_time_holds_across_the_october_change() {
        // Summer time ends on Sunday 25 October 2026: 14:00 is 12:00 UTC before, 13:00 after.
        let sessions = generate(&mondays_at_two(date(2026, 10, 5), vec![])).expect("sessions");
        assert_eq!(sessions.len(), 8);
        for s in &sessions {
            assert_eq!(s.starts_at.with_timezone(&Paris).time(), at(14, 0), "{s:?}");
            assert_eq!(s.ends_at - s.starts_at, Duration::minutes(120));
        }
        assert_eq!(
            sessions[2].starts_at.time(),
            at(12, 0),
            "19 October, summer time"
        );
        assert_eq!(
            sessions[3].starts_at.time(),
            at(13, 0),
            "26 October, winter time"
        );
        assert_eq!(sessions[7].day, date(2026, 11, 23));
    }

    #[test]
    fn holidays_are_skipped_and_several_weekdays_interleave() {
        // Toussaint holidays 2026 in zone B: 17 October to 2 November; 11 November is public.
        let skip: Vec<NaiveDate> = (0..17)
            .map(|d| date(2026, 10, 17) + Duration::days(d))
            .chain([date(2026, 11, 11)])
            .collect();
        let schedule = Schedule {
            weekdays: vec![Weekday::Mon, Weekday::Wed],
            ..mondays_at_two(date(2026, 10, 12), skip)
        };
        let days: Vec<NaiveDate> = generate(&schedule)
            .expect("sessions")
            .iter()
            .map(|s| s.day)
            .collect();
        assert_eq!(
            days,
            [
                date(2026, 10, 12),
                date(2026, 10, 14),
                date(2026, 11, 4),
                date(2026, 11, 9),
                date(2026, 11, 16),
                date(2026, 11, 18),
                date(2026, 11, 23),
                date(2026, 11, 25),
            ]
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_starts_when_the_clock_jumps() {
        // 28 March 2027: 02:00 jumps to 03:00; 02:30 does not exist.
        assert_eq!(
            paris_instant(date(2027, 3, 28), at(2, 30)),
            Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0)
                .single()
                .expect("utc")
        );
        // 31 October 2027: 02:30 happens twice; the first one is taken.
        assert_eq!(
            paris_instant(date(2027, 10, 31), at(2, 30)),
            Utc.with_ymd_and_hms(2027, 10, 31, 0, 30, 0)
                .single()
                .expect("utc")
        );
    }

    #[test]
    fn an_impossible_schedule_says_why() {
        let base = mondays_at_two(date(2026, 10, 5), vec![]);
        let no_day = Schedule {
            weekdays: vec![],
            ..base.clone()
        };
        assert_eq!(generate(&no_day), Err(ScheduleError::NoWeekday));
        let none = Schedule {
            count: 0,
            ..base.clone()
        };
        assert_eq!(generate(&none), Err(ScheduleError::Count));
        let long = Schedule {
            duration_minutes: 600,
            ..base.clone()
        };
        assert_eq!(generate(&long), Err(ScheduleError::Duration));
        let every_monday: Vec<NaiveDate> = (0..800)
            .map(|d| date(2026, 10, 5) + Duration::days(d))
            .collect();
        let blocked = Schedule {
            skip: every_monday,
            ..base
        };
        assert_eq!(generate(&blocked), Err(ScheduleError::TooFewDays));
    }

    #[test]
    fn states_move_forward_only() {
        assert!(CycleState::Planned.can_move_to(CycleState::Running));
        assert!(CycleState::Running.can_move_to(CycleState::Finished));
        assert!(CycleState::Planned.can_move_to(CycleState::Cancelled));
        assert!(!CycleState::Finished.can_move_to(CycleState::Running));
        assert!(!CycleState::Planned.can_move_to(CycleState::Finished));
        assert!(CycleState::Cancelled.next().is_empty());
    }

    fn record(cancelled: bool, presence: Option<Presence>) -> SessionRecord {
        SessionRecord {
            cancelled,
            presence,
        }
    }

    #[test]
    fn completion_counts_presence_among_the_sessions_held() {
        use Presence::*;
        let mut sessions = vec![record(false, Some(Present)); 5];
        sessions.push(record(false, Some(Excused)));
        sessions.push(record(false, Some(Absent)));
        sessions.push(record(true, None));
        let attendance = Attendance::of(&sessions);
        assert_eq!(
            attendance,
            Attendance {
                present: 5,
                planned: 7
            }
        );
        assert!(!attendance.completes(6), "excused is not present");
        assert!(attendance.completes(5), "a lower threshold");
        // Half the cycle cancelled: present at every session held completes it.
        let short = Attendance::of(
            &[
                vec![record(false, Some(Present)); 4],
                vec![record(true, None); 4],
            ]
            .concat(),
        );
        assert!(short.completes(6));
        assert!(
            !Attendance::of(&[record(true, None)]).completes(6),
            "nothing held"
        );
    }

    #[test]
    fn eligibility_gives_every_reason() {
        let two = Some(Attendance {
            present: 2,
            planned: 8,
        });
        assert!(
            eligibility(true, two, 0).is_empty(),
            "the default policy: enrolled"
        );
        assert!(eligibility(true, two, 2).is_empty());
        assert_eq!(
            eligibility(true, two, 3),
            [NotYet::TooFewSessions {
                attended: 2,
                required: 3
            }]
        );
        assert_eq!(
            eligibility(false, None, 1),
            [
                NotYet::NotEnrolled,
                NotYet::TooFewSessions {
                    attended: 0,
                    required: 1
                }
            ]
        );
        assert_eq!(
            NotYet::TooFewSessions {
                attended: 1,
                required: 3
            }
            .explain(),
            "Le foyer a suivi 1 séance ; il en faut au moins 3."
        );
    }

    #[test]
    fn a_cycle_moves_forward_only_and_finishing_sorts_participants() {
        assert!(check_state(CycleState::Planned, CycleState::Running).is_ok());
        assert!(check_state(CycleState::Running, CycleState::Finished).is_ok());
        assert_eq!(
            check_state(CycleState::Finished, CycleState::Running),
            Err(CycleError::InvalidState {
                from: "terminé",
                to: "en cours"
            })
        );
        assert!(check_state(CycleState::Planned, CycleState::Finished).is_err());
        let six = Attendance {
            present: 6,
            planned: 8,
        };
        let five = Attendance {
            present: 5,
            planned: 8,
        };
        assert_eq!(outcome(six, 6), EnrolmentStatus::Completed);
        assert_eq!(outcome(five, 6), EnrolmentStatus::NotCompleted);
        assert_eq!(outcome(five, 5), EnrolmentStatus::Completed);
        for day in Day::ALL {
            assert_eq!(Day::parse(day.as_str()), Some(*day));
        }
        assert_eq!(Day::Tue.weekday(), Weekday::Tue);
    }

    #[test]
    fn a_time_is_hours_and_minutes() {
        assert_eq!(parse_time("14:00"), Some(at(14, 0)));
        assert_eq!(parse_time("09:30"), Some(at(9, 30)));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("14:00:00"), None);
    }
}
