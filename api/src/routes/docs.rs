//! Reusable OpenAPI response sets, so every route documents every status it can return.

use utoipa::IntoResponses;

use crate::error::Problem;

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
