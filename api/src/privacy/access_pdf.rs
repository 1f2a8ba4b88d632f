//! The right of access as a readable document: each table's rows, field by field.

use crate::platform::pdf::{field, heading, room, Document, A4_WIDTH, MARGIN};
use crate::platform::text::french_date;

use super::routes::PersonalDataExport;

const WIDTH: f32 = A4_WIDTH - 2.0 * MARGIN;

/// What each table is, in the words of the document.
fn title(table: &str) -> &str {
    match table {
        "household" => "Le foyer",
        "household_members" => "Les membres du foyer",
        "referrals" => "Les orientations",
        "referral_events" => "L'historique des orientations",
        "enrolments" => "Les places en cycle",
        "attendance" => "Les présences aux séances",
        "skills_checks" => "Les positionnements de compétences",
        "session_reminders" => "Les rappels de séance",
        "reservations" => "Les ordinateurs réservés",
        "handovers" => "Les ordinateurs remis",
        other => other,
    }
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) if items.is_empty() => "—".to_owned(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

pub fn document(export: &PersonalDataExport) -> Vec<u8> {
    let mut doc = Document::new("Données personnelles");
    let mut y = heading(
        &mut doc,
        &export.structure,
        "Données personnelles d'un foyer",
    );
    y = field(&mut doc, y, "Foyer", &export.household_id.to_string());
    y = field(
        &mut doc,
        y,
        "Extrait le",
        &french_date(
            export
                .exported_at
                .with_timezone(&chrono_tz::Europe::Paris)
                .date_naive(),
        ),
    );
    y -= 6.0;
    y = doc.paragraph(
        MARGIN,
        y,
        9.0,
        "Ce document reprend tout ce que la structure conserve sur ce foyer, tel qu'enregistré, \
         table par table (droit d'accès, article 15 du RGPD).",
        WIDTH,
    );
    for section in &export.sections {
        y = room(&mut doc, y - 10.0, 60.0);
        doc.text(MARGIN, y, 13.0, true, title(section.table), WIDTH);
        y -= 20.0;
        if section.rows.is_empty() {
            doc.text(MARGIN, y, 10.0, false, "Rien d'enregistré.", WIDTH);
            y -= 16.0;
        }
        for (i, row) in section.rows.iter().enumerate() {
            if i > 0 {
                y = room(&mut doc, y, 24.0);
                doc.line((MARGIN, y + 8.0), (A4_WIDTH - MARGIN, y + 8.0));
                y -= 6.0;
            }
            if let Some(fields) = row.as_object() {
                for (key, value) in fields {
                    y = room(&mut doc, y, 16.0);
                    y = field(&mut doc, y, key, &value_text(value));
                }
            }
        }
    }
    doc.finish()
}
