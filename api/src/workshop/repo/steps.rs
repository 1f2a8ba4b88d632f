//! The records of the workshop's steps: erasures and their certificates, operating systems
//! installed, quality checks.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{
    erasure_certificates as c, erasures as e, os_installs as o, quality_checks as q,
};
use crate::workshop::domain::ErasureMethod;
use crate::workshop::kinds::QualityItem;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = e)]
pub struct ErasureRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub disk_id: Uuid,
    pub method: ErasureMethod,
    pub tool: String,
    pub tool_version: String,
    pub passes: i32,
    pub verified: bool,
    pub succeeded: bool,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub operator_id: Uuid,
    pub witness_id: Option<Uuid>,
    pub notes: Option<String>,
}

pub fn insert_erasure(conn: &mut TenantConn<'_>, row: &ErasureRow) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::insert_into(e::table)
        .values((e::organisation_id.eq(org), e::recorded_by.eq(actor), row))
        .execute(conn.conn())?;
    Ok(())
}

pub fn erasures(conn: &mut TenantConn<'_>, devices: &[Uuid]) -> ApiResult<Vec<ErasureRow>> {
    let org = conn.org_id();
    Ok(e::table
        .filter(e::organisation_id.eq(org))
        .filter(e::device_id.eq_any(devices))
        .order((e::started_at.asc(), e::id.asc()))
        .select(ErasureRow::as_select())
        .load(conn.conn())?)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = c)]
pub struct CertificateRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub code: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Uuid,
}

/// Issues a certificate with a fresh code (drawn again in the unlikely case of a clash).
pub fn issue_certificate(conn: &mut TenantConn<'_>, device: Uuid) -> ApiResult<CertificateRow> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    for _ in 0..5 {
        let mut random = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut random);
        let code = crate::workshop::domain::verification_code(&random);
        let row = diesel::insert_into(c::table)
            .values((
                c::organisation_id.eq(org),
                c::id.eq(Uuid::now_v7()),
                c::device_id.eq(device),
                c::code.eq(&code),
                c::issued_by.eq(actor),
            ))
            .on_conflict(c::code)
            .do_nothing()
            .returning(CertificateRow::as_returning())
            .get_result(conn.conn())
            .optional()?;
        if let Some(row) = row {
            return Ok(row);
        }
    }
    tracing::error!("no free certificate code after five draws");
    Err(ApiError::internal())
}

/// The devices' latest certificates.
pub fn certificates(conn: &mut TenantConn<'_>, devices: &[Uuid]) -> ApiResult<Vec<CertificateRow>> {
    let org = conn.org_id();
    Ok(c::table
        .filter(c::organisation_id.eq(org))
        .filter(c::device_id.eq_any(devices))
        .order((c::device_id, c::issued_at.desc()))
        .distinct_on(c::device_id)
        .select(CertificateRow::as_select())
        .load(conn.conn())?)
}

/// A certificate of the structure in scope by its code.
pub fn certificate_by_code(conn: &mut TenantConn<'_>, code: &str) -> ApiResult<CertificateRow> {
    let org = conn.org_id();
    c::table
        .filter(c::organisation_id.eq(org))
        .filter(c::code.eq(code))
        .select(CertificateRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// What the public verification tells of a certificate (the owner's function).
#[derive(Debug, Clone, QueryableByName)]
pub struct VerifiedCertificate {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub structure: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub asset_tag: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub device_kind: String,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub issued_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub disks: i32,
    #[diesel(sql_type = diesel::sql_types::Array<diesel::sql_types::Text>)]
    pub methods: Vec<String>,
}

pub fn verify(conn: &mut PgConnection, code: &str) -> ApiResult<Option<VerifiedCertificate>> {
    Ok(diesel::sql_query(
        "SELECT structure, asset_tag, device_kind, issued_at, disks, methods \
         FROM verify_erasure_certificate($1)",
    )
    .bind::<diesel::sql_types::Text, _>(code)
    .get_result(conn)
    .optional()?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = o)]
pub struct OsInstallRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub os: String,
    pub os_version: String,
    pub licence: Option<String>,
    pub software: Vec<String>,
    pub account_prepared: bool,
    pub installed_on: NaiveDate,
    pub operator_id: Uuid,
}

pub fn insert_os(conn: &mut TenantConn<'_>, row: &OsInstallRow) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::insert_into(o::table)
        .values((o::organisation_id.eq(org), o::recorded_by.eq(actor), row))
        .execute(conn.conn())?;
    Ok(())
}

/// Systems installed on the devices, latest first.
pub fn os_installs(conn: &mut TenantConn<'_>, devices: &[Uuid]) -> ApiResult<Vec<OsInstallRow>> {
    let org = conn.org_id();
    Ok(o::table
        .filter(o::organisation_id.eq(org))
        .filter(o::device_id.eq_any(devices))
        .order((o::recorded_at.desc(), o::id.desc()))
        .select(OsInstallRow::as_select())
        .load(conn.conn())?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = q)]
pub struct QualityCheckRow {
    pub id: Uuid,
    pub device_id: Uuid,
    pub items_passed: Vec<QualityItem>,
    pub items_failed: Vec<QualityItem>,
    pub passed: bool,
    pub notes: Option<String>,
    pub checker_id: Uuid,
    pub checked_at: DateTime<Utc>,
}

pub fn insert_check(conn: &mut TenantConn<'_>, row: &QualityCheckRow) -> ApiResult<()> {
    let org = conn.org_id();
    let actor = conn.actor().user_id.ok_or_else(ApiError::forbidden)?;
    diesel::insert_into(q::table)
        .values((q::organisation_id.eq(org), q::recorded_by.eq(actor), row))
        .execute(conn.conn())?;
    Ok(())
}

pub fn checks(conn: &mut TenantConn<'_>, devices: &[Uuid]) -> ApiResult<Vec<QualityCheckRow>> {
    let org = conn.org_id();
    Ok(q::table
        .filter(q::organisation_id.eq(org))
        .filter(q::device_id.eq_any(devices))
        .order((q::checked_at.desc(), q::id.desc()))
        .select(QualityCheckRow::as_select())
        .load(conn.conn())?)
}
