//! Headers on every response: security headers, `Cache-Control: no-store` on the API (its
//! answers hold personal data), a year for the SPA's hashed files and revalidation for its
//! pages, CORS credentials only with a granted origin, and the request
//! id that also tags every log line.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing_actix_web::RequestId;

/// The SPA's policy: everything from this origin, inline styles for the component library.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// `/metrics` only for the collector holding the configured token; anyone else (and
/// everyone, when no token is configured) gets the API's 404, as for any unknown path.
pub async fn guard_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<impl MessageBody>>, Error> {
    if req.path() == "/metrics" {
        let expected = req
            .app_data::<actix_web::web::Data<crate::platform::state::AppState>>()
            .and_then(|state| state.config.metrics_token.clone());
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        let digest = |t: &str| crate::auth::tokens::digest(t);
        let allowed = matches!((&expected, &given), (Some(e), Some(g)) if digest(e) == digest(g));
        if !allowed {
            let (http_req, _) = req.into_parts();
            let res = actix_web::ResponseError::error_response(
                &crate::platform::error::ApiError::not_found(),
            );
            return Ok(ServiceResponse::new(http_req, res).map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let is_api = req.path().starts_with("/api/") || req.path() == "/metrics";
    let is_asset = req.path().starts_with(crate::platform::spa::ASSETS);
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    let succeeded = res.status().is_success();
    let headers = res.headers_mut();
    let set = |headers: &mut actix_web::http::header::HeaderMap, name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if is_api {
        set(headers, header::CACHE_CONTROL, "no-store");
    } else if is_asset && succeeded {
        // Built files carry their content's hash in their name: kept for a year.
        set(
            headers,
            header::CACHE_CONTROL,
            "public, max-age=31536000, immutable",
        );
    } else {
        // The pages (index.html): asked again each time, so a new release is seen at once.
        set(headers, header::CACHE_CONTROL, "no-cache");
    }
    // CORS grants credentials only with an allowed origin (the CORS layer adds the header to
    // every answer; without an origin granted it means nothing but invites confusion).
    if !headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
        headers.remove(header::ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }
    if let Some(id) = request_id {
        set(headers, HeaderName::from_static("x-request-id"), &id);
    }
    Ok(res)
}
