//! Households (foyers) of a structure and their members. Other modules call the functions
//! of this file, inside their open transaction.

pub mod domain;
pub mod repo;
pub mod routes;

use uuid::Uuid;

use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::HouseholdId;
use domain::{DuplicateMatch, MemberInput, MemberRole};
use repo::HouseholdData;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(routes::list)
        .service(routes::create)
        .service(routes::get_one)
        .service(routes::replace);
}

/// A household just registered.
pub struct Created {
    pub id: HouseholdId,
    /// Its members' ids, in the order given.
    pub member_ids: Vec<Uuid>,
}

/// Registers a household with its members, as the transaction's actor.
pub fn create(
    conn: &mut TenantConn<'_>,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<Created> {
    let (id, member_ids) = repo::insert(conn, data, members)?;
    Ok(Created {
        id: HouseholdId(id),
        member_ids,
    })
}

/// Adds a person to an existing household of the structure; None when it is full.
pub fn add_member(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
    member: &MemberInput,
) -> ApiResult<Option<Uuid>> {
    repo::add_member(conn, household.0, member)
}

/// Whether `member` is a person of `household`.
pub fn is_member(
    conn: &mut TenantConn<'_>,
    household: HouseholdId,
    member: Uuid,
) -> ApiResult<bool> {
    repo::is_member(conn, household.0, member)
}

/// Whether the structure in scope holds this household.
pub fn exists(conn: &mut TenantConn<'_>, id: HouseholdId) -> ApiResult<bool> {
    repo::exists(conn, id.0)
}

/// A household that may be the family being looked at.
pub struct PossibleDuplicate {
    pub household_id: HouseholdId,
    /// "First Last" of its reference person.
    pub reference_name: String,
    pub phone: Option<String>,
    pub commune: Option<String>,
    pub matched_on: Vec<DuplicateMatch>,
    /// Its people, in their order (so that the person referred can be recognised).
    pub members: Vec<repo::MemberRow>,
}

/// Households of the structure that may be this family (same phone, a person with the same
/// folded name and year of birth, or with the same folded name in the same commune), in
/// three queries whatever their number.
pub fn possible_duplicates(
    conn: &mut TenantConn<'_>,
    phone: Option<&str>,
    commune: Option<&str>,
    people: &[(String, Option<i32>)],
) -> ApiResult<Vec<PossibleDuplicate>> {
    let mut found: Vec<(Uuid, Vec<DuplicateMatch>)> = Vec::new();
    for (id, why) in repo::possible_duplicates(conn, phone, commune, people)? {
        match found.iter_mut().find(|(h, _)| *h == id) {
            Some((_, reasons)) if !reasons.contains(&why) => reasons.push(why),
            Some(_) => {}
            None => found.push((id, vec![why])),
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = found.iter().map(|(id, _)| *id).collect();
    let households = repo::find_many(conn, &ids)?;
    let members = repo::members(conn, &ids)?;
    Ok(found
        .into_iter()
        .filter_map(|(id, matched_on)| {
            let household = households.iter().find(|h| h.id == id)?;
            let people: Vec<repo::MemberRow> = members
                .iter()
                .filter(|(h, _)| *h == id)
                .map(|(_, m)| m.clone())
                .collect();
            let reference_name = people
                .iter()
                .find(|m| m.role == MemberRole::Reference)
                .map(|m| format!("{} {}", m.first_name, m.last_name))
                .unwrap_or_default();
            Some(PossibleDuplicate {
                household_id: HouseholdId(id),
                reference_name,
                phone: household.phone.clone(),
                commune: household.commune.clone(),
                matched_on,
                members: people,
            })
        })
        .collect())
}

/// The people of some households: (household, person), in their order.
pub fn members_of(
    conn: &mut TenantConn<'_>,
    households: &[Uuid],
) -> ApiResult<Vec<(Uuid, repo::MemberRow)>> {
    repo::members(conn, households)
}

/// How a household may be reached.
pub struct Contact {
    pub household_id: Uuid,
    pub preferred: domain::ContactChannel,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// How some households of the structure may be reached.
pub fn contacts(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<Contact>> {
    Ok(repo::find_many(conn, ids)?
        .into_iter()
        .map(|h| Contact {
            household_id: h.id,
            preferred: h.preferred_contact,
            phone: h.phone,
            email: h.email,
        })
        .collect())
}

/// What this module holds on a family (the registry of `privacy/`).
pub const PRIVACY: crate::privacy::Holding = crate::privacy::Holding {
    module: "households",
    holds: "the household's contact details (commune, neighbourhood, address, postcode, phone, \
            email, preferred channel), needs, languages and notes; each member's names, birth \
            year, role and school level",
    tables: &["households", "household_members"],
    export: repo::personal_data,
    anonymise: |conn, id| repo::anonymise(conn, id).map(|_| ()),
    contacted_since: repo::edited_since,
};
