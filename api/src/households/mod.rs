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

/// Registers a household with its members, as the transaction's actor.
pub fn create(
    conn: &mut TenantConn<'_>,
    data: &HouseholdData,
    members: &[MemberInput],
) -> ApiResult<HouseholdId> {
    repo::insert(conn, data, members).map(HouseholdId)
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
}

/// Households of the structure that may be this family (same phone, or a person with the
/// same folded name and year of birth), in three queries whatever their number.
pub fn possible_duplicates(
    conn: &mut TenantConn<'_>,
    phone: Option<&str>,
    people: &[(String, Option<i32>)],
) -> ApiResult<Vec<PossibleDuplicate>> {
    let mut found: Vec<(Uuid, Vec<DuplicateMatch>)> = Vec::new();
    for (id, why) in repo::possible_duplicates(conn, phone, people)? {
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
            let reference_name = members
                .iter()
                .filter(|(h, m)| *h == id && m.role == MemberRole::Reference)
                .map(|(_, m)| format!("{} {}", m.first_name, m.last_name))
                .next()
                .unwrap_or_default();
            Some(PossibleDuplicate {
                household_id: HouseholdId(id),
                reference_name,
                phone: household.phone.clone(),
                commune: household.commune.clone(),
                matched_on,
            })
        })
        .collect())
}
