//! iCalendar feeds of sessions, for the staff's own calendar applications. A feed names the
//! session, the cycle and the place — never a family.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use uuid::Uuid;

/// One session as the feed shows it.
pub struct FeedSession {
    pub id: Uuid,
    pub cycle: String,
    pub title: String,
    pub number: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub cancelled: bool,
    pub version: i32,
}

/// The `.ics` text of a feed named `name`.
pub fn render(name: &str, sessions: &[FeedSession]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    calendar.append_property(("X-WR-TIMEZONE", "Europe/Paris"));
    for s in sessions {
        let mut event = Event::new();
        event
            .uid(&format!("{}@solidaires-et-connectes", s.id))
            .summary(&format!("{} — séance {} : {}", s.cycle, s.number, s.title))
            .starts(s.starts_at)
            .ends(s.ends_at)
            .location(&s.place)
            .sequence(s.version.max(1) as u32 - 1)
            .status(if s.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_feed_lists_its_sessions_with_their_instants() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 13, 0, 0)
            .single()
            .expect("utc");
        let text = render(
            "Cycle de l'automne",
            &[FeedSession {
                id: Uuid::nil(),
                cycle: "Cycle de l'automne".into(),
                title: "Fichiers".into(),
                number: 2,
                starts_at: at,
                ends_at: at + chrono::Duration::hours(2),
                place: "Maison de quartier Sabatier".into(),
                cancelled: true,
                version: 2,
            }],
        );
        assert!(text.contains("BEGIN:VEVENT"));
        assert!(text.contains("DTSTART:20261201T130000Z"));
        assert!(text.contains("STATUS:CANCELLED"));
        assert!(text.contains("SEQUENCE:1"));
    }
}
