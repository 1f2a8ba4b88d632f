//! The attestation of training a volunteer adds to a CV or a skills portfolio: hours,
//! sessions, competences validated, courses and trainers.

use chrono::NaiveDate;

use super::views::RecordView;
use crate::platform::pdf::{Document, A4_HEIGHT, A4_WIDTH};
use crate::platform::text::french_date;

pub struct AttestationData {
    pub structure: String,
    pub record: RecordView,
    pub trainers: Vec<String>,
    pub issued_on: NaiveDate,
}

const MARGIN: f32 = 56.0;

pub fn render(data: &AttestationData) -> Vec<u8> {
    let width = A4_WIDTH - 2.0 * MARGIN;
    let r = &data.record;
    let mut doc = Document::new(&format!("Attestation de formation — {}", r.person.name));
    doc.text(
        MARGIN,
        A4_HEIGHT - MARGIN,
        10.0,
        false,
        &data.structure,
        width,
    );
    doc.text(
        MARGIN,
        A4_HEIGHT - MARGIN - 26.0,
        18.0,
        true,
        "Attestation de formation",
        width,
    );
    doc.line(
        (MARGIN, A4_HEIGHT - 100.0),
        (A4_WIDTH - MARGIN, A4_HEIGHT - 100.0),
    );
    let mut y = doc.paragraph(
        MARGIN,
        A4_HEIGHT - 130.0,
        11.0,
        &format!(
            "{} atteste que {} a suivi une formation au reconditionnement d'ordinateurs : {} de formation en {} séance(s).",
            data.structure, r.person.name, r.hours, r.sessions_attended
        ),
        width,
    );
    y -= 14.0;
    if !r.courses.is_empty() {
        doc.text(MARGIN, y, 12.0, true, "Formation suivie", width);
        y -= 18.0;
        for course in &r.courses {
            doc.text(
                MARGIN + 12.0,
                y,
                10.0,
                false,
                &format!("• {}", course.name),
                width - 12.0,
            );
            y -= 15.0;
        }
        y -= 8.0;
    }
    doc.text(MARGIN, y, 12.0, true, "Compétences validées", width);
    y -= 18.0;
    if r.competences.is_empty() {
        doc.text(
            MARGIN + 12.0,
            y,
            10.0,
            false,
            "Aucune compétence validée à ce jour.",
            width,
        );
        y -= 15.0;
    }
    for v in &r.competences {
        doc.text(
            MARGIN + 12.0,
            y,
            10.0,
            false,
            &format!(
                "• {} — le {}, par {}",
                v.competence.label(),
                french_date(v.validated_on),
                v.validator_name
            ),
            width - 12.0,
        );
        y -= 15.0;
    }
    if !data.trainers.is_empty() {
        y -= 8.0;
        doc.text(MARGIN, y, 12.0, true, "Formateurs", width);
        y -= 18.0;
        doc.paragraph(
            MARGIN + 12.0,
            y,
            10.0,
            &data.trainers.join(", "),
            width - 12.0,
        );
        y -= 20.0;
    }
    let steps = r.workshop_steps.len();
    if steps > 0 {
        y -= 8.0;
        doc.paragraph(
            MARGIN,
            y,
            10.0,
            &format!("Mise en pratique : {steps} étape(s) de reconditionnement réalisée(s) dans l'atelier de la structure."),
            width,
        );
    }
    doc.text(
        MARGIN,
        120.0,
        10.0,
        false,
        &format!("Fait le {}.", french_date(data.issued_on)),
        width,
    );
    doc.text(
        MARGIN,
        100.0,
        10.0,
        false,
        "Pour la structure (nom, signature) :",
        width,
    );
    doc.finish()
}
