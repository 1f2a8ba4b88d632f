//! Printable documents (attendance sheets, erasure certificates, labels with QR codes,
//! receipts, agreements), drawn with pdf-writer on A4 pages in the standard Helvetica fonts:
//! no font file to ship, no browser. Text is encoded in WinAnsi, which covers French
//! (accents, « », œ, €).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub const A4_WIDTH: f32 = 595.0;
pub const A4_HEIGHT: f32 = 842.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// A document being drawn, page by page.
pub struct Document {
    title: String,
    pages: Vec<Content>,
}

impl Document {
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            pages: vec![Content::new()],
        }
    }

    /// Starts a new page; drawing goes there from now on.
    pub fn new_page(&mut self) {
        self.pages.push(Content::new());
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Writes `text` with its baseline at (x, y), cut to `max_width` points.
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str, max_width: f32) {
        let fitted = fit(text, size, max_width);
        let bytes = win_ansi(&fitted);
        self.page()
            .begin_text()
            .set_font(if bold { BOLD } else { REGULAR }, size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
    }

    /// A rectangle's outline.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.page()
            .set_line_width(0.6)
            .rect(x, y, width, height)
            .stroke();
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.page()
            .set_line_width(0.6)
            .move_to(from.0, from.1)
            .line_to(to.0, to.1)
            .stroke();
    }

    /// A filled black rectangle.
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.page()
            .set_fill_gray(0.0)
            .rect(x, y, width, height)
            .fill_nonzero();
    }

    /// Writes `text` wrapped to `width` points from the baseline `y` down; returns the
    /// baseline after the last line.
    pub fn paragraph(&mut self, x: f32, y: f32, size: f32, text: &str, width: f32) -> f32 {
        let mut y = y;
        for line in wrap(text, size, width) {
            self.text(x, y, size, false, &line, width + size);
            y -= size * 1.35;
        }
        y
    }

    /// A QR code of `data`, `side` points wide, its lower left corner at (x, y); nothing
    /// when the data cannot be encoded.
    pub fn qr(&mut self, x: f32, y: f32, side: f32, data: &str) {
        let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
            return;
        };
        let modules = code.width();
        let colors = code.to_colors();
        let cell = side / modules as f32;
        for (i, color) in colors.iter().enumerate() {
            if *color == qrcode::Color::Dark {
                let (col, row) = (i % modules, i / modules);
                self.fill_rect(
                    x + col as f32 * cell,
                    y + side - (row + 1) as f32 * cell,
                    cell,
                    cell,
                );
            }
        }
    }

    /// The file.
    pub fn finish(self) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first_page = 6;
        let count = self.pages.len() as i32;
        let page_ids: Vec<Ref> = (0..count).map(|i| Ref::new(first_page + 2 * i)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(page_ids.iter().copied()).count(count);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .producer(TextStr("Solidaires et Connectés"));
        for (i, content) in self.pages.into_iter().enumerate() {
            let page_id = page_ids[i];
            let content_id = Ref::new(first_page + 2 * i as i32 + 1);
            let mut page = pdf.page(page_id);
            page.parent(tree)
                .media_box(Rect::new(0.0, 0.0, A4_WIDTH, A4_HEIGHT))
                .contents(content_id);
            let mut resources = page.resources();
            resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
            resources.finish();
            page.finish();
            let data = content.finish();
            pdf.stream(content_id, &data);
        }
        pdf.finish()
    }
}

/// Cuts `text` so that it fits `max_width` points at `size` (Helvetica averages about half
/// an em per character; an ellipsis marks the cut).
fn fit(text: &str, size: f32, max_width: f32) -> String {
    let max_chars = ((max_width / (size * 0.5)).floor() as usize).max(1);
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// Lines of `text` that fit `width` points at `size`, cut between words.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let max_chars = ((width / (size * 0.5)).floor() as usize).max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// The WinAnsi bytes of `text`; characters it lacks become "?".
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '\u{202f}' | '\u{2009}' => b' ',
            '€' => 0x80,
            '…' => 0x85,
            'Œ' => 0x8c,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'œ' => 0x9c,
            _ => b'?',
        })
        .collect()
}

/// The margin of every document.
pub const MARGIN: f32 = 56.0;

/// Starts a new page when fewer than `needed` points are left above the bottom margin;
/// returns the baseline to write at.
pub fn room(doc: &mut Document, y: f32, needed: f32) -> f32 {
    if y - needed < MARGIN {
        doc.new_page();
        780.0
    } else {
        y
    }
}

/// The heading every document opens with: the structure, then the title; returns the
/// baseline below it.
pub fn heading(doc: &mut Document, structure: &str, title: &str) -> f32 {
    let width = A4_WIDTH - 2.0 * MARGIN;
    doc.text(MARGIN, A4_HEIGHT - MARGIN, 10.0, false, structure, width);
    doc.text(MARGIN, A4_HEIGHT - MARGIN - 26.0, 18.0, true, title, width);
    doc.line(
        (MARGIN, A4_HEIGHT - MARGIN - 38.0),
        (A4_WIDTH - MARGIN, A4_HEIGHT - MARGIN - 38.0),
    );
    A4_HEIGHT - MARGIN - 62.0
}

/// A "label: value" line; returns the next baseline.
pub fn field(doc: &mut Document, y: f32, label: &str, value: &str) -> f32 {
    doc.text(MARGIN, y, 10.0, true, label, 150.0);
    doc.text(MARGIN + 160.0, y, 10.0, false, value, 320.0);
    y - 16.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_is_encoded_and_long_text_cut() {
        assert_eq!(
            win_ansi("Séance « 1 » – l’œuvre"),
            b"S\xe9ance \xab 1 \xbb \x96 l\x92\x9cuvre"
        );
        assert_eq!(win_ansi("漢"), b"?");
        assert_eq!(fit("abc", 10.0, 100.0), "abc");
        assert_eq!(fit("abcdefghijklmnopqrstuvwxyz", 10.0, 50.0), "abcdefghi…");
        assert_eq!(
            wrap("un deux trois quatre", 10.0, 55.0),
            vec!["un deux", "trois", "quatre"]
        );
    }

    #[test]
    fn a_document_of_two_pages_is_a_pdf() {
        let mut doc = Document::new("Essai");
        doc.text(50.0, 800.0, 12.0, true, "Première page", 400.0);
        doc.new_page();
        doc.rect(50.0, 700.0, 100.0, 20.0);
        assert_eq!(doc.page_count(), 2);
        let bytes = doc.finish();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.windows(5).any(|w| w == b"/Kids"));
    }
}
