//! The workshop's printable documents: the erasure certificate, the labels, the donation
//! receipt, the handover agreement and the donor report. Pure drawing from data read by
//! `report.rs`.

mod certificate;
mod labels;
mod papers;

pub use certificate::certificate;
pub use labels::{labels, Label};
pub use papers::{agreement, donor_report, receipt, CLAUSES};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;

pub(crate) use crate::platform::pdf::{field, heading, MARGIN};

/// "28/11/2026 à 14 h 05" in Paris time.
pub(crate) fn paris_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris)
        .format("%d/%m/%Y à %H h %M")
        .to_string()
}
