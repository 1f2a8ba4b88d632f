//! Organisations and what belongs to them: members and their roles, invitations, sites,
//! partnerships between structures and referrers, settings.

pub mod domain;
pub mod repo;
pub mod routes;
pub mod views;

use diesel::PgConnection;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::roles::{OrgKind, Role};
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::platform::ids::{OrgId, UserId};

pub fn routes(cfg: &mut ServiceConfig) {
    use routes::{invitations, members, organisations, partnerships, sites};
    cfg.service(organisations::list)
        .service(organisations::create)
        .service(organisations::get_one)
        .service(organisations::update)
        .service(members::list)
        .service(members::update)
        .service(members::remove)
        .service(members::issue_reset)
        .service(invitations::list)
        .service(invitations::create)
        .service(invitations::revoke)
        .service(sites::list)
        .service(sites::create)
        .service(sites::get_one)
        .service(sites::update)
        .service(partnerships::list)
        .service(partnerships::create)
        .service(partnerships::update);
}

/// (id, name) of organisations from the directory.
pub fn names(conn: &mut TenantConn<'_>, ids: &[OrgId]) -> ApiResult<Vec<(OrgId, String)>> {
    repo::names(conn, ids)
}

/// A site's name, if the structure has it (and the caller may see it).
pub fn site_name(
    conn: &mut TenantConn<'_>,
    structure: OrgId,
    site: Uuid,
) -> ApiResult<Option<String>> {
    repo::site_name(conn, structure, site)
}

/// The structure has this site and it is not archived.
pub fn is_open_site(conn: &mut TenantConn<'_>, structure: OrgId, site: Uuid) -> ApiResult<bool> {
    repo::is_open_site(conn, structure, site)
}

/// The referrer may refer families to the structure.
pub fn is_active_partner(
    conn: &mut TenantConn<'_>,
    structure: OrgId,
    referrer: OrgId,
) -> ApiResult<bool> {
    repo::is_active_partner(conn, structure, referrer)
}

/// (reminder, expiry) delays in days of the organisation in scope.
pub fn referral_delays(conn: &mut TenantConn<'_>) -> ApiResult<(i32, i32)> {
    repo::referral_delays(conn)
}

/// (completion threshold, sessions required for a computer) of the structure in scope.
pub fn cycle_settings(conn: &mut TenantConn<'_>) -> ApiResult<(i32, i32)> {
    repo::cycle_settings(conn)
}

/// The organisation in scope: its names (documents, asset tags) and settings.
pub fn in_scope(conn: &mut TenantConn<'_>) -> ApiResult<views::OrganisationView> {
    let id = conn.org_id();
    repo::directory::find(conn.conn(), id)
}

/// What the structure in scope does with a workshop step by someone untrained.
pub fn ledger_policy(
    conn: &mut TenantConn<'_>,
) -> ApiResult<crate::training::domain::LedgerPolicy> {
    repo::ledger_policy(conn)
}

/// The ids of the open sites of the structure in scope, by name.
pub fn sites_of(conn: &mut TenantConn<'_>) -> ApiResult<Vec<Uuid>> {
    Ok(repo::sites::list(conn, false)?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

/// A site of the structure in scope: its name and address, for sheets and calendars.
pub fn site(conn: &mut TenantConn<'_>, id: Uuid) -> ApiResult<views::SiteView> {
    repo::sites::find(conn, id)
}

/// Active people of the structure in scope among `users`: (id, role, name).
pub fn active_people(
    conn: &mut TenantConn<'_>,
    users: &[Uuid],
) -> ApiResult<Vec<(Uuid, Role, String)>> {
    repo::members::active_people(conn, users)
}

/// Every structure with its (reminder, expiry) delays, for the deadlines job.
/// Every structure with its retention period in months (for the retention job).
pub fn structures_with_retention(conn: &mut PgConnection) -> ApiResult<Vec<(OrgId, i32)>> {
    crate::platform::db::run_in_context(conn, &Default::default(), repo::structures_with_retention)
}

pub fn structures_with_delays(conn: &mut PgConnection) -> ApiResult<Vec<(OrgId, i32, i32)>> {
    crate::platform::db::run_in_context(conn, &Default::default(), repo::structures_with_delays)
}

/// Emails of the active admins and staff of the organisation in scope.
pub fn staff_emails(conn: &mut TenantConn<'_>) -> ApiResult<Vec<String>> {
    repo::staff_emails(conn)
}

/// The kind of an organisation of the directory, if it exists.
pub fn kind_of(conn: &mut PgConnection, id: OrgId) -> ApiResult<Option<OrgKind>> {
    repo::directory::kind_of(conn, id.0)
}

/// The kind of an organisation and the person's role in it (None: not a member); None when
/// there is no such organisation. One query, in the person's own door.
pub fn standing(
    conn: &mut PgConnection,
    org_id: OrgId,
    user_id: UserId,
) -> ApiResult<Option<(OrgKind, Option<Role>)>> {
    repo::members::standing(conn, org_id.0, user_id.0)
}

/// A person's memberships by organisation name: (id, name, short name, kind, role).
pub fn memberships_of(
    conn: &mut PgConnection,
    user_id: UserId,
) -> ApiResult<Vec<(Uuid, String, String, OrgKind, Role)>> {
    repo::members::of_person(conn, user_id.0)
}

pub use repo::invitations::OpenInvitation;

/// The invitation with this hash if it can still be accepted (in the link's door): open, and
/// still justified by its author's standing (an invitation made by an admin who has since
/// been demoted or deactivated grants nothing).
pub fn open_invitation(conn: &mut PgConnection, token_hash: &str) -> ApiResult<OpenInvitation> {
    use crate::platform::error::ApiError;
    let invitation =
        repo::invitations::find_open(conn, token_hash)?.ok_or_else(ApiError::token_invalid)?;
    let author = UserId(invitation.created_by);
    if !crate::auth::is_superadmin(conn, author)? {
        crate::platform::db::switch_org(conn, invitation.organisation_id)?;
        let role =
            repo::members::active_role(conn, invitation.organisation_id, invitation.created_by)?;
        if role != Some(Role::Admin) {
            return Err(ApiError::token_invalid());
        }
    }
    Ok(invitation)
}

/// Whether a reset link an admin issued for `person` in `org` still stands: the person is
/// not the superadmin and belongs to `org` alone, and the issuer is still an active admin
/// there (or the superadmin). Switches the transaction's organisation to `org`.
pub fn admin_link_still_justified(
    conn: &mut PgConnection,
    org: OrgId,
    issuer: UserId,
    person: UserId,
) -> ApiResult<bool> {
    if crate::auth::is_superadmin(conn, person)?
        || crate::auth::membership_count(conn, person)? != 1
    {
        return Ok(false);
    }
    crate::platform::db::switch_org(conn, org.0)?;
    if repo::members::active_role(conn, org.0, person.0)?.is_none() {
        return Ok(false);
    }
    Ok(crate::auth::is_superadmin(conn, issuer)?
        || repo::members::active_role(conn, org.0, issuer.0)? == Some(Role::Admin))
}

/// Makes the person a member with the invitation's role, and marks it accepted.
pub fn redeem_invitation(
    conn: &mut PgConnection,
    invitation: &OpenInvitation,
    user_id: UserId,
) -> ApiResult<()> {
    crate::platform::db::switch_org(conn, invitation.organisation_id)?;
    repo::members::upsert(
        conn,
        invitation.organisation_id,
        invitation.organisation_kind,
        user_id.0,
        invitation.role,
    )?;
    repo::invitations::mark_accepted(conn, invitation.organisation_id, invitation.id)
}

/// An organisation's name from the directory.
pub fn name_of(conn: &mut PgConnection, id: OrgId) -> ApiResult<String> {
    Ok(repo::directory::find(conn, id.0)?.name)
}
