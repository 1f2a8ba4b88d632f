//! Optimistic concurrency: the `If-Match` header carries the version the person edited.
//! Missing → 428, not a version → 412 (it cannot match), stale → 412 (checked in SQL).

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::platform::error::ApiError;

/// The `If-Match` header as sent. The extractor never fails: the handler asks for the
/// version ([`IfMatch::version`]) once the body is read, because actix polls all of a
/// handler's extractors in one pass and an immediate header error would otherwise win over
/// the body's 422 whenever the body arrives a moment later.
#[derive(Debug, Clone, Copy)]
pub enum IfMatch {
    Missing,
    NotAVersion,
    Version(i32),
}

impl IfMatch {
    /// The version edited: 428 when the header is missing, 412 when it cannot match.
    pub fn version(self) -> Result<i32, ApiError> {
        match self {
            IfMatch::Missing => Err(ApiError::version_required()),
            IfMatch::NotAVersion => Err(ApiError::version_mismatch()),
            IfMatch::Version(v) => Ok(v),
        }
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Ok(IfMatch::Missing));
        };
        let parsed = value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse::<i32>().ok());
        ready(Ok(parsed.map_or(IfMatch::NotAVersion, IfMatch::Version)))
    }
}

/// Something with a version, answered with a matching `ETag`.
pub trait Versioned {
    fn version(&self) -> i32;
}

/// 200 with the body and `ETag: "<version>"`.
pub fn with_etag<T: Serialize + Versioned>(value: &T) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, format!("\"{}\"", value.version())))
        .json(value)
}

/// 201 with the body, `ETag` and `Location`.
pub fn created<T: Serialize + Versioned>(value: &T, location: &str) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::ETAG, format!("\"{}\"", value.version())))
        .insert_header((header::LOCATION, location.to_owned()))
        .json(value)
}
