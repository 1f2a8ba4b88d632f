//! Serves the built SPA (`frontend/dist`) when it exists: files as they are, and
//! `index.html` for any other page so deep links work. API paths are never answered with
//! the SPA: an unknown `/api/…` path is a problem+json 404. Nor are missing built files: a
//! page still open after a release asks for files that are gone, and a 404 (not a page of
//! HTML) lets it see that and reload.

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

/// Where the build puts its hashed files.
pub const ASSETS: &str = "/assets/";

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/metrics"
}

fn fallback(req: ServiceRequest, index: &Path) -> ServiceResponse {
    if is_api(req.path())
        || req.path().starts_with(ASSETS)
        || req.method() != actix_web::http::Method::GET
    {
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

#[cfg(test)]
mod tests {
    use actix_web::http::header::CACHE_CONTROL;
    use actix_web::{middleware::from_fn, test, App};

    /// A built SPA in a folder of its own: a page and one hashed file.
    fn built_spa() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("spa-test-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(dir.join("assets")).expect("a temporary folder");
        std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>")
            .expect("index.html");
        std::fs::write(dir.join("assets/page-abc123.js"), "export default 1;")
            .expect("a built file");
        dir
    }

    #[actix_web::test]
    async fn pages_are_revalidated_hashed_files_kept_and_missing_files_not_answered_with_a_page() {
        let dir = built_spa();
        let app = test::init_service(
            App::new()
                .wrap(from_fn(crate::platform::http::headers::security_headers))
                .configure(|cfg| super::configure(cfg, &dir)),
        )
        .await;
        let get = |path: &str| test::TestRequest::get().uri(path).to_request();
        let cache = |headers: &actix_web::http::header::HeaderMap| {
            headers
                .get(CACHE_CONTROL)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };

        let page = test::call_service(&app, get("/orgs/x/households")).await;
        assert_eq!(page.status(), 200, "a deep link is the application");
        assert_eq!(cache(page.headers()).as_deref(), Some("no-cache"));

        let file = test::call_service(&app, get("/assets/page-abc123.js")).await;
        assert_eq!(file.status(), 200);
        assert_eq!(
            cache(file.headers()).as_deref(),
            Some("public, max-age=31536000, immutable")
        );

        // A file of the previous release: gone, and said so.
        let gone = test::call_service(&app, get("/assets/page-old999.js")).await;
        assert_eq!(gone.status(), 404);
        assert_ne!(
            cache(gone.headers()).as_deref(),
            Some("public, max-age=31536000, immutable")
        );
        std::fs::remove_dir_all(dir).expect("cleaned up");
    }
}
