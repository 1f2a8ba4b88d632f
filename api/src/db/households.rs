//! Households and their members in one structure (always inside its door).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::schema::{household_members as hm, households as h, users};
use super::TenantConn;
use crate::error::{ApiError, ApiResult};
use crate::family::MemberInput;
use crate::text::{fold, folded_name};
use crate::vocab::{MemberRole, SchoolLevel};

/// Everything stored about a household except its members (`None` clears a column).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = h, treat_none_as_null = true)]
pub struct HouseholdData {
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_contact: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub needs: Vec<String>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = h)]
pub struct HouseholdRow {
    pub id: Uuid,
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_contact: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub needs: Vec<String>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub status: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Uuid,
}

#[derive(Debug, Clone, Queryable, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub role: String,
    pub school_level: Option<String>,
}

/// The search text: folded names both ways, the phone in both forms, the email.
fn search_text(members: &[MemberInput], data: &HouseholdData) -> String {
    let mut parts: Vec<String> = members
        .iter()
        .flat_map(|m| {
            [
                folded_name(&m.first_name, &m.last_name),
                folded_name(&m.last_name, &m.first_name),
            ]
        })
        .collect();
    if let Some(phone) = &data.phone {
        parts.push(phone.clone());
        parts.push(format!("0{}", phone.trim_start_matches("+33")));
    }
    if let Some(email) = &data.email {
        parts.push(email.clone());
    }
    parts.join(" | ")
}

fn sort_name(members: &[MemberInput]) -> String {
    members
        .iter()
        .find(|m| m.role == MemberRole::Reference)
        .or(members.first())
        .map(|m| fold(&format!("{} {}", m.last_name, m.first_name)))
        .unwrap_or_default()
}

/// The columns the API maintains from the rest: search text, list order, last author.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = h)]
struct Derived {
    search_text: String,
    sort_name: String,
    updated_by: Uuid,
}

impl Derived {
    fn of(data: &HouseholdData, members: &[MemberInput], actor: Uuid) -> Self {
        Self {
            search_text: search_text(members, data),
            sort_name: sort_name(members),
            updated_by: actor,
        }
    }
}

pub fn insert(
    conn: &mut TenantConn<'_>,
    actor: Uuid,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    diesel::insert_into(h::table)
        .values((
            h::organisation_id.eq(org_id),
            h::id.eq(id),
            h::created_by.eq(actor),
            data,
            Derived::of(data, members, actor),
        ))
        .execute(conn.conn())?;
    replace_members(conn, id, members)?;
    Ok(id)
}

/// Replaces the household if it is still at `version`; false when it changed meanwhile.
pub fn update(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    actor: Uuid,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<bool> {
    let org_id = conn.org_id();
    let updated = diesel::update(h::table.find((org_id, id)).filter(h::version.eq(version)))
        .set((
            data,
            Derived::of(data, members, actor),
            h::version.eq(h::version + 1),
        ))
        .execute(conn.conn())?;
    if updated == 0 {
        return Ok(false);
    }
    replace_members(conn, id, members)?;
    Ok(true)
}

fn replace_members(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    members: &[MemberInput],
) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::delete(
        hm::table
            .filter(hm::organisation_id.eq(org_id))
            .filter(hm::household_id.eq(household)),
    )
    .execute(conn.conn())?;
    let rows: Vec<_> = members
        .iter()
        .enumerate()
        .map(|(position, m)| {
            (
                hm::organisation_id.eq(org_id),
                hm::id.eq(Uuid::now_v7()),
                hm::household_id.eq(household),
                hm::position.eq(position as i32),
                hm::first_name.eq(m.first_name.trim().to_owned()),
                hm::last_name.eq(m.last_name.trim().to_owned()),
                hm::birth_year.eq(m.birth_year),
                hm::role.eq(m.role.as_str()),
                hm::school_level.eq(m.school_level.map(SchoolLevel::as_str)),
                hm::folded_name.eq(folded_name(&m.first_name, &m.last_name)),
            )
        })
        .collect();
    diesel::insert_into(hm::table)
        .values(&rows)
        .execute(conn.conn())?;
    Ok(())
}

pub fn find(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<HouseholdRow> {
    let org_id = conn.org_id();
    h::table
        .find((org_id, id))
        .select(HouseholdRow::as_select())
        .first(conn.conn())
        .optional()?
        .ok_or_else(ApiError::not_found)
}

pub fn members(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
) -> ApiResult<Vec<(Uuid, MemberRow)>> {
    let org_id = conn.org_id();
    let rows: Vec<(
        Uuid,
        Uuid,
        String,
        String,
        Option<i32>,
        String,
        Option<String>,
    )> = hm::table
        .filter(hm::organisation_id.eq(org_id))
        .filter(hm::household_id.eq_any(households))
        .order((hm::household_id, hm::position))
        .select((
            hm::household_id,
            hm::id,
            hm::first_name,
            hm::last_name,
            hm::birth_year,
            hm::role,
            hm::school_level,
        ))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(household, id, first_name, last_name, birth_year, role, school_level)| {
                (
                    household,
                    MemberRow {
                        id,
                        first_name,
                        last_name,
                        birth_year,
                        role,
                        school_level,
                    },
                )
            },
        )
        .collect())
}

/// The names of the people who created and last changed a household.
pub fn author_names(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<(Uuid, String)>> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn.conn())?)
}

/// A page of households matching `query` (folded), after the `(sort_name, id)` cursor.
pub fn search(
    conn: &mut TenantConn<'_>,
    query: Option<&str>,
    include_archived: bool,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> ApiResult<Vec<(String, HouseholdRow)>> {
    let org_id = conn.org_id();
    let mut q = h::table
        .filter(h::organisation_id.eq(org_id))
        .select((h::sort_name, HouseholdRow::as_select()))
        .order((h::sort_name, h::id))
        .limit(limit + 1)
        .into_boxed();
    if !include_archived {
        q = q.filter(h::status.eq("active"));
    }
    if let Some(text) = query.filter(|t| !t.is_empty()) {
        q = q.filter(h::search_text.like(format!("%{}%", crate::text::like_escape(text))));
    }
    if let Some((name, id)) = after {
        q = q.filter(
            h::sort_name
                .gt(name.clone())
                .or(h::sort_name.eq(name).and(h::id.gt(id))),
        );
    }
    Ok(q.load(conn.conn())?)
}

/// Households of the structure that may be the same family: same phone, or a member with the
/// same name and year of birth.
pub fn possible_duplicates(
    conn: &mut TenantConn<'_>,
    phone: Option<&str>,
    people: &[(String, Option<i32>)],
) -> ApiResult<Vec<(Uuid, Vec<&'static str>)>> {
    let org_id = conn.org_id();
    let mut found: Vec<(Uuid, Vec<&'static str>)> = Vec::new();
    let mut add = |id: Uuid, why: &'static str| match found.iter_mut().find(|(h, _)| *h == id) {
        Some((_, reasons)) if !reasons.contains(&why) => reasons.push(why),
        Some(_) => {}
        None => found.push((id, vec![why])),
    };
    if let Some(phone) = phone {
        let ids: Vec<Uuid> = h::table
            .filter(h::organisation_id.eq(org_id))
            .filter(h::phone.eq(phone))
            .select(h::id)
            .limit(10)
            .load(conn.conn())?;
        ids.into_iter().for_each(|id| add(id, "phone"));
    }
    for (name, year) in people {
        let Some(year) = year else { continue };
        let ids: Vec<Uuid> = hm::table
            .filter(hm::organisation_id.eq(org_id))
            .filter(hm::folded_name.eq(name))
            .filter(hm::birth_year.eq(year))
            .select(hm::household_id)
            .limit(10)
            .load(conn.conn())?;
        ids.into_iter()
            .for_each(|id| add(id, "name_and_birth_year"));
    }
    Ok(found)
}
