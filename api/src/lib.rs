//! Solidaires et Connectés: the API service as a library, so that the binary, the tests
//! and the OpenAPI generator build the very same application.

pub mod audit;
pub mod auth;
pub mod cli;
pub mod cycles;
pub mod dashboards;
pub mod households;
pub mod notifications;
pub mod organisations;
pub mod platform;
pub mod privacy;
pub mod referrals;
pub mod schema;
pub mod seed;
pub mod texts;
pub mod training;
pub mod workshop;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, Error};
use utoipa::openapi::OpenApi;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::platform::error::ApiError;
use crate::platform::state::AppState;

pub type Metrics = actix_web_prom::PrometheusMetrics;

/// Request metrics served at `/metrics` (one registry per process: build once, clone per worker).
pub fn metrics() -> anyhow::Result<Metrics> {
    actix_web_prom::PrometheusMetricsBuilder::new("solidaires")
        .endpoint("/metrics")
        // Paths no route matches count as one series: random URLs cannot grow the registry.
        .mask_unmatched_patterns("UNMATCHED")
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
    let bench_echo = state.config.bench_echo;
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
    let api = platform::openapi::document(api);
    app.configure(|cfg| {
        if bench_echo {
            cfg.service(platform::http::echo::echo);
        }
    })
    .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api))
    .service(web::redirect("/api/docs", "/api/docs/"))
    .configure(|cfg| platform::spa::configure(cfg, &spa_dir))
    .wrap(cors)
    .wrap(from_fn(platform::http::headers::security_headers))
    .wrap(Compress::default())
    .wrap(metrics)
    .wrap(from_fn(platform::http::headers::guard_metrics))
    .wrap(tracing_actix_web::TracingLogger::<
        platform::http::request_log::RequestSpan,
    >::new())
}

/// Everything the OpenAPI document describes. (Not one `/api` scope: a scope swallows
/// every path under it, and `/api/docs` is served beside it.)
fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(platform::health::health)
        .service(platform::health::ready)
        .service(
            scope("/api/v1")
                // The journal sees the caller resolve_caller found: it is wrapped inside it.
                .wrap(from_fn(audit::middleware::journal))
                .wrap(from_fn(auth::extract::resolve_caller))
                .configure(auth::routes)
                .configure(organisations::routes)
                .configure(households::routes)
                .configure(referrals::routes)
                .configure(notifications::routes)
                .configure(cycles::routes)
                .configure(workshop::routes)
                .configure(training::routes)
                .configure(dashboards::routes)
                .configure(privacy::routes)
                .configure(texts::routes)
                .configure(audit::routes),
        );
}

/// The OpenAPI document, without a database or a server (for `solidaires openapi`).
pub fn openapi() -> OpenApi {
    let (_, api) = App::new()
        .into_utoipa_app()
        .configure(api_routes)
        .split_for_parts();
    platform::openapi::document(api)
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
