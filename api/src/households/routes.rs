//! Households (foyers) of a structure: search, create, read, replace with `If-Match`.
//! Only the structure's admins and staff reach them.

use actix_web::{get, post, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::domain::{
    self as family, ContactChannel, ContactRules, HouseholdStatus, MemberInput, MemberRole, Need,
    SchoolLevel,
};
use super::repo::{self, HouseholdData, HouseholdRow, MemberRow};
use crate::auth::roles::Staff;
use crate::auth::OrgScope;
use crate::organisations::routes::organisations::OrgPath;
use crate::platform::db::TenantConn;
use crate::platform::error::{ApiError, ApiResult, FieldErrors};
use crate::platform::http::cursor::{paginate, Page, PageQuery};
use crate::platform::http::version::{created, with_etag};
use crate::platform::http::{IfMatch, ValidJson, Versioned};
use crate::platform::openapi::{BodyErrors, OrgErrors, VersionErrors};
use crate::platform::state::AppState;
use crate::referrals::views::HouseholdReferral;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct HouseholdPath {
    pub household_id: Uuid,
}

/// A household as entered: members (exactly one `reference`), contact, needs, notes.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdInput {
    /// 1 to 20 people; exactly one has the role `reference`.
    #[validate(length(min = 1, max = 20), nested)]
    #[schema(min_items = 1, max_items = 20)]
    pub members: Vec<MemberInput>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub commune: Option<String>,
    /// Quartier.
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub neighbourhood: Option<String>,
    /// Postal address (needed when the preferred contact is a letter).
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub address: Option<String>,
    #[validate(custom(function = "crate::platform::validate::validate_postcode"))]
    #[schema(pattern = "^[0-9]{5}$")]
    pub postcode: Option<String>,
    pub preferred_contact: ContactChannel,
    /// French number, any usual spelling (06 12 34 56 78, +33 6…); stored as +33612345678.
    pub phone: Option<String>,
    pub email: Option<String>,
    #[validate(length(max = 5))]
    #[schema(max_items = 5)]
    pub needs: Vec<Need>,
    /// Required when `needs` contains `other`.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub needs_other: Option<String>,
    /// Languages spoken (at most 10).
    #[validate(custom(function = "family::validate_languages"))]
    #[serde(default)]
    pub languages: Vec<String>,
    /// Practical notes only: never health or other sensitive data.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    /// Defaults to `active`.
    pub status: Option<HouseholdStatus>,
}

impl crate::platform::http::body::Rules for HouseholdInput {
    /// Rules spanning several fields, reported with the fields' own.
    fn check(&self, errors: &mut FieldErrors) {
        family::check_one_reference(&self.members, "members", errors);
        family::check_members(&self.members, "members", errors);
        family::check_member_ids(&self.members, "members", true, errors);
        ContactRules {
            preferred_contact: self.preferred_contact,
            phone: self.phone.as_deref(),
            email: self.email.as_deref(),
            address: self.address.as_deref(),
            needs: &self.needs,
            needs_other: self.needs_other.as_deref(),
        }
        .check(errors);
    }
}

impl HouseholdInput {
    /// The stored form of a checked household.
    fn into_data(self) -> (HouseholdData, Vec<MemberInput>) {
        let data = HouseholdData {
            commune: family::clean(self.commune),
            neighbourhood: family::clean(self.neighbourhood),
            address: family::clean(self.address),
            postcode: family::clean(self.postcode),
            preferred_contact: self.preferred_contact,
            phone: family::stored_phone(self.phone),
            email: family::stored_email(self.email),
            needs: family::dedup_needs(&self.needs),
            needs_other: family::clean(self.needs_other),
            languages: family::clean_languages(&self.languages),
            notes: family::clean(self.notes),
            status: self.status.unwrap_or(HouseholdStatus::Active),
        };
        (data, self.members)
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HouseholdMemberView {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub role: MemberRole,
    pub school_level: Option<SchoolLevel>,
}

impl From<MemberRow> for HouseholdMemberView {
    fn from(m: MemberRow) -> Self {
        Self {
            id: m.id,
            first_name: m.first_name,
            last_name: m.last_name,
            birth_year: m.birth_year,
            role: m.role,
            school_level: m.school_level,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HouseholdSummary {
    pub id: Uuid,
    /// "First Last" of the reference person.
    pub reference_name: String,
    pub members_count: usize,
    pub commune: Option<String>,
    pub phone: Option<String>,
    pub status: HouseholdStatus,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HouseholdView {
    pub id: Uuid,
    pub members: Vec<HouseholdMemberView>,
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
    /// The referrals linked to this household, newest first (its history).
    pub referrals: Vec<HouseholdReferral>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    /// When its data was anonymised (retention or erasure): it can no longer be edited.
    pub anonymised_at: Option<DateTime<Utc>>,
}

impl Versioned for HouseholdView {
    fn version(&self) -> i32 {
        self.version
    }
}

fn reference_name(members: &[HouseholdMemberView]) -> String {
    members
        .iter()
        .find(|m| m.role == MemberRole::Reference)
        .or(members.first())
        .map(|m| format!("{} {}", m.first_name, m.last_name))
        .unwrap_or_default()
}

fn members_of(all: &[(Uuid, MemberRow)], household: Uuid) -> Vec<HouseholdMemberView> {
    all.iter()
        .filter(|(h, _)| *h == household)
        .map(|(_, m)| HouseholdMemberView::from(m.clone()))
        .collect()
}

pub fn load_view(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<HouseholdView> {
    let row: HouseholdRow = repo::find(conn, id)?;
    let members = members_of(&repo::members(conn, &[id])?, id);
    let names =
        crate::auth::user_names(conn.conn(), &[row.created_by.into(), row.updated_by.into()])?;
    let name_of = |user: Uuid| {
        names
            .iter()
            .find(|(u, _)| u.0 == user)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    Ok(HouseholdView {
        id: row.id,
        members,
        commune: row.commune,
        neighbourhood: row.neighbourhood,
        address: row.address,
        postcode: row.postcode,
        preferred_contact: row.preferred_contact,
        phone: row.phone,
        email: row.email,
        needs: row.needs,
        needs_other: row.needs_other,
        languages: row.languages,
        notes: row.notes,
        status: row.status,
        referrals: crate::referrals::for_household(conn, id.into())?,
        version: row.version,
        created_at: row.created_at,
        created_by_name: name_of(row.created_by),
        updated_at: row.updated_at,
        updated_by_name: name_of(row.updated_by),
        anonymised_at: row.anonymised_at,
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HouseholdQuery {
    /// Name (any order, accents and case ignored), phone (any spelling) or email.
    pub q: Option<String>,
    /// Include archived households.
    #[serde(default)]
    pub include_archived: bool,
}

/// Search the structure's households, by reference person's name (keyset pagination).
#[utoipa::path(
    tag = "households",
    params(OrgPath, HouseholdQuery, PageQuery),
    responses((status = 200, body = Page<HouseholdSummary>), OrgErrors, (status = 422, body = crate::platform::error::Problem, content_type = "application/problem+json", description = "Bad limit or cursor")),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/households")]
pub async fn list(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    query: web::Query<HouseholdQuery>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<HouseholdSummary>>> {
    let (limit, after) = (page.limit()?, page.after::<(String, Uuid)>()?);
    let text =
        crate::platform::validate::search_text(query.q.as_deref(), "q")?.map(|q| search_term(&q));
    let include_archived = query.include_archived;
    let result = state
        .db
        .org_tx(&scope, move |conn| {
            let rows = repo::search(conn, text.as_deref(), include_archived, after, limit)?;
            let ids: Vec<Uuid> = rows.iter().map(|(_, r)| r.id).collect();
            let all = repo::members(conn, &ids)?;
            Ok(paginate(
                rows,
                limit,
                |(name, row)| (name.clone(), row.id),
                |(_, row)| {
                    let members = members_of(&all, row.id);
                    HouseholdSummary {
                        id: row.id,
                        reference_name: reference_name(&members),
                        members_count: members.len(),
                        commune: row.commune,
                        phone: row.phone,
                        status: row.status,
                        updated_at: row.updated_at,
                    }
                },
            ))
        })
        .await?;
    Ok(web::Json(result))
}

/// What to look for: a phone in its stored form when the text is a phone number, else the
/// folded text.
fn search_term(q: &str) -> String {
    crate::platform::validate::normalise_phone(q).unwrap_or_else(|| crate::platform::text::fold(q))
}

/// Register a household.
#[utoipa::path(
    tag = "households",
    params(OrgPath),
    request_body = HouseholdInput,
    responses((status = 201, body = HouseholdView, headers(("ETag" = String), ("Location" = String))), OrgErrors, BodyErrors),
    security(("bearer" = []))
)]
#[post("/orgs/{org_id}/households")]
pub async fn create(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    body: ValidJson<HouseholdInput>,
) -> ApiResult<HttpResponse> {
    let (data, members) = body.into_inner().into_data();
    let mut errors = FieldErrors::new();
    family::check_member_ids(&members, "members", false, &mut errors);
    family::finish(errors)?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            let (id, _) = repo::insert(conn, &data, &members)?;
            load_view(conn, id)
        })
        .await?;
    Ok(created(
        &view,
        &format!("/api/v1/orgs/{}/households/{}", scope.org_id, view.id),
    ))
}

/// One household with its members and referrals.
#[utoipa::path(
    tag = "households",
    params(OrgPath, HouseholdPath),
    responses((status = 200, body = HouseholdView, headers(("ETag" = String))), OrgErrors),
    security(("bearer" = []))
)]
#[get("/orgs/{org_id}/households/{household_id}")]
pub async fn get_one(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
) -> ApiResult<HttpResponse> {
    let id = path.household_id;
    let view = state
        .db
        .org_tx(&scope, move |conn| load_view(conn, id))
        .await?;
    Ok(with_etag(&view))
}

/// Replace a household (members included). Needs `If-Match` with the version edited: a
/// stale version is refused (412) and nothing is overwritten.
#[utoipa::path(
    tag = "households",
    params(OrgPath, HouseholdPath, ("If-Match" = String, Header, description = "The version edited, as in the ETag")),
    request_body = HouseholdInput,
    responses((status = 200, body = HouseholdView, headers(("ETag" = String))), OrgErrors, BodyErrors, VersionErrors, crate::platform::openapi::ConflictError),
    security(("bearer" = []))
)]
#[put("/orgs/{org_id}/households/{household_id}")]
pub async fn replace(
    scope: OrgScope<Staff>,
    state: web::Data<AppState>,
    path: web::Path<HouseholdPath>,
    body: ValidJson<HouseholdInput>,
    // Its version is asked for once the body is read: a faulty body is a 422 first.
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (data, members) = body.into_inner().into_data();
    let id = path.household_id;
    let version = if_match.version()?;
    let view = state
        .db
        .org_tx(&scope, move |conn| {
            if !repo::update(conn, id, version, &data, &members)? {
                // Nothing matched: a missing household is a 404, an anonymised one a 409,
                // a changed one a 412.
                return Err(match repo::exists(conn, id)? {
                    false => ApiError::not_found(),
                    true if repo::is_anonymised(conn, id)? => ApiError::conflict(
                        "Les données de ce foyer ont été anonymisées : il ne peut plus être modifié.",
                    ),
                    true => ApiError::version_mismatch(),
                });
            }
            load_view(conn, id)
        })
        .await?;
    Ok(with_etag(&view))
}
