//! The register of erasures done on request.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::erasure_requests as er;

/// Records an erasure; returns when it was done.
pub fn record_erasure(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    reason: &str,
) -> ApiResult<DateTime<Utc>> {
    let org_id = conn.org_id();
    let by = conn.actor().user_id.ok_or_else(|| {
        crate::platform::error::ApiError::internal_from("privacy", "no person erasing")
    })?;
    Ok(diesel::insert_into(er::table)
        .values((
            er::organisation_id.eq(org_id),
            er::id.eq(Uuid::now_v7()),
            er::household_id.eq(household),
            er::reason.eq(reason),
            er::erased_by.eq(by),
        ))
        .returning(er::erased_at)
        .get_result(conn.conn())?)
}
