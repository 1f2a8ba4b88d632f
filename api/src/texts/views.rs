//! The texts' answers.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::domain::{label, TextKind};
use super::repo::TextRow;

/// One version of a text.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextVersion {
    pub kind: TextKind,
    pub version: i32,
    /// As recorded where the text was accepted (`v2`).
    pub label: String,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
}

impl From<TextRow> for TextVersion {
    fn from(row: TextRow) -> Self {
        TextVersion {
            kind: row.kind,
            label: label(row.version),
            version: row.version,
            body: row.body,
            published_at: row.published_at,
            published_by_name: row.published_by,
        }
    }
}

/// A kind of text: its current version, if one was published.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextSummary {
    pub kind: TextKind,
    pub current: Option<TextVersion>,
    /// The platform's text, which applies while the structure has published none (none for
    /// the privacy notice: each structure writes its own).
    pub platform_text: Option<String>,
}
