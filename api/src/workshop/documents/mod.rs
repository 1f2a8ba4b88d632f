//! The workshop's printable documents: the erasure certificate, the labels, the donation
//! receipt, the handover agreement and the donor report. Pure drawing from data read by
//! `report.rs`.

mod certificate;
mod labels;
mod papers;

pub use certificate::certificate;
pub use labels::{labels, Label};
pub use papers::{agreement, donor_report, receipt};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;

use crate::platform::pdf::{Document, A4_HEIGHT};

pub(crate) const MARGIN: f32 = 56.0;

/// "28/11/2026 à 14 h 05" in Paris time.
pub(crate) fn paris_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris)
        .format("%d/%m/%Y à %H h %M")
        .to_string()
}

/// The heading every document opens with: the structure, then the title; returns the
/// baseline below it.
pub(crate) fn heading(doc: &mut Document, structure: &str, title: &str) -> f32 {
    let width = crate::platform::pdf::A4_WIDTH - 2.0 * MARGIN;
    doc.text(MARGIN, A4_HEIGHT - MARGIN, 10.0, false, structure, width);
    doc.text(MARGIN, A4_HEIGHT - MARGIN - 26.0, 18.0, true, title, width);
    doc.line(
        (MARGIN, A4_HEIGHT - MARGIN - 38.0),
        (
            crate::platform::pdf::A4_WIDTH - MARGIN,
            A4_HEIGHT - MARGIN - 38.0,
        ),
    );
    A4_HEIGHT - MARGIN - 62.0
}

/// A "label: value" line; returns the next baseline.
pub(crate) fn field(doc: &mut Document, y: f32, label: &str, value: &str) -> f32 {
    doc.text(MARGIN, y, 10.0, true, label, 150.0);
    doc.text(MARGIN + 160.0, y, 10.0, false, value, 320.0);
    y - 16.0
}
