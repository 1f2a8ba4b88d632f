//! The texts' SQL, in the structure's door.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::domain::TextKind;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{legal_texts as lt, users};

#[derive(Debug, Clone, Queryable)]
pub struct TextRow {
    pub kind: TextKind,
    pub version: i32,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub published_by: String,
}

fn rows(conn: &mut TenantConn<'_>, kind: Option<TextKind>) -> ApiResult<Vec<TextRow>> {
    let org_id = conn.org_id();
    let mut query = lt::table
        .inner_join(users::table.on(users::id.eq(lt::published_by)))
        .filter(lt::organisation_id.eq(org_id))
        .select((
            lt::kind,
            lt::version,
            lt::body,
            lt::published_at,
            users::name,
        ))
        .order((lt::kind, lt::version.desc()))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(lt::kind.eq(kind));
    }
    Ok(query.load(conn.conn())?)
}

/// Every version of one text, newest first.
pub fn versions(conn: &mut TenantConn<'_>, kind: TextKind) -> ApiResult<Vec<TextRow>> {
    rows(conn, Some(kind))
}

/// The current version of each text published.
pub fn current_all(conn: &mut TenantConn<'_>) -> ApiResult<Vec<TextRow>> {
    let mut all = rows(conn, None)?;
    all.dedup_by_key(|r| r.kind);
    Ok(all)
}

/// The current version of one text, if published.
pub fn current(conn: &mut TenantConn<'_>, kind: TextKind) -> ApiResult<Option<TextRow>> {
    Ok(versions(conn, kind)?.into_iter().next())
}

/// One version of one text.
pub fn version(
    conn: &mut TenantConn<'_>,
    kind: TextKind,
    version: i32,
) -> ApiResult<Option<TextRow>> {
    Ok(versions(conn, kind)?
        .into_iter()
        .find(|r| r.version == version))
}

/// Publishes the next version; two at once: one of them is told to try again (409).
pub fn publish(conn: &mut TenantConn<'_>, kind: TextKind, body: &str) -> ApiResult<i32> {
    let org_id = conn.org_id();
    let by = conn
        .actor()
        .user_id
        .ok_or_else(|| ApiError::internal_from("texts", "no person publishing"))?;
    let next: i32 = lt::table
        .filter(lt::organisation_id.eq(org_id))
        .filter(lt::kind.eq(kind))
        .select(diesel::dsl::max(lt::version))
        .first::<Option<i32>>(conn.conn())?
        .unwrap_or(0)
        + 1;
    let inserted = diesel::insert_into(lt::table)
        .values((
            lt::organisation_id.eq(org_id),
            lt::kind.eq(kind),
            lt::version.eq(next),
            lt::body.eq(body),
            lt::published_by.eq(by),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    if inserted == 0 {
        return Err(ApiError::conflict(
            "Une autre version vient d'être publiée : relisez-la avant de publier la vôtre.",
        ));
    }
    Ok(next)
}

/// The current referral consent of a partner structure, read from the referrer's door (the
/// `legal_texts_partner_reads` policy shows it only to an active partner).
pub fn partner_consent(
    conn: &mut TenantConn<'_>,
    structure: uuid::Uuid,
) -> ApiResult<Option<(i32, String)>> {
    Ok(lt::table
        .filter(lt::organisation_id.eq(structure))
        .filter(lt::kind.eq(TextKind::ReferralConsent))
        .order(lt::version.desc())
        .select((lt::version, lt::body))
        .first(conn.conn())
        .optional()?)
}

/// Whether a structure has this version of its referral consent (seen as above).
pub fn partner_consent_exists(
    conn: &mut TenantConn<'_>,
    structure: uuid::Uuid,
    version: i32,
) -> ApiResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        lt::table
            .filter(lt::organisation_id.eq(structure))
            .filter(lt::kind.eq(TextKind::ReferralConsent))
            .filter(lt::version.eq(version)),
    ))
    .get_result(conn.conn())?)
}
