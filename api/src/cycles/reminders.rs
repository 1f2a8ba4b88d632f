//! Reminding families, who have no account, of their sessions: how (their preferred contact,
//! an SMS gateway if one is configured, else a call by the staff) and when (the day before, in
//! Paris). The texts name the session, never the family's situation.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Paris;

use crate::households::domain::ContactChannel;

/// How a household hears of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reminder {
    Sms {
        phone: String,
    },
    Email {
        address: String,
    },
    /// On the staff's "to call" list (no gateway for SMS, or the family prefers a call).
    Call {
        phone: String,
    },
    /// Asked not to be contacted, or nothing to reach them by in time (a letter would arrive
    /// after the session).
    None,
}

/// The reminder a household gets, from its preferred contact and what it gave.
pub fn reminder_for(
    preferred: ContactChannel,
    phone: Option<&str>,
    email: Option<&str>,
    sms_gateway: bool,
) -> Reminder {
    let phone = phone.map(str::to_owned);
    match (preferred, phone) {
        (ContactChannel::DoNotContact, _) => Reminder::None,
        (ContactChannel::Sms, Some(phone)) if sms_gateway => Reminder::Sms { phone },
        (ContactChannel::Email, phone) => match (email, phone) {
            (Some(address), _) => Reminder::Email {
                address: address.to_owned(),
            },
            (None, Some(phone)) => Reminder::Call { phone },
            (None, None) => Reminder::None,
        },
        (_, Some(phone)) => Reminder::Call { phone },
        (_, None) => match email {
            Some(address) if preferred != ContactChannel::Letter => Reminder::Email {
                address: address.to_owned(),
            },
            _ => Reminder::None,
        },
    }
}

/// The Paris day whose sessions are reminded at `now`: tomorrow.
pub fn reminded_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive() + Duration::days(1)
}

crate::text_enum!(
    /// Why a family is told of a session.
    ReminderReason {
        DayBefore = "day_before",
        Moved = "moved",
        Cancelled = "cancelled",
    }
);

crate::text_enum!(
    /// How it is told.
    ReminderChannel {
        Sms = "sms",
        Email = "email",
        /// By a person of the structure, from the "to call" list.
        Call = "call",
    }
);

/// "mardi 1er décembre à 14 h 00", in Paris.
pub fn when(starts_at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let local = starts_at.with_timezone(&Paris);
    let day = match local.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    format!(
        "{} {day} {} à {} h {:02}",
        DAYS[local.weekday().num_days_from_monday() as usize],
        MONTHS[local.month0() as usize],
        local.hour(),
        local.minute()
    )
}

/// The message: "Rappel : séance « Internet et courriel » demain, mardi 1er décembre à
/// 14 h 00, Maison de quartier Sabatier.", or the news of a move or a cancellation.
pub fn text(reason: ReminderReason, module: &str, starts_at: DateTime<Utc>, place: &str) -> String {
    let when = when(starts_at);
    match reason {
        ReminderReason::DayBefore => {
            format!("Rappel : séance « {module} » demain, {when}, {place}.")
        }
        ReminderReason::Moved => {
            format!("Changement : la séance « {module} » est déplacée au {when}, {place}.")
        }
        ReminderReason::Cancelled => {
            format!("Annulation : la séance « {module} » du {when} n'aura pas lieu.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ContactChannel::*;

    const PHONE: Option<&str> = Some("+33612345678");
    const MAIL: Option<&str> = Some("famille@exemple.fr");

    fn call() -> Reminder {
        Reminder::Call {
            phone: "+33612345678".into(),
        }
    }

    #[test]
    fn the_family_is_reached_as_it_asked_or_not_at_all() {
        assert_eq!(
            reminder_for(DoNotContact, PHONE, MAIL, true),
            Reminder::None
        );
        assert_eq!(
            reminder_for(Sms, PHONE, None, true),
            Reminder::Sms {
                phone: "+33612345678".into()
            }
        );
        assert_eq!(
            reminder_for(Sms, PHONE, None, false),
            call(),
            "no gateway: staff call"
        );
        assert_eq!(reminder_for(Phone, PHONE, MAIL, true), call());
        assert_eq!(
            reminder_for(Email, PHONE, MAIL, true),
            Reminder::Email {
                address: "famille@exemple.fr".into()
            }
        );
        assert_eq!(
            reminder_for(Letter, PHONE, None, true),
            call(),
            "a letter would be late"
        );
        assert_eq!(reminder_for(Letter, None, MAIL, true), Reminder::None);
        assert_eq!(reminder_for(Phone, None, None, true), Reminder::None);
    }

    #[test]
    fn tomorrow_is_a_paris_day() {
        // 23:30 UTC on 30 November is already 1 December in Paris: the 2nd is reminded.
        let late = Utc
            .with_ymd_and_hms(2026, 11, 30, 23, 30, 0)
            .single()
            .expect("utc");
        assert_eq!(
            reminded_day(late),
            NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
        );
    }

    #[test]
    fn the_text_names_the_session_in_french() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 13, 0, 0)
            .single()
            .expect("utc");
        assert_eq!(
            text(
                ReminderReason::DayBefore,
                "Internet et courriel",
                at,
                "Maison de quartier Sabatier"
            ),
            "Rappel : séance « Internet et courriel » demain, mardi 1er décembre à 14 h 00, \
             Maison de quartier Sabatier."
        );
        assert_eq!(
            text(
                ReminderReason::Cancelled,
                "Internet et courriel",
                at,
                "Sabatier"
            ),
            "Annulation : la séance « Internet et courriel » du mardi 1er décembre à 14 h 00 \
             n'aura pas lieu."
        );
        assert!(text(ReminderReason::Moved, "Internet", at, "Sabatier")
            .starts_with("Changement : la séance « Internet » est déplacée au mardi 1er"));
    }
}
