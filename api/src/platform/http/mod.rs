//! HTTP plumbing shared by every route: JSON bodies, versions, headers, request ids.

pub mod body;
pub mod cursor;
pub mod echo;
pub mod headers;
pub mod idempotency;
pub mod methods;
pub mod request_log;
pub mod version;

pub use body::ValidJson;
pub use version::{IfMatch, Versioned};

/// A generated PDF, shown in the browser (`inline`) under `filename`, never cached: it holds
/// a structure's records.
pub fn pdf(bytes: Vec<u8>, filename: &str) -> actix_web::HttpResponse {
    use actix_web::http::header;
    actix_web::HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes)
}
