//! Dashboards as files: CSV that French Excel opens as-is (UTF-8 with a byte order mark,
//! `;` between fields, a decimal comma) and XLSX, one sheet per table.

use rust_xlsxwriter::Workbook;

use crate::platform::error::{ApiError, ApiResult};

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

impl Value {
    pub fn count(n: i64) -> Self {
        Value::Number(n as f64)
    }

    pub fn maybe(n: Option<f64>) -> Self {
        n.map_or(Value::Empty, Value::Number)
    }

    /// As a French spreadsheet writes it: `12,5`.
    fn french(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Value::Number(n) => n.to_string().replace('.', ","),
            Value::Empty => String::new(),
        }
    }
}

/// A titled table: a CSV section, an XLSX sheet.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The tables one after the other, a blank line between them.
pub fn csv(tables: &[Table]) -> ApiResult<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        for (i, table) in tables.iter().enumerate() {
            if i > 0 {
                writer.write_record([""]).map_err(internal)?;
            }
            writer
                .write_record([table.title.as_str()])
                .map_err(internal)?;
            writer.write_record(&table.headers).map_err(internal)?;
            for row in &table.rows {
                writer
                    .write_record(row.iter().map(Value::french))
                    .map_err(internal)?;
            }
        }
        writer
            .flush()
            .map_err(|e| ApiError::internal_from("csv", e))?;
    }
    Ok(out)
}

/// One sheet per table (sheet names are cut to Excel's 31 characters).
pub fn xlsx(tables: &[Table]) -> ApiResult<Vec<u8>> {
    let mut book = Workbook::new();
    for table in tables {
        let sheet = book.add_worksheet();
        let name: String = table
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(name).map_err(xlsx_error)?;
        for (col, header) in table.headers.iter().enumerate() {
            sheet
                .write_string(0, col as u16, header)
                .map_err(xlsx_error)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, value) in row.iter().enumerate() {
                let col = col as u16;
                match value {
                    Value::Text(text) => sheet.write_string(r, col, text),
                    Value::Number(n) => sheet.write_number(r, col, *n),
                    Value::Empty => Ok(&mut *sheet),
                }
                .map_err(xlsx_error)?;
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn internal(e: csv::Error) -> ApiError {
    ApiError::internal_from("csv", e)
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::internal_from("xlsx", e)
}

/// The file as an attachment, never cached (it holds a structure's figures).
pub fn attachment(bytes: Vec<u8>, content_type: &str, filename: &str) -> actix_web::HttpResponse {
    use actix_web::http::header;
    actix_web::HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_semicolons_and_decimal_commas() {
        let table = Table {
            title: "Chiffres".into(),
            headers: vec!["Indicateur".into(), "Valeur".into()],
            rows: vec![
                vec![Value::Text("Taux; de présence".into()), Value::Number(78.5)],
                vec![Value::Text("Orientations".into()), Value::count(12)],
            ],
        };
        let bytes = csv(&[table]).expect("written");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\"Taux; de présence\";78,5\r\n"));
        assert!(text.contains("Orientations;12\r\n"));
    }
}
