//! Optimistic concurrency: the `If-Match` header carries the version the person edited.
//! Missing → 428, not a version → 412 (it cannot match), stale → 412 (checked in SQL).

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;

use crate::platform::error::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub i32);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Err(ApiError::version_required()));
        };
        let parsed = value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse::<i32>().ok());
        ready(parsed.map(IfMatch).ok_or_else(ApiError::version_mismatch))
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
