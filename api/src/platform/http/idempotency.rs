//! `Idempotency-Key` on creations a person would not want twice (DESIGN.md §3): the same key
//! with the same body answers the stored response; with another body, 422; while the first
//! request is still running, the second waits for it (PostgreSQL holds the key's row) and
//! then replays its answer, or gets 409 if it waited too long. Keys are kept 48 hours.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult, ErrorCode};
use crate::schema::idempotency_keys as ik;

/// The optional `Idempotency-Key` header (1–200 visible ASCII characters).
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get("idempotency-key") else {
            return ready(Ok(Self(None)));
        };
        let key = value
            .to_str()
            .ok()
            .filter(|k| !k.is_empty() && k.len() <= 200 && k.bytes().all(|b| b.is_ascii_graphic()));
        ready(match key {
            Some(key) => Ok(Self(Some(key.to_owned()))),
            None => Err(ApiError::field(
                "Idempotency-Key",
                "La clé doit compter de 1 à 200 caractères visibles (un UUID convient).",
            )),
        })
    }
}

/// What a claimed key says to do.
pub enum Claim {
    /// First time: do the work, then `complete`.
    Fresh,
    /// Already done: answer this again.
    Replay(Stored),
}

/// A stored answer (built into a response outside the database thread).
#[derive(Debug, Clone)]
pub struct Stored {
    pub status: StatusCode,
    pub body: serde_json::Value,
}

impl Stored {
    pub fn into_response(self) -> HttpResponse {
        HttpResponse::build(self.status)
            .insert_header(("Idempotency-Replayed", "true"))
            .json(self.body)
    }
}

/// The fingerprint of a request body.
pub fn fingerprint<T: Serialize>(body: &T) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(body).unwrap_or_default()))
}

/// Claims `key` for this person in the transaction's organisation.
pub fn claim(conn: &mut TenantConn<'_>, user_id: Uuid, key: &str, hash: &str) -> ApiResult<Claim> {
    let org_id = conn.org_id();
    let inserted = diesel::insert_into(ik::table)
        .values((
            ik::organisation_id.eq(org_id),
            ik::user_id.eq(user_id),
            ik::key.eq(key),
            ik::request_hash.eq(hash),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())
        .map_err(in_flight_on_timeout)?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let (stored_hash, status, body): (String, Option<i32>, Option<serde_json::Value>) = ik::table
        .find((org_id, user_id, key))
        .select((ik::request_hash, ik::response_status, ik::response_body))
        .first(conn.conn())?;
    if stored_hash != hash {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::IdempotencyMismatch,
            "Cette Idempotency-Key a déjà servi pour une autre demande.",
        ));
    }
    match (status, body) {
        (Some(status), Some(body)) => Ok(Claim::Replay(Stored {
            status: StatusCode::from_u16(status as u16).unwrap_or(StatusCode::OK),
            body,
        })),
        _ => Err(in_flight()),
    }
}

/// Stores the answer for replays.
pub fn complete<T: Serialize>(
    conn: &mut TenantConn<'_>,
    user_id: Uuid,
    key: &str,
    status: StatusCode,
    body: &T,
) -> ApiResult<()> {
    let org_id = conn.org_id();
    let body = serde_json::to_value(body)
        .map_err(|err| ApiError::internal_from("storing an idempotent response", err))?;
    diesel::update(ik::table.find((org_id, user_id, key)))
        .set((
            ik::response_status.eq(status.as_u16() as i32),
            ik::response_body.eq(body),
        ))
        .execute(conn.conn())?;
    Ok(())
}

fn in_flight() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ErrorCode::IdempotencyInFlight,
        "La même demande est encore en cours. Réessayez dans un instant.",
    )
}

/// Waiting on the first request's row past `lock_timeout` means it is still in flight.
fn in_flight_on_timeout(err: diesel::result::Error) -> ApiError {
    match &err {
        diesel::result::Error::DatabaseError(_, info)
            if info.message().contains("lock timeout") =>
        {
            in_flight()
        }
        _ => err.into(),
    }
}

/// Forgets keys older than 48 hours (run by the deadlines job, per organisation).
pub fn purge_old(
    conn: &mut TenantConn<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<usize> {
    let org_id = conn.org_id();
    Ok(diesel::delete(
        ik::table
            .filter(ik::organisation_id.eq(org_id))
            .filter(ik::created_at.lt(now - chrono::Duration::hours(48))),
    )
    .execute(conn.conn())?)
}
