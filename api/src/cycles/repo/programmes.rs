//! Programmes and their ordered modules.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::cycles::programme::{Theme, DEFAULT_MODULES};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{programme_modules as pm, programmes as p};

/// The built-in programme's name.
pub const DEFAULT_NAME: &str = "Parcours numérique des familles";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub name: String,
    pub is_default: bool,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pm)]
pub struct ModuleRow {
    pub programme_id: Uuid,
    pub position: i32,
    pub title: String,
    pub objectives: String,
    pub duration_minutes: i32,
    pub themes: Vec<Theme>,
}

/// A module as written by an admin (or the default).
#[derive(Debug, Clone)]
pub struct NewModule {
    pub title: String,
    pub objectives: String,
    pub duration_minutes: i32,
    pub themes: Vec<Theme>,
}

/// The structure's default programme, created the first time it is needed (idempotent: the
/// partial unique index keeps one, whoever asks at the same time).
pub fn ensure_default(conn: &mut TenantConn<'_>) -> ApiResult<Uuid> {
    let org = conn.org_id();
    if let Some(id) = p::table
        .filter(p::organisation_id.eq(org).and(p::is_default))
        .select(p::id)
        .first::<Uuid>(conn.conn())
        .optional()?
    {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    let inserted = diesel::insert_into(p::table)
        .values((
            p::organisation_id.eq(org),
            p::id.eq(id),
            p::name.eq(DEFAULT_NAME),
            p::is_default.eq(true),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    if inserted == 0 {
        // Another request created it first.
        return Ok(p::table
            .filter(p::organisation_id.eq(org).and(p::is_default))
            .select(p::id)
            .first(conn.conn())?);
    }
    let modules: Vec<NewModule> = DEFAULT_MODULES
        .iter()
        .map(|m| NewModule {
            title: m.title.to_owned(),
            objectives: m.objectives.to_owned(),
            duration_minutes: m.duration_minutes as i32,
            themes: m.themes.to_vec(),
        })
        .collect();
    insert_modules(conn, id, &modules)?;
    Ok(id)
}

fn insert_modules(conn: &mut TenantConn<'_>, id: Uuid, modules: &[NewModule]) -> ApiResult<()> {
    let org = conn.org_id();
    let rows: Vec<_> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (
                pm::organisation_id.eq(org),
                pm::programme_id.eq(id),
                pm::position.eq(i as i32),
                pm::title.eq(m.title.clone()),
                pm::objectives.eq(m.objectives.clone()),
                pm::duration_minutes.eq(m.duration_minutes),
                pm::themes.eq(m.themes.clone()),
            )
        })
        .collect();
    diesel::insert_into(pm::table)
        .values(rows)
        .execute(conn.conn())?;
    Ok(())
}

/// The structure's programmes, the default first, then by name.
pub fn list(conn: &mut TenantConn<'_>) -> ApiResult<Vec<ProgrammeRow>> {
    let org = conn.org_id();
    Ok(p::table
        .filter(p::organisation_id.eq(org))
        .order((p::is_default.desc(), p::name, p::id))
        .select(ProgrammeRow::as_select())
        .load(conn.conn())?)
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<ProgrammeRow> {
    let org = conn.org_id();
    p::table
        .find((org, id))
        .select(ProgrammeRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The modules of some programmes, in order.
pub fn modules(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<ModuleRow>> {
    let org = conn.org_id();
    Ok(pm::table
        .filter(pm::organisation_id.eq(org))
        .filter(pm::programme_id.eq_any(ids))
        .order((pm::programme_id, pm::position))
        .select(ModuleRow::as_select())
        .load(conn.conn())?)
}

pub fn insert(conn: &mut TenantConn<'_>, name: &str, modules: &[NewModule]) -> ApiResult<Uuid> {
    let org = conn.org_id();
    let id = Uuid::now_v7();
    diesel::insert_into(p::table)
        .values((p::organisation_id.eq(org), p::id.eq(id), p::name.eq(name)))
        .execute(conn.conn())?;
    insert_modules(conn, id, modules)?;
    Ok(id)
}

/// Replaces a programme's name and modules if it is still at `version`; false otherwise.
/// Cycles already made keep the titles they copied.
pub fn replace(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    name: &str,
    modules: &[NewModule],
) -> ApiResult<bool> {
    let org = conn.org_id();
    let changed = diesel::update(p::table.find((org, id)).filter(p::version.eq(version)))
        .set((p::name.eq(name), p::version.eq(p::version + 1)))
        .execute(conn.conn())?;
    if changed == 0 {
        return Ok(false);
    }
    diesel::delete(pm::table.filter(pm::organisation_id.eq(org).and(pm::programme_id.eq(id))))
        .execute(conn.conn())?;
    insert_modules(conn, id, modules)?;
    Ok(true)
}
