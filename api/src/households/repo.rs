//! Every SQL statement of the households module: households and their members in one
//! structure (always inside its door).

use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::domain::{
    ContactChannel, DuplicateMatch, HouseholdStatus, MemberInput, MemberRole, Need, SchoolLevel,
};
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult};
use crate::platform::text::{fold, folded_name};
use crate::schema::{household_members as hm, households as h};

/// Everything stored about a household except its members (`None` clears a column).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = h, treat_none_as_null = true)]
pub struct HouseholdData {
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_contact: ContactChannel,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub needs: Vec<Need>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub status: HouseholdStatus,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = h)]
pub struct HouseholdRow {
    pub id: Uuid,
    pub commune: Option<String>,
    pub neighbourhood: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub preferred_contact: ContactChannel,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub needs: Vec<Need>,
    pub needs_other: Option<String>,
    pub languages: Vec<String>,
    pub notes: Option<String>,
    pub status: HouseholdStatus,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Uuid,
    pub anonymised_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Queryable, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub role: MemberRole,
    pub school_level: Option<SchoolLevel>,
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

/// Inserts a household and its members; the transaction's actor is its author. Returns its
/// id and its members' ids, in their order.
pub fn insert(
    conn: &mut TenantConn<'_>,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<(Uuid, Vec<Uuid>)> {
    let id = Uuid::now_v7();
    let org_id = conn.org_id();
    let actor = actor_id(conn)?;
    diesel::insert_into(h::table)
        .values((
            h::organisation_id.eq(org_id),
            h::id.eq(id),
            h::created_by.eq(actor),
            data,
            Derived::of(data, members, actor),
        ))
        .execute(conn.conn())?;
    let member_ids = insert_members(conn, id, members)?;
    Ok((id, member_ids))
}

/// Replaces the household if it is still at `version`; false when it changed meanwhile.
pub fn update(
    conn: &mut TenantConn<'_>,
    id: Uuid,
    version: i32,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<bool> {
    let org_id = conn.org_id();
    let actor = actor_id(conn)?;
    let updated = diesel::update(
        h::table
            .find((org_id, id))
            .filter(h::version.eq(version))
            .filter(h::anonymised_at.is_null()),
    )
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

/// Replaces the members: those sent with their id keep it (and what refers to them), the
/// others are new; members not sent any more are removed. Positions are unique at commit.
fn replace_members(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    members: &[MemberInput],
) -> ApiResult<()> {
    let org_id = conn.org_id();
    let current: Vec<Uuid> = hm::table
        .filter(hm::organisation_id.eq(org_id))
        .filter(hm::household_id.eq(household))
        .select(hm::id)
        .load(conn.conn())?;
    let mut errors = crate::platform::error::FieldErrors::new();
    for (i, m) in members.iter().enumerate() {
        if m.id.is_some_and(|id| !current.contains(&id)) {
            crate::platform::error::add_field_error(
                &mut errors,
                &format!("members[{i}].id"),
                "Cette personne ne fait pas partie de ce foyer.",
            );
        }
    }
    super::domain::finish(errors)?;
    let kept: Vec<Uuid> = members.iter().filter_map(|m| m.id).collect();
    diesel::delete(
        hm::table
            .filter(hm::organisation_id.eq(org_id))
            .filter(hm::household_id.eq(household))
            .filter(hm::id.ne_all(&kept)),
    )
    .execute(conn.conn())?;
    for (position, m) in members.iter().enumerate() {
        let Some(id) = m.id else { continue };
        diesel::update(hm::table.find((org_id, id)))
            .set(MemberColumns::of(position, m))
            .execute(conn.conn())?;
    }
    let new: Vec<(usize, &MemberInput)> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.id.is_none())
        .collect();
    insert_at(conn, household, &new)?;
    Ok(())
}

/// The stored columns of one member at its place in the household.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = hm, treat_none_as_null = true)]
struct MemberColumns {
    position: i32,
    first_name: String,
    last_name: String,
    birth_year: Option<i32>,
    role: MemberRole,
    school_level: Option<SchoolLevel>,
    folded_name: String,
}

impl MemberColumns {
    fn of(position: usize, m: &MemberInput) -> Self {
        Self {
            position: position as i32,
            first_name: m.first_name.trim().to_owned(),
            last_name: m.last_name.trim().to_owned(),
            birth_year: m.birth_year,
            role: m.role,
            school_level: m.school_level,
            folded_name: folded_name(&m.first_name, &m.last_name),
        }
    }
}

/// The members of a household that has none yet; their new ids, in order.
fn insert_members(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    members: &[MemberInput],
) -> ApiResult<Vec<Uuid>> {
    insert_at(
        conn,
        household,
        &members.iter().enumerate().collect::<Vec<_>>(),
    )
}

/// New members at the given positions; their new ids, in order.
fn insert_at(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    members: &[(usize, &MemberInput)],
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    let ids: Vec<Uuid> = members.iter().map(|_| Uuid::now_v7()).collect();
    let rows: Vec<_> = members
        .iter()
        .zip(&ids)
        .map(|((position, m), id)| {
            (
                hm::organisation_id.eq(org_id),
                hm::id.eq(*id),
                hm::household_id.eq(household),
                MemberColumns::of(*position, m),
            )
        })
        .collect();
    if !rows.is_empty() {
        diesel::insert_into(hm::table)
            .values(&rows)
            .execute(conn.conn())?;
    }
    Ok(ids)
}

/// Adds one person to an existing household (after its last member), keeping its search
/// text in step; None when the household is full (20 people).
pub fn add_member(
    conn: &mut TenantConn<'_>,
    household: Uuid,
    member: &MemberInput,
) -> ApiResult<Option<Uuid>> {
    let org_id = conn.org_id();
    let actor = actor_id(conn)?;
    let names = format!(
        " | {} | {}",
        folded_name(&member.first_name, &member.last_name),
        folded_name(&member.last_name, &member.first_name)
    );
    // The household's row first: its lock orders concurrent additions to one family.
    diesel::update(h::table.find((org_id, household)))
        .set((
            h::search_text.eq(h::search_text.concat(names)),
            h::updated_by.eq(actor),
            h::version.eq(h::version + 1),
        ))
        .execute(conn.conn())?;
    let count: i64 = hm::table
        .filter(hm::organisation_id.eq(org_id))
        .filter(hm::household_id.eq(household))
        .count()
        .get_result(conn.conn())?;
    if count >= 20 {
        // The caller refuses, and its transaction takes the update back.
        return Ok(None);
    }
    Ok(insert_at(conn, household, &[(count as usize, member)])?.pop())
}

/// Whether `member` is a person of `household` in the structure in scope.
pub fn is_member(conn: &mut TenantConn<'_>, household: Uuid, member: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        hm::table
            .find((org_id, member))
            .filter(hm::household_id.eq(household)),
    ))
    .get_result(conn.conn())?)
}

/// Households record a person as author: a job or command has none to give.
fn actor_id(conn: &TenantConn<'_>) -> ApiResult<Uuid> {
    conn.actor()
        .user_id
        .ok_or_else(|| ApiError::internal_from("households", "no person acting"))
}

pub fn exists(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(h::table.find((org_id, id)))).get_result(conn.conn())?)
}

/// Some households of the structure, in no particular order.
pub fn find_many(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<HouseholdRow>> {
    let org_id = conn.org_id();
    Ok(h::table
        .filter(h::organisation_id.eq(org_id))
        .filter(h::id.eq_any(ids))
        .select(HouseholdRow::as_select())
        .load(conn.conn())?)
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

/// The members of some households, each with its household, in their order.
pub fn members(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
) -> ApiResult<Vec<(Uuid, MemberRow)>> {
    let org_id = conn.org_id();
    Ok(hm::table
        .filter(hm::organisation_id.eq(org_id))
        .filter(hm::household_id.eq_any(households))
        .order((hm::household_id, hm::position))
        .select((
            hm::household_id,
            (
                hm::id,
                hm::first_name,
                hm::last_name,
                hm::birth_year,
                hm::role,
                hm::school_level,
            ),
        ))
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
        q = q.filter(h::status.eq(HouseholdStatus::Active));
    }
    if let Some(text) = query.filter(|t| !t.is_empty()) {
        // The page comes from the search function: under the policies, a LIKE could use
        // no index (the function filters by organisation itself and returns ids only).
        let pattern = format!("%{}%", crate::platform::text::like_escape(text));
        let (after_name, after_id) = after.clone().unzip();
        q = q.filter(
            sql::<Bool>("households.id IN (SELECT id FROM household_search_page(")
                .bind::<Text, _>(pattern)
                .sql(", ")
                .bind::<Bool, _>(include_archived)
                .sql(", ")
                .bind::<diesel::sql_types::Nullable<Text>, _>(after_name)
                .sql(", ")
                .bind::<diesel::sql_types::Nullable<diesel::sql_types::Uuid>, _>(after_id)
                .sql(", ")
                .bind::<diesel::sql_types::Integer, _>(i32::try_from(limit + 1).unwrap_or(201))
                .sql("))"),
        );
    }
    if let Some((name, id)) = after {
        // A row comparison: one index range, where the equivalent OR scans and filters.
        q = q.filter(
            sql::<Bool>("(households.sort_name, households.id) > (")
                .bind::<Text, _>(name)
                .sql(", ")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .sql(")"),
        );
    }
    Ok(q.load(conn.conn())?)
}

/// Households of the structure that may be the same family: same phone, or a member with
/// the same folded name and year of birth. One query, whatever the number of people.
pub fn possible_duplicates(
    conn: &mut TenantConn<'_>,
    phone: Option<&str>,
    commune: Option<&str>,
    people: &[(String, Option<i32>)],
) -> ApiResult<Vec<(Uuid, DuplicateMatch)>> {
    use diesel::sql_types::{Array, Int4, Nullable, Text, Uuid as SqlUuid};
    let (names, years): (Vec<String>, Vec<i32>) = people
        .iter()
        .filter_map(|(name, year)| year.map(|y| (name.clone(), y)))
        .unzip();
    let all_names: Vec<&str> = people.iter().map(|(name, _)| name.as_str()).collect();
    // Phones first, then people matched on name and year, then on name and commune (the
    // lookalike with another phone or year): at most 10 of each, each through an index.
    Ok(diesel::sql_query(
        "(SELECT id, 'phone' AS why FROM households \
           WHERE organisation_id = $1 AND $2::text IS NOT NULL AND phone = $2 LIMIT 10) \
         UNION ALL \
         (SELECT DISTINCT m.household_id, 'name_and_birth_year' FROM household_members m \
           JOIN unnest($3::text[], $4::int4[]) AS p(folded_name, birth_year) \
             ON m.folded_name = p.folded_name AND m.birth_year = p.birth_year \
           WHERE m.organisation_id = $1 LIMIT 10) \
         UNION ALL \
         (SELECT DISTINCT m.household_id, 'name_and_commune' FROM household_members m \
           JOIN households f ON f.organisation_id = m.organisation_id AND f.id = m.household_id \
           WHERE m.organisation_id = $1 AND $5::text IS NOT NULL \
             AND m.folded_name = ANY($6::text[]) AND lower(f.commune) = lower($5) LIMIT 10)",
    )
    .bind::<SqlUuid, _>(conn.org_id())
    .bind::<Nullable<Text>, _>(phone)
    .bind::<Array<Text>, _>(&names)
    .bind::<Array<Int4>, _>(&years)
    .bind::<Nullable<Text>, _>(commune.map(str::trim))
    .bind::<Array<Text>, _>(&all_names)
    .load::<DuplicateRow>(conn.conn())?
    .into_iter()
    .map(|row| (row.id, row.why))
    .collect())
}

#[derive(QueryableByName)]
struct DuplicateRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    why: DuplicateMatch,
}

/// The household and its members as stored (search keys left out): the right of access.
pub fn personal_data(
    conn: &mut TenantConn<'_>,
    household: Uuid,
) -> ApiResult<Vec<crate::privacy::Section>> {
    use crate::platform::db::json_rows;
    use crate::privacy::Section;
    Ok(vec![
        Section::new(
            "household",
            json_rows(
                conn,
                "SELECT to_jsonb(h) - 'search_text' - 'sort_name' - 'organisation_kind' AS row \
                   FROM households h WHERE organisation_id = $1 AND id = $2",
                household,
            )?,
        ),
        Section::new(
            "household_members",
            json_rows(
                conn,
                "SELECT to_jsonb(m) - 'folded_name' AS row FROM household_members m \
                  WHERE organisation_id = $1 AND household_id = $2 ORDER BY position",
                household,
            )?,
        ),
    ])
}

/// The name every anonymised person gets.
pub const ANONYMOUS_FIRST: &str = "Personne";
pub const ANONYMOUS_LAST: &str = "anonymisée";

/// "Personne anonymisée": where a whole name was written.
pub fn anonymous_name() -> String {
    format!("{ANONYMOUS_FIRST} {ANONYMOUS_LAST}")
}

/// Replaces identity and contact, empties free text, archives; keeps the needs, languages,
/// roles and school levels (facts, not identity). Once: an anonymised household is left.
pub fn anonymise(conn: &mut TenantConn<'_>, household: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    diesel::update(
        hm::table
            .filter(hm::organisation_id.eq(org_id))
            .filter(hm::household_id.eq(household)),
    )
    .set((
        hm::first_name.eq(ANONYMOUS_FIRST),
        hm::last_name.eq(ANONYMOUS_LAST),
        hm::birth_year.eq(None::<i32>),
        hm::folded_name.eq(folded_name(ANONYMOUS_FIRST, ANONYMOUS_LAST)),
    ))
    .execute(conn.conn())?;
    let updated = diesel::update(
        h::table
            .find((org_id, household))
            .filter(h::anonymised_at.is_null()),
    )
    .set((
        h::commune.eq(None::<String>),
        h::neighbourhood.eq(None::<String>),
        h::address.eq(None::<String>),
        h::postcode.eq(None::<String>),
        h::phone.eq(None::<String>),
        h::email.eq(None::<String>),
        h::needs_other.eq(None::<String>),
        h::notes.eq(None::<String>),
        h::preferred_contact.eq(ContactChannel::DoNotContact),
        h::status.eq(HouseholdStatus::Archived),
        h::search_text.eq(""),
        h::sort_name.eq(fold(&format!("{ANONYMOUS_LAST} {ANONYMOUS_FIRST}"))),
        h::anonymised_at.eq(diesel::dsl::now),
        h::version.eq(h::version + 1),
    ))
    .execute(conn.conn())?;
    Ok(updated == 1)
}

/// Of `households`, those edited since `since`.
pub fn edited_since(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
    since: DateTime<Utc>,
) -> ApiResult<Vec<Uuid>> {
    let org_id = conn.org_id();
    Ok(h::table
        .filter(h::organisation_id.eq(org_id))
        .filter(h::id.eq_any(households))
        .filter(h::updated_at.ge(since))
        .select(h::id)
        .load(conn.conn())?)
}

/// Households not anonymised and unchanged since `before`, after the keyset `after`,
/// locked for this transaction (another instance's job skips them): the retention job's
/// candidates, oldest first.
pub fn retention_candidates(
    conn: &mut TenantConn<'_>,
    before: DateTime<Utc>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> ApiResult<Vec<(DateTime<Utc>, Uuid)>> {
    let org_id = conn.org_id();
    // Locking queries cannot be boxed: the keyset starts before any row instead.
    let (at, id) = after.unwrap_or((DateTime::<Utc>::UNIX_EPOCH, Uuid::nil()));
    Ok(h::table
        .filter(h::organisation_id.eq(org_id))
        .filter(h::anonymised_at.is_null())
        .filter(h::updated_at.lt(before))
        .filter(
            h::updated_at
                .gt(at)
                .or(h::updated_at.eq(at).and(h::id.gt(id))),
        )
        .select((h::updated_at, h::id))
        .order((h::updated_at, h::id))
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn.conn())?)
}

/// Locks the household's row for the transaction; false when there is none.
pub fn lock(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(h::table
        .find((org_id, id))
        .select(h::id)
        .for_update()
        .first::<Uuid>(conn.conn())
        .optional()?
        .is_some())
}

/// Whether the household exists and was anonymised (an edit is then refused).
pub fn is_anonymised(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(h::table
        .find((org_id, id))
        .select(h::anonymised_at.is_not_null())
        .first(conn.conn())
        .optional()?
        .unwrap_or(false))
}
