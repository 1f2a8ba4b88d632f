//! Referrals (orientations): a referrer sends a family to a partner structure, the
//! structure answers and follows it, and the referrer sees the journey the family agreed to
//! share. One path, `/orgs/{org_id}/referrals`, serves both sides: what the caller sees
//! depends on the kind of organisation in the path.

pub mod create;
pub mod read;
pub mod transitions;
pub mod views;

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::roles::OrgKind;
use crate::auth::AuthUser;
use crate::consent::ConsentText;
use crate::db::households as households_repo;
use crate::db::referrals::{self as repo, ReferralRow};
use crate::db::schema::{organisations as o, sites as s};
use crate::db::TenantConn;
use crate::error::ApiResult;
use crate::family::MemberInput;
use crate::routes::docs::AuthErrors;
use crate::text::folded_name;
use crate::vocab::{ContactChannel, MemberRole};
use views::{Consent, DuplicateHousehold, DuplicateReferral, OrgName, ReferralDetail};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReferralPath {
    pub referral_id: Uuid,
}

/// The consent text to show the family before referring it, with its version.
#[utoipa::path(tag = "referrals", responses((status = 200, body = ConsentText), AuthErrors), security(("bearer" = [])))]
#[get("/consent-text")]
pub async fn consent_text(_user: AuthUser) -> web::Json<ConsentText> {
    web::Json(crate::consent::current())
}

/// Names of organisations, for views.
pub fn org_names(conn: &mut TenantConn<'_>, ids: &[Uuid]) -> ApiResult<Vec<OrgName>> {
    let rows: Vec<(Uuid, String)> = o::table
        .filter(o::id.eq_any(ids))
        .select((o::id, o::name))
        .load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| OrgName { id, name })
        .collect())
}

pub fn name_in(names: &[OrgName], id: Uuid) -> OrgName {
    names
        .iter()
        .find(|n| n.id == id)
        .cloned()
        .unwrap_or(OrgName {
            id,
            name: String::new(),
        })
}

/// The referral as the caller's side may see it.
pub fn load_detail(
    conn: &mut TenantConn<'_>,
    kind: OrgKind,
    id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<ReferralDetail> {
    let row = repo::find(conn, id)?;
    let as_structure = kind == OrgKind::Structure;
    let mut ids = vec![row.organisation_id];
    ids.extend(row.referrer_org_id);
    let names = org_names(conn, &ids)?;
    let summary = views::summary(
        &row,
        name_in(&names, row.organisation_id),
        row.referrer_org_id.map(|r| name_in(&names, r)),
        now,
    );
    let site = match row.site_id {
        Some(site) => s::table
            .filter(s::organisation_id.eq(row.organisation_id))
            .filter(s::id.eq(site))
            .select(s::name)
            .first::<String>(conn.conn())
            .optional()?
            .map(|name| OrgName { id: site, name }),
        None => None,
    };
    let history = repo::history(conn, &row)?
        .into_iter()
        .map(|e| views::event(e, as_structure))
        .collect();
    let (dup_households, dup_referrals) = if as_structure {
        (
            Some(duplicate_households(conn, &row)?),
            Some(duplicate_referrals(conn, &row)?),
        )
    } else {
        (None, None)
    };
    let members: Vec<MemberInput> = serde_json::from_value(row.members.clone()).unwrap_or_default();
    Ok(ReferralDetail {
        summary,
        site,
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        birth_year: row.birth_year,
        phone: row.phone.clone(),
        email: row.email.clone(),
        preferred_contact: ContactChannel::parse(&row.preferred_contact)
            .unwrap_or(ContactChannel::DoNotContact),
        address: row.address.clone(),
        postcode: row.postcode.clone(),
        neighbourhood: row.neighbourhood.clone(),
        members,
        needs_other: row.needs_other.clone(),
        languages: row.languages.clone(),
        reason: row.reason.clone(),
        message: row.message.clone(),
        consent: row
            .consent_given_on
            .zip(row.consent_text_version.clone())
            .map(|(given_on, text_version)| Consent {
                given_on,
                text_version,
            }),
        share_progress: row.share_progress,
        decline_reason: row
            .decline_reason
            .as_deref()
            .and_then(repo::DeclineReason::parse),
        history,
        milestones: (as_structure || row.share_progress).then(|| views::milestones(&row)),
        household_id: if as_structure { row.household_id } else { None },
        allowed_transitions: as_structure.then(|| row.status().next().to_vec()),
        possible_duplicate_households: dup_households,
        possible_duplicate_referrals: dup_referrals,
        version: row.version,
    })
}

/// The people of a referral, as (folded name, year of birth), for the name rule.
fn people(row: &ReferralRow) -> Vec<(String, Option<i32>)> {
    let members: Vec<MemberInput> = serde_json::from_value(row.members.clone()).unwrap_or_default();
    std::iter::once((row.folded_name.clone(), row.birth_year))
        .chain(
            members
                .iter()
                .map(|m| (folded_name(&m.first_name, &m.last_name), m.birth_year)),
        )
        .collect()
}

fn duplicate_households(
    conn: &mut TenantConn<'_>,
    row: &ReferralRow,
) -> ApiResult<Vec<DuplicateHousehold>> {
    let found = households_repo::possible_duplicates(conn, row.phone.as_deref(), &people(row))?;
    let ids: Vec<Uuid> = found.iter().map(|(id, _)| *id).collect();
    let members = households_repo::members(conn, &ids)?;
    let mut out = Vec::new();
    for (id, why) in found {
        let household = households_repo::find(conn, id)?;
        let reference = members
            .iter()
            .filter(|(h, _)| *h == id)
            .map(|(_, m)| m)
            .find(|m| m.role == MemberRole::Reference.as_str())
            .map(|m| format!("{} {}", m.first_name, m.last_name))
            .unwrap_or_default();
        out.push(DuplicateHousehold {
            household_id: id,
            reference_name: reference,
            phone: household.phone,
            commune: household.commune,
            matched_on: why.into_iter().map(str::to_owned).collect(),
        });
    }
    Ok(out)
}

fn duplicate_referrals(
    conn: &mut TenantConn<'_>,
    row: &ReferralRow,
) -> ApiResult<Vec<DuplicateReferral>> {
    Ok(repo::duplicate_referrals(conn, row)?
        .into_iter()
        .map(|(referral_id, status, why)| DuplicateReferral {
            referral_id,
            status: repo::ReferralStatus::parse(&status).unwrap_or(repo::ReferralStatus::Submitted),
            matched_on: why.into_iter().map(str::to_owned).collect(),
        })
        .collect())
}
