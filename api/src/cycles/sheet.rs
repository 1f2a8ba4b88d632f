//! The attendance sheet of a session (feuille d'émargement) as funders ask for it: the
//! structure, the site, the date and time, the module, the facilitators, and one row per
//! participant with a signature column (plus blank rows for people who come on the day).

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;

use super::domain::Presence;
use crate::platform::pdf::{Document, A4_HEIGHT, A4_WIDTH};

/// What the sheet shows.
pub struct SheetData {
    pub structure: String,
    pub site: String,
    pub site_address: Option<String>,
    pub cycle: String,
    pub session_number: i32,
    pub sessions_count: i32,
    pub module: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub facilitators: Vec<String>,
    /// Participants by name, with the presence recorded (if any).
    pub participants: Vec<(String, Option<Presence>)>,
    pub generated_at: DateTime<Utc>,
}

const MARGIN: f32 = 48.0;
const ROW: f32 = 30.0;
const BLANK_ROWS: usize = 3;
const NAME_WIDTH: f32 = 210.0;
const PRESENCE_WIDTH: f32 = 90.0;

fn presence_fr(presence: Option<Presence>) -> &'static str {
    match presence {
        Some(Presence::Present) => "présent·e",
        Some(Presence::Excused) => "excusé·e",
        Some(Presence::Absent) => "absent·e",
        None => "",
    }
}

/// "mardi 1er décembre 2026, de 14 h 00 à 16 h 00".
fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let (start, end) = (
        starts_at.with_timezone(&Paris),
        ends_at.with_timezone(&Paris),
    );
    format!(
        "{} {}, de {} h {:02} à {} h {:02}",
        super::reminders::when(starts_at)
            .split(" à ")
            .next()
            .unwrap_or_default(),
        start.year(),
        start.hour(),
        start.minute(),
        end.hour(),
        end.minute()
    )
}

/// The sheet as a PDF.
pub fn render(data: &SheetData) -> Vec<u8> {
    let mut doc = Document::new(&format!(
        "Feuille d'émargement — {} — séance {}",
        data.cycle, data.session_number
    ));
    let width = A4_WIDTH - 2.0 * MARGIN;
    let mut rows: Vec<(String, &str)> = data
        .participants
        .iter()
        .map(|(name, presence)| (name.clone(), presence_fr(*presence)))
        .collect();
    rows.extend((0..BLANK_ROWS).map(|_| (String::new(), "")));
    let mut y = header(&mut doc, data, width);
    let mut page = 1;
    for (name, presence) in rows {
        if y - ROW < MARGIN + 30.0 {
            footer(&mut doc, data, page);
            doc.new_page();
            page += 1;
            y = table_head(&mut doc, A4_HEIGHT - MARGIN, width);
        }
        doc.rect(MARGIN, y - ROW, width, ROW);
        doc.line((MARGIN + NAME_WIDTH, y), (MARGIN + NAME_WIDTH, y - ROW));
        doc.line(
            (MARGIN + NAME_WIDTH + PRESENCE_WIDTH, y),
            (MARGIN + NAME_WIDTH + PRESENCE_WIDTH, y - ROW),
        );
        doc.text(
            MARGIN + 6.0,
            y - 19.0,
            11.0,
            false,
            &name,
            NAME_WIDTH - 12.0,
        );
        doc.text(
            MARGIN + NAME_WIDTH + 6.0,
            y - 19.0,
            10.0,
            false,
            presence,
            PRESENCE_WIDTH - 12.0,
        );
        y -= ROW;
    }
    footer(&mut doc, data, page);
    doc.finish()
}

fn header(doc: &mut Document, data: &SheetData, width: f32) -> f32 {
    let mut y = A4_HEIGHT - MARGIN;
    doc.text(MARGIN, y, 18.0, true, "Feuille d'émargement", width);
    y -= 26.0;
    doc.text(MARGIN, y, 12.0, true, &data.structure, width);
    y -= 16.0;
    let site = match &data.site_address {
        Some(address) => format!("{} — {address}", data.site),
        None => data.site.clone(),
    };
    doc.text(MARGIN, y, 11.0, false, &site, width);
    y -= 24.0;
    let lines = [
        ("Cycle", data.cycle.clone()),
        (
            "Séance",
            format!(
                "{} sur {} — {}",
                data.session_number, data.sessions_count, data.module
            ),
        ),
        ("Date", when(data.starts_at, data.ends_at)),
        ("Animation", data.facilitators.join(", ")),
    ];
    for (label, value) in lines {
        doc.text(MARGIN, y, 11.0, true, label, 80.0);
        doc.text(MARGIN + 80.0, y, 11.0, false, &value, width - 80.0);
        y -= 16.0;
    }
    table_head(doc, y - 12.0, width)
}

fn table_head(doc: &mut Document, y: f32, width: f32) -> f32 {
    doc.text(
        MARGIN + 6.0,
        y - 14.0,
        10.0,
        true,
        "Participant·e",
        NAME_WIDTH,
    );
    doc.text(
        MARGIN + NAME_WIDTH + 6.0,
        y - 14.0,
        10.0,
        true,
        "Présence",
        PRESENCE_WIDTH,
    );
    doc.text(
        MARGIN + NAME_WIDTH + PRESENCE_WIDTH + 6.0,
        y - 14.0,
        10.0,
        true,
        "Signature",
        width - NAME_WIDTH - PRESENCE_WIDTH,
    );
    doc.line((MARGIN, y - 20.0), (MARGIN + width, y - 20.0));
    y - 20.0
}

fn footer(doc: &mut Document, data: &SheetData, page: usize) {
    let day = data.generated_at.with_timezone(&Paris).format("%d/%m/%Y");
    doc.text(
        MARGIN,
        MARGIN - 16.0,
        8.0,
        false,
        &format!("Édité le {day} avec Solidaires et Connectés — page {page}"),
        A4_WIDTH - 2.0 * MARGIN,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_date_reads_in_french_in_paris_time() {
        let start = Utc
            .with_ymd_and_hms(2026, 12, 1, 13, 0, 0)
            .single()
            .expect("utc");
        let end = Utc
            .with_ymd_and_hms(2026, 12, 1, 15, 0, 0)
            .single()
            .expect("utc");
        assert_eq!(
            when(start, end),
            "mardi 1er décembre 2026, de 14 h 00 à 16 h 00"
        );
    }

    #[test]
    fn a_long_list_runs_over_several_pages() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 13, 0, 0)
            .single()
            .expect("utc");
        let data = SheetData {
            structure: "AMQR".into(),
            site: "Maison de quartier Sabatier".into(),
            site_address: None,
            cycle: "Cycle de l'automne".into(),
            session_number: 2,
            sessions_count: 8,
            module: "Fichiers".into(),
            starts_at: at,
            ends_at: at,
            facilitators: vec!["Amina".into()],
            participants: (0..40).map(|i| (format!("Personne {i}"), None)).collect(),
            generated_at: at,
        };
        let bytes = render(&data);
        assert!(bytes.starts_with(b"%PDF-"));
        // 40 people and 3 blank rows: 18 rows under the header, 23 on a full page.
        assert!(bytes.windows(8).any(|w| w == b"/Count 3"));
    }
}
