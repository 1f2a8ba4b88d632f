//! Reusable OpenAPI response sets, so every route documents every status it can return.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa::IntoResponses;

use crate::platform::error::Problem;

/// Statuses of every authenticated route outside an organisation.
#[derive(IntoResponses)]
pub enum AuthErrors {
    /// Not signed in, or the session expired or was revoked.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
}

/// Statuses every `/orgs/{org_id}/…` route can return before its own work.
#[derive(IntoResponses)]
pub enum OrgErrors {
    /// Not signed in, or the session expired or was revoked.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// A member whose role does not allow this action.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such organisation for this caller (also for non-members), or no such item in it.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// Statuses of routes that read a JSON body.
#[derive(IntoResponses)]
pub enum BodyErrors {
    /// The body is not JSON.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// The body is larger than 64 KiB.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// Unknown, missing or invalid fields, listed in `errors`.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
}

/// Statuses of updates guarded by `If-Match`.
#[derive(IntoResponses)]
pub enum VersionErrors {
    /// The item changed since the version sent in If-Match.
    #[response(status = 412, content_type = "application/problem+json")]
    Stale(Problem),
    /// If-Match is missing.
    #[response(status = 428, content_type = "application/problem+json")]
    Missing(Problem),
}

/// A conflict with the current state (already exists, last admin, …).
#[derive(IntoResponses)]
pub enum ConflictError {
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
}

/// 403 for routes reserved to the superadmin.
#[derive(IntoResponses)]
pub enum SuperadminErrors {
    /// Not signed in.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// Reserved to the instance's superadmin.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// A referral change refused by its state machine.
#[derive(IntoResponses)]
pub enum TransitionErrors {
    /// Not possible from the current state; `allowed` lists what is.
    #[response(status = 409, content_type = "application/problem+json")]
    InvalidTransition(Problem),
}

/// Adds what the handlers cannot say: title, version, security scheme, and operation ids
/// unique across modules (utoipa names operations after their function, and several
/// modules have a `list`).
pub fn document(mut api: OpenApi) -> OpenApi {
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
                document_bad_query(operation);
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

/// An operation with query parameters answers 422 when one cannot be read (a word where a
/// boolean goes): documented once here rather than on each route.
fn document_bad_query(operation: &mut utoipa::openapi::path::Operation) {
    use utoipa::openapi::path::ParameterIn;
    let has_query = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p.parameter_in, ParameterIn::Query));
    if has_query && !operation.responses.responses.contains_key("422") {
        operation.responses.responses.insert(
            "422".into(),
            utoipa::openapi::RefOr::T(
                utoipa::openapi::ResponseBuilder::new()
                    .description("A query parameter cannot be read (code validation_failed)")
                    .content(
                        "application/problem+json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            ),
        );
    }
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
