//! Serves the built SPA (`frontend/dist`) when it exists: files as they are, and
//! `index.html` for any other page so deep links work. API paths are never answered with
//! the SPA: an unknown `/api/…` path is a problem+json 404.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{web, ResponseError};

use crate::platform::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig, dir: &Path) {
    let index = dir.join("index.html");
    if index.is_file() {
        let index: PathBuf = index;
        cfg.service(
            Files::new("/", dir)
                .index_file("index.html")
                .use_etag(true)
                .default_handler(fn_service(move |req: ServiceRequest| {
                    let index = index.clone();
                    async move { Ok(fallback(req, &index)) }
                })),
        );
    }
    // Also what scopes answer for paths they do not know (e.g. /api/v1/unknown).
    cfg.default_service(fn_service(|req: ServiceRequest| async move {
        Ok(not_found(req))
    }));
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/metrics"
}

fn fallback(req: ServiceRequest, index: &Path) -> ServiceResponse {
    if is_api(req.path()) || req.method() != actix_web::http::Method::GET {
        return not_found(req);
    }
    let (http_req, _) = req.into_parts();
    match NamedFile::open(index) {
        Ok(file) => {
            let res = file
                .use_etag(true)
                .prefer_utf8(true)
                .into_response(&http_req);
            ServiceResponse::new(http_req, res)
        }
        Err(_) => ServiceResponse::new(http_req, ApiError::not_found().error_response()),
    }
}

/// 404, or 405 with `Allow` when the path exists with other methods.
fn not_found(req: ServiceRequest) -> ServiceResponse {
    let allowed = is_api(req.path())
        .then(|| crate::platform::http::methods::allowed(req.path()))
        .flatten();
    let (http_req, _) = req.into_parts();
    let res = match allowed {
        Some(methods) => {
            let mut res = ApiError::method_not_allowed().error_response();
            if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&methods) {
                res.headers_mut()
                    .insert(actix_web::http::header::ALLOW, value);
            }
            res
        }
        None => ApiError::not_found().error_response(),
    };
    ServiceResponse::new(http_req, res)
}
