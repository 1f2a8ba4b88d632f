//! Solidaires et Connectés: the API service as a library, so that the binary, the tests
//! and the OpenAPI generator build the very same application.

pub mod auth;
pub mod cli;
pub mod config;
pub mod consent;
pub mod db;
pub mod error;
pub mod family;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod pg_local;
pub mod routes;
pub mod seed;
pub mod spa;
pub mod state;
pub mod text;
pub mod vocab;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, Error};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;
use crate::state::AppState;

pub type Metrics = actix_web_prom::PrometheusMetrics;

/// Request metrics served at `/metrics` (one registry per process: build once, clone per worker).
pub fn metrics() -> anyhow::Result<Metrics> {
    actix_web_prom::PrometheusMetricsBuilder::new("solidaires")
        .endpoint("/metrics")
        .build()
        .map_err(|e| anyhow::anyhow!("metrics: {e}"))
}

/// The application: API, docs, metrics and (when built) the SPA.
pub fn build_app(
    state: AppState,
    metrics: Metrics,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let spa_dir = state.config.spa_dir.clone();
    let cors = cors(&state.config.cors_origins);
    let (app, api) = App::new()
        .app_data(web::Data::new(state))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|err, _| ApiError::field("query", err.to_string()).into()),
        )
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found().into()))
        .into_utoipa_app()
        .configure(api_routes)
        .split_for_parts();
    let api = document(api);
    app.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
        .service(web::redirect("/api/docs", "/api/docs/"))
        .configure(|cfg| spa::configure(cfg, &spa_dir))
        .wrap(cors)
        .wrap(from_fn(http::headers::security_headers))
        .wrap(Compress::default())
        .wrap(metrics)
        .wrap(tracing_actix_web::TracingLogger::default())
}

/// Everything the OpenAPI document describes. (Not one `/api` scope: a scope swallows
/// every path under it, and `/api/docs` is served beside it.)
fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::health::health)
        .service(routes::health::ready)
        .service(
            scope("/api/v1")
                .wrap(from_fn(auth::extract::resolve_caller))
                .configure(routes::v1),
        );
}

/// The OpenAPI document, without a database or a server (for `solidaires openapi`).
pub fn openapi() -> OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .configure(api_routes)
        .split_for_parts();
    document(api)
}

/// Adds what the handlers cannot say: title, version, security scheme, and operation ids
/// unique across modules (utoipa names operations after their function, and several
/// modules have a `list`).
fn document(mut api: OpenApi) -> OpenApi {
    for (path, item) in api.paths.paths.iter_mut() {
        let operations = [
            ("get", item.get.as_mut()),
            ("post", item.post.as_mut()),
            ("put", item.put.as_mut()),
            ("patch", item.patch.as_mut()),
            ("delete", item.delete.as_mut()),
        ];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                operation.operation_id = Some(operation_id(method, path));
            }
        }
    }
    api.info.title = "Solidaires et Connectés API".into();
    api.info.version = env!("CARGO_PKG_VERSION").into();
    api.info.description = Some(
        "Referrals, households, cycles and refurbished computers for families in illectronisme. \
         Errors are application/problem+json with a stable `code`. Tenant resources live under \
         /api/v1/orgs/{org_id}/…; non-members get 404."
            .into(),
    );
    api.info.contact = None;
    api.info.license = Some(utoipa::openapi::License::new("AGPL-3.0-or-later"));
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT")
                .build(),
        ),
    );
    api
}

/// `get /api/v1/orgs/{org_id}/referrals/{referral_id}` → `get_orgs_referrals_item`.
fn operation_id(method: &str, path: &str) -> String {
    let trimmed = path
        .trim_start_matches("/api/v1/")
        .trim_start_matches("/api/");
    let mut parts = vec![method.to_owned()];
    parts.extend(
        trimmed
            .split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{'))
            .map(|s| s.replace('-', "_")),
    );
    if path.ends_with('}') && !path.ends_with("{org_id}") {
        parts.push("item".into());
    }
    parts.join("_")
}

fn cors(origins: &[String]) -> actix_cors::Cors {
    use actix_web::http::header;
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-request-id"),
        ])
        .supports_credentials()
        .max_age(600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}
