//! Labels to stick on devices: 3 × 8 per A4 page, each with the asset tag, the model and a
//! QR code that opens the device's page in the application.

use crate::platform::pdf::{Document, A4_HEIGHT, A4_WIDTH};

pub struct Label {
    pub asset_tag: String,
    pub line: String,
    pub structure: String,
    /// The device's page (what the QR code opens).
    pub url: String,
}

const COLUMNS: usize = 3;
const ROWS: usize = 8;
const SIDE_MARGIN: f32 = 14.0;
const TOP_MARGIN: f32 = 22.0;

pub fn labels(labels: &[Label]) -> Vec<u8> {
    let mut doc = Document::new("Étiquettes");
    let width = (A4_WIDTH - 2.0 * SIDE_MARGIN) / COLUMNS as f32;
    let height = (A4_HEIGHT - 2.0 * TOP_MARGIN) / ROWS as f32;
    for (i, label) in labels.iter().enumerate() {
        let slot = i % (COLUMNS * ROWS);
        if i > 0 && slot == 0 {
            doc.new_page();
        }
        let (col, row) = (slot % COLUMNS, slot / COLUMNS);
        let x = SIDE_MARGIN + col as f32 * width;
        let y = A4_HEIGHT - TOP_MARGIN - (row + 1) as f32 * height;
        let qr_side = height - 16.0;
        doc.qr(x + 6.0, y + 8.0, qr_side, &label.url);
        let text_x = x + qr_side + 12.0;
        let text_width = width - qr_side - 18.0;
        doc.text(
            text_x,
            y + height - 26.0,
            13.0,
            true,
            &label.asset_tag,
            text_width,
        );
        doc.text(
            text_x,
            y + height - 42.0,
            8.0,
            false,
            &label.line,
            text_width,
        );
        doc.text(text_x, y + 14.0, 7.0, false, &label.structure, text_width);
    }
    doc.finish()
}
