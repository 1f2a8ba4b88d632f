//! The journal's middleware on `/api/v1`: after each request, the entry `domain::classify`
//! makes of it, written in a transaction of its own. It runs after the handler's
//! transaction ended, so refusals and failures (whose work was rolled back) are journalled
//! too. A journal that cannot be written is logged as an error and does not turn a done
//! write into a failure the client would retry.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpRequest};
use tracing_actix_web::RequestId;
use uuid::Uuid;

use super::domain::{classify, Request};
use super::repo::{self, NewEntry};
use crate::auth::extract::{journal_identity, JournalIdentity};
use crate::platform::state::AppState;

/// The account a sign-in attempt named, set by the sign-in handler when the address is an
/// account's (an unknown address is not journalled: it names nobody).
#[derive(Debug, Clone, Copy)]
pub struct SignInSubject(pub Uuid);

pub async fn journal(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let (res, created_id) = created_id(res).await?;
    if let Some(entry) = entry_of(&res, created_id) {
        if let Some(state) = res.request().app_data::<web::Data<AppState>>() {
            let (org, user) = (entry.organisation_id, entry.user_id);
            let written = state
                .db
                .journal_tx(org, user, move |conn| repo::insert(conn, &entry))
                .await;
            if let Err(err) = written {
                tracing::error!(error = %err, cause = ?err.cause_chain(), "audit journal: entry not written");
            }
        }
    }
    Ok(res)
}

/// The id of what a 201 made: the last segment of its `Location`, else the `id` of its JSON
/// answer (read, then put back as it was).
async fn created_id(
    res: ServiceResponse<BoxBody>,
) -> Result<(ServiceResponse<BoxBody>, Option<String>), Error> {
    if res.status() != actix_web::http::StatusCode::CREATED {
        return Ok((res, None));
    }
    if let Some(location) = header_text(&res, header::LOCATION) {
        let id = location.rsplit('/').next().map(str::to_owned);
        return Ok((res, id));
    }
    let (req, res) = res.into_parts();
    let (res, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| crate::platform::error::ApiError::internal())?;
    #[derive(serde::Deserialize)]
    struct Created {
        id: serde_json::Value,
    }
    let id = serde_json::from_slice::<Created>(&bytes)
        .ok()
        .map(|c| match c.id {
            serde_json::Value::String(id) => id,
            other => other.to_string(),
        });
    Ok((
        ServiceResponse::new(req, res.set_body(BoxBody::new(bytes))),
        id,
    ))
}

fn entry_of(res: &ServiceResponse<BoxBody>, created_id: Option<String>) -> Option<NewEntry> {
    let req = res.request();
    let method = method_name(req)?;
    let full = req.match_pattern()?;
    let pattern = full.strip_prefix("/api/v1")?;
    let params: Vec<(&str, &str)> = req.match_info().iter().collect();
    let status = res.status().as_u16();
    let identity = if pattern == "/auth/login" {
        JournalIdentity {
            user_id: req.extensions().get::<SignInSubject>().map(|s| s.0),
            ..JournalIdentity::default()
        }
    } else {
        journal_identity(req)
    };
    let classified = classify(&Request {
        method,
        pattern,
        params: &params,
        status,
        is_file: is_file(res),
        created_id: created_id.as_deref(),
        has_person: identity.user_id.is_some(),
    })?;
    Some(NewEntry {
        organisation_id: identity.org_id,
        user_id: identity.user_id,
        role: identity.role,
        action: classified.action,
        resource_type: classified.resource_type,
        resource_id: classified
            .resource_id
            .map(|id| id.chars().take(80).collect()),
        route: pattern.chars().take(200).collect(),
        method,
        request_id: req.extensions().get::<RequestId>().map(|id| **id),
        status: status as i16,
        outcome: classified.outcome,
    })
}

fn method_name(req: &HttpRequest) -> Option<&'static str> {
    use actix_web::http::Method;
    Some(match *req.method() {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        _ => return None,
    })
}

fn header_text<B>(res: &ServiceResponse<B>, name: header::HeaderName) -> Option<String> {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A successful answer that is not JSON is a file (CSV, XLSX, PDF, calendar).
fn is_file<B>(res: &ServiceResponse<B>) -> bool {
    res.status().is_success()
        && header_text(res, header::CONTENT_TYPE).is_some_and(|ct| {
            !ct.starts_with("application/json") && !ct.starts_with("application/problem+json")
        })
}
