//! The people of a structure's workshop, and its training programmes.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::schema::{
    training_people as p, training_programme_sessions as ps, training_programmes as tp,
};
use crate::training::domain::{TrainingCompetence, DEFAULT_PROGRAMME};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
pub struct PersonRow {
    pub id: Uuid,
    pub name: String,
    pub user_id: Option<Uuid>,
    pub is_trainer: bool,
    pub external_organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = p)]
pub struct NewPerson {
    pub name: String,
    pub user_id: Option<Uuid>,
    pub is_trainer: bool,
    pub external_organisation: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub fn insert(conn: &mut TenantConn<'_>, new: &NewPerson) -> ApiResult<PersonRow> {
    let org = conn.org_id();
    diesel::insert_into(p::table)
        .values((p::organisation_id.eq(org), p::id.eq(Uuid::now_v7()), new))
        .returning(PersonRow::as_returning())
        .get_result(conn.conn())
        .map_err(|err| match &err {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => ApiError::field("user_id", "Ce compte a déjà sa fiche de formation."),
            _ => err.into(),
        })
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<PersonRow> {
    let org = conn.org_id();
    p::table
        .find((org, id))
        .select(PersonRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

/// The person of the structure with this account.
pub fn of_user(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<Option<PersonRow>> {
    let org = conn.org_id();
    Ok(p::table
        .filter(p::organisation_id.eq(org))
        .filter(p::user_id.eq(user))
        .select(PersonRow::as_select())
        .first(conn.conn())
        .optional()?)
}

pub fn list(conn: &mut TenantConn<'_>) -> ApiResult<Vec<PersonRow>> {
    let org = conn.org_id();
    Ok(p::table
        .filter(p::organisation_id.eq(org))
        .order((p::name.asc(), p::id.asc()))
        .limit(1000)
        .select(PersonRow::as_select())
        .load(conn.conn())?)
}

pub fn by_ids(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<PersonRow>> {
    let org = conn.org_id();
    Ok(p::table
        .filter(p::organisation_id.eq(org))
        .filter(p::id.eq_any(ids))
        .select(PersonRow::as_select())
        .load(conn.conn())?)
}

/// A programme's sessions: (title, minutes, competences) in order.
pub type ProgrammeSessions = Vec<(String, i32, Vec<TrainingCompetence>)>;

/// The structure's default programme ("Bases du reconditionnement"), made the first time.
pub fn default_programme(
    conn: &mut TenantConn<'_>,
) -> ApiResult<(Uuid, String, ProgrammeSessions)> {
    let org = conn.org_id();
    let existing: Option<(Uuid, String)> = tp::table
        .filter(tp::organisation_id.eq(org))
        .filter(tp::is_default)
        .select((tp::id, tp::name))
        .first(conn.conn())
        .optional()?;
    let (id, name) = match existing {
        Some(found) => found,
        None => {
            let (name, sessions) = &DEFAULT_PROGRAMME;
            let id = Uuid::now_v7();
            diesel::insert_into(tp::table)
                .values((
                    tp::organisation_id.eq(org),
                    tp::id.eq(id),
                    tp::name.eq(*name),
                    tp::is_default.eq(true),
                ))
                .on_conflict_do_nothing()
                .execute(conn.conn())?;
            let rows: Vec<_> = sessions
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        ps::organisation_id.eq(org),
                        ps::programme_id.eq(id),
                        ps::position.eq(i as i32),
                        ps::title.eq(s.title),
                        ps::minutes.eq(s.minutes as i32),
                        ps::competences.eq(s.competences.to_vec()),
                    )
                })
                .collect();
            diesel::insert_into(ps::table)
                .values(rows)
                .on_conflict_do_nothing()
                .execute(conn.conn())?;
            return default_programme(conn);
        }
    };
    let sessions = ps::table
        .filter(ps::organisation_id.eq(org))
        .filter(ps::programme_id.eq(id))
        .order(ps::position)
        .select((ps::title, ps::minutes, ps::competences))
        .load::<(String, i32, Vec<TrainingCompetence>)>(conn.conn())?;
    Ok((id, name, sessions))
}
