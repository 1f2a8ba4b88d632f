//! The organisations themselves: a directory of names and kinds, with each one's details and
//! settings. Global rows (no tenant column), reached through `system_tx`.

use diesel::prelude::*;
use uuid::Uuid;

use crate::auth::roles::OrgKind;
use crate::organisations::views::{DirectoryEntry, OrganisationView};
use crate::platform::error::ApiResult;
use crate::schema::organisations as o;

pub fn list(conn: &mut PgConnection, kind: Option<OrgKind>) -> ApiResult<Vec<DirectoryEntry>> {
    let mut q = o::table
        .select((o::id, o::kind, o::name, o::short_name))
        .order(o::name)
        .into_boxed();
    if let Some(kind) = kind {
        q = q.filter(o::kind.eq(kind));
    }
    Ok(q.load(conn)?)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> ApiResult<OrganisationView> {
    Ok(o::table
        .find(id)
        .select((
            o::id,
            o::kind,
            o::name,
            o::short_name,
            o::contact_email,
            o::contact_phone,
            (
                o::referral_reminder_days,
                o::referral_expiry_days,
                o::handover_min_sessions,
                o::cycle_completion_threshold,
                o::workshop_ledger_policy,
                o::retention_months,
            ),
            o::version,
            o::created_at,
            o::updated_at,
        ))
        .first(conn)?)
}

/// The id of the organisation with this name (any case), if any.
pub fn find_by_name(conn: &mut PgConnection, name: &str) -> ApiResult<Option<Uuid>> {
    Ok(o::table
        .filter(crate::platform::db::lower(o::name).eq(name.to_lowercase()))
        .select(o::id)
        .first(conn)
        .optional()?)
}

pub fn kind_of(conn: &mut PgConnection, id: Uuid) -> ApiResult<Option<OrgKind>> {
    Ok(o::table.find(id).select(o::kind).first(conn).optional()?)
}

#[derive(Debug, Insertable)]
#[diesel(table_name = o)]
pub struct NewOrganisation {
    pub id: Uuid,
    pub kind: OrgKind,
    pub name: String,
    pub short_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

pub fn insert(conn: &mut PgConnection, new: &NewOrganisation) -> ApiResult<()> {
    diesel::insert_into(o::table).values(new).execute(conn)?;
    Ok(())
}

/// What an update may change (`None` leaves a field; `Some(None)` clears it).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = o)]
pub struct OrgChanges {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub contact_email: Option<Option<String>>,
    pub contact_phone: Option<Option<String>>,
    pub referral_reminder_days: Option<i32>,
    pub referral_expiry_days: Option<i32>,
    pub handover_min_sessions: Option<i32>,
    pub cycle_completion_threshold: Option<i32>,
    pub workshop_ledger_policy: Option<crate::training::domain::LedgerPolicy>,
    pub retention_months: Option<i32>,
}

/// Applies `changes` if the organisation is still at `version`; false otherwise.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    changes: &OrgChanges,
) -> ApiResult<bool> {
    let updated = diesel::update(o::table.find(id).filter(o::version.eq(version)))
        .set((changes, o::version.eq(o::version + 1)))
        .execute(conn)?;
    Ok(updated == 1)
}
