//! One error type for the whole API, rendered as RFC 9457 `application/problem+json`.
//!
//! Bodies carry a stable snake_case `code` that clients switch on; they never carry SQL,
//! stack traces or internal ids. An unexpected error keeps its cause: the chain is logged
//! once, when the answer is made (inside the request's span, so with its request id), and
//! the client gets only the generic problem.

use std::collections::BTreeMap;
use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// Stable machine-readable error codes. Adding one is fine; renaming one breaks clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Unauthenticated,
    InvalidCredentials,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    InvalidTransition,
    VersionRequired,
    VersionMismatch,
    ValidationFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    TokenInvalid,
    IdempotencyInFlight,
    IdempotencyMismatch,
    ServiceUnavailable,
    Internal,
}

/// Field name → human-readable messages, for 422 answers.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The problem+json body. `errors` is present only on 422.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` style, stable per code).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ErrorCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<FieldErrors>,
    /// For 409 `invalid_transition`: the transitions allowed from the current state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
}

/// The cause of an error and what was being done, kept for the log (never for the client).
#[derive(Debug)]
pub struct Cause {
    pub context: &'static str,
    pub error: Box<dyn std::error::Error + Send + Sync + 'static>,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Option<FieldErrors>,
    pub allowed: Option<Vec<String>>,
    pub retry_after_secs: Option<u64>,
    /// What went wrong underneath (shared, so the error stays small and cloneable).
    pub cause: Option<Arc<Cause>>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: None,
            allowed: None,
            retry_after_secs: None,
            cause: None,
        }
    }

    /// Attaches the cause (and what was being done) to this error.
    pub fn caused_by(
        mut self,
        context: &'static str,
        cause: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        self.cause = Some(Arc::new(Cause {
            context,
            error: cause.into(),
        }));
        self
    }

    /// A 500 that keeps its cause for the log.
    pub fn internal_from(
        context: &'static str,
        cause: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        Self::internal().caused_by(context, cause)
    }

    /// The cause and its sources, one line: `context: error: source: …`.
    pub fn cause_chain(&self) -> Option<String> {
        let cause = self.cause.as_ref()?;
        let mut chain = format!("{}: {}", cause.context, cause.error);
        let mut source = cause.error.source();
        while let Some(err) = source {
            chain.push_str(&format!(": {err}"));
            source = err.source();
        }
        Some(chain)
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "Rien n'a été trouvé à cette adresse.",
        )
    }

    /// 503 with `Retry-After`: the database is briefly unavailable (restarting, busy, a wait
    /// that ran out); nothing was changed.
    /// Too much work queued (a flood of sign-ins): retry shortly.
    pub fn busy() -> Self {
        Self {
            retry_after_secs: Some(2),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::ServiceUnavailable,
                "Le service est très sollicité. Rien n'a été enregistré : réessayez dans un instant.",
            )
        }
    }

    pub fn unavailable() -> Self {
        Self {
            retry_after_secs: Some(2),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::ServiceUnavailable,
                "La base de données ne répond pas pour l'instant. Rien n'a été enregistré : réessayez dans un instant.",
            )
        }
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
            "Cette adresse ne s'utilise pas ainsi : l'en-tête Allow dit comment.",
        )
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "Connectez-vous pour continuer.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Forbidden,
            "Votre rôle ne permet pas cette action.",
        )
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, ErrorCode::Conflict, detail)
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, detail)
    }

    pub fn token_invalid() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::TokenInvalid,
            "Ce lien n'est plus valable. Demandez-en un nouveau.",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "Une erreur est survenue de notre côté. Réessayez ; si cela persiste, prévenez votre administrateur.",
        )
    }

    pub fn validation(errors: FieldErrors) -> Self {
        Self {
            errors: Some(errors),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                "Certains champs sont à corriger.",
            )
        }
    }

    /// A 422 for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), vec![message.into()]);
        Self::validation(errors)
    }

    pub fn version_required() -> Self {
        Self::new(
            StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::VersionRequired,
            "Envoyez la version modifiée dans l'en-tête If-Match.",
        )
    }

    pub fn version_mismatch() -> Self {
        Self::new(
            StatusCode::PRECONDITION_FAILED,
            ErrorCode::VersionMismatch,
            "Quelqu'un d'autre a modifié cet élément entre-temps. Rechargez-le puis réessayez.",
        )
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        Self {
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyRequests,
                "Trop d'essais. Patientez un moment avant de réessayer.",
            )
        }
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("https://solidaires.invalid/problems/{}", self.code_str()),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code,
            errors: self.errors.clone(),
            allowed: self.allowed.clone(),
        }
    }

    fn code_str(&self) -> String {
        serde_json::to_value(self.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "internal".to_owned())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.detail)?;
        match self.cause_chain() {
            Some(chain) => write!(f, " ({chain})"),
            None => Ok(()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            log_unavailable(self);
        } else if self.status.is_server_error() {
            match self.cause_chain() {
                Some(chain) => {
                    tracing::error!(status = self.status.as_u16(), cause = %chain, "request failed")
                }
                None => {
                    tracing::error!(status = self.status.as_u16(), detail = %self.detail, "request failed")
                }
            }
        }
        let mut builder = HttpResponse::build(self.status);
        builder.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Some(secs) = self.retry_after_secs {
            builder.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        builder.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// During an outage every request fails alike: one line per 10 seconds says so, with how
/// many were not logged, instead of one line per request.
fn log_unavailable(err: &ApiError) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};
    static LAST: AtomicU64 = AtomicU64::new(0);
    static SUPPRESSED: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let last = LAST.load(Ordering::Relaxed);
    if now >= last + 10
        && LAST
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        let suppressed = SUPPRESSED.swap(0, Ordering::Relaxed);
        tracing::error!(
            cause = err.cause_chain().as_deref().unwrap_or(err.detail.as_str()),
            suppressed,
            "database unavailable (503)"
        );
    } else {
        SUPPRESSED.fetch_add(1, Ordering::Relaxed);
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match &err {
            Error::NotFound => Self::not_found(),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                tracing::info!(constraint = info.constraint_name(), "unique violation");
                Self::conflict(unique_violation_detail(info.constraint_name()))
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, info) => {
                tracing::info!(constraint = info.constraint_name(), "foreign key violation");
                Self::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::ValidationFailed,
                    "Un élément référencé n'existe pas.",
                )
            }
            Error::DatabaseError(DatabaseErrorKind::CheckViolation, info) => {
                tracing::info!(constraint = info.constraint_name(), "check violation");
                Self::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::ValidationFailed,
                    "Une valeur sort de ce qui est permis.",
                )
            }
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection
                | DatabaseErrorKind::UnableToSendCommand
                | DatabaseErrorKind::SerializationFailure,
                _,
            ) => Self::unavailable().caused_by("database", err),
            Error::DatabaseError(_, info) if is_transient(info.message()) => {
                Self::unavailable().caused_by("database", err)
            }
            _ => Self::internal_from("database", err),
        }
    }
}

/// PostgreSQL's messages for conditions that pass: waits that ran out, a restart under way,
/// a full disk being dealt with. Worth a retry, not a 500.
fn is_transient(message: &str) -> bool {
    [
        "lock timeout",
        "statement timeout",
        "deadlock detected",
        "terminating connection",
        "the database system is",
        "No space left on device",
        "could not extend file",
        "could not write",
    ]
    .iter()
    .any(|needle| message.contains(needle))
}

/// Explains a unique violation by the constraint that caught it (never echoing SQL).
fn unique_violation_detail(constraint: Option<&str>) -> &'static str {
    match constraint {
        Some("users_email_key") => "Un compte utilise déjà cette adresse e-mail.",
        Some("organisations_name_key") => "Une organisation porte déjà ce nom.",
        Some("partnerships_referrer_key") => "Ce partenariat existe déjà.",
        Some("sites_name_key") => "Un lieu porte déjà ce nom.",
        Some("programmes_name_key") => "Un parcours porte déjà ce nom.",
        Some("enrolments_person_once") => {
            "Cette personne est déjà inscrite ou en attente dans ce cycle."
        }
        _ => "Cet élément existe déjà.",
    }
}

impl From<r2d2_error::PoolError> for ApiError {
    fn from(err: r2d2_error::PoolError) -> Self {
        Self::unavailable().caused_by("database pool unavailable", err)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        Self::internal_from("blocking task", err)
    }
}

/// Alias so the pool error type reads well above.
mod r2d2_error {
    pub type PoolError = diesel::r2d2::PoolError;
}

/// Turns `validator` errors into the 422 field map.
impl From<validator::ValidationErrors> for ApiError {
    fn from(errs: validator::ValidationErrors) -> Self {
        Self::validation(field_errors(&errs))
    }
}

/// `validator` errors as the 422 field map.
pub fn field_errors(errs: &validator::ValidationErrors) -> FieldErrors {
    let mut fields = FieldErrors::new();
    collect_validation(errs, "", &mut fields);
    fields
}

/// Adds a message for a field of a 422.
pub fn add_field_error(errors: &mut FieldErrors, field: &str, message: impl Into<String>) {
    errors
        .entry(field.to_owned())
        .or_default()
        .push(message.into());
}

fn collect_validation(errs: &validator::ValidationErrors, prefix: &str, out: &mut FieldErrors) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errs.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                let messages = list
                    .iter()
                    .map(|e| {
                        e.message
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| default_message(e))
                    })
                    .collect();
                out.insert(name, messages);
            }
            ValidationErrorsKind::Struct(inner) => collect_validation(inner, &name, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect_validation(inner, &format!("{name}[{index}]"), out);
                }
            }
        }
    }
}

fn default_message(e: &validator::ValidationError) -> String {
    match e.code.as_ref() {
        "length" => match (e.params.get("min"), e.params.get("max")) {
            (Some(min), Some(max)) => {
                format!("Ce champ doit compter entre {min} et {max} caractères.")
            }
            (None, Some(max)) => format!("Ce champ compte au plus {max} caractères."),
            (Some(min), None) => format!("Ce champ doit compter au moins {min} caractères."),
            _ => "Ce champ n'a pas une longueur valide.".to_owned(),
        },
        "range" => "Cette valeur est hors des limites permises.".to_owned(),
        "email" => "Ce n'est pas une adresse e-mail valide.".to_owned(),
        other => format!("Cette valeur n'est pas valide ({other})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_500_keeps_its_cause_for_the_log_and_not_for_the_client() {
        let io = std::io::Error::other("disk full");
        let err = ApiError::internal_from("writing the outbox", io);
        assert_eq!(
            err.cause_chain().as_deref(),
            Some("writing the outbox: disk full")
        );
        let body = serde_json::to_string(&err.problem()).unwrap_or_default();
        assert!(!body.contains("disk full"), "{body}");
        assert!(err.to_string().contains("disk full"));
    }
}
