//! An organisation's memberships (joined with the accounts directory for names).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::auth::roles::{OrgKind, Role};
use crate::organisations::views::MemberView;
use crate::platform::db::TenantConn;
use crate::platform::error::ApiResult;
use crate::schema::{memberships as m, users};

/// The organisation's members by name, or only `user`.
pub fn list(conn: &mut TenantConn<'_>, user: Option<Uuid>) -> ApiResult<Vec<MemberView>> {
    let org_id = conn.org_id();
    let mut q = m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .select((
            users::id,
            users::email,
            users::name,
            m::role,
            users::active,
            users::has_password,
            m::created_at,
        ))
        .order(users::name)
        .into_boxed();
    if let Some(user) = user {
        q = q.filter(users::id.eq(user));
    }
    let rows: Vec<(Uuid, String, String, Role, bool, bool, DateTime<Utc>)> = q.load(conn.conn())?;
    Ok(rows
        .into_iter()
        .map(
            |(user_id, email, name, role, active, has_password, member_since)| MemberView {
                user_id,
                email,
                name,
                role,
                active,
                has_password,
                member_since,
            },
        )
        .collect())
}

/// Whether an account with this email (any case) is a member.
pub fn has_email(conn: &mut TenantConn<'_>, email: &str) -> ApiResult<bool> {
    let org_id = conn.org_id();
    Ok(diesel::select(diesel::dsl::exists(
        m::table
            .inner_join(users::table)
            .filter(m::organisation_id.eq(org_id))
            .filter(crate::platform::db::lower(users::email).eq(email.to_lowercase()))
            .select(m::user_id),
    ))
    .get_result(conn.conn())?)
}

pub fn set_role(conn: &mut TenantConn<'_>, user: Uuid, role: Role) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::update(m::table.find((org_id, user)))
        .set(m::role.eq(role))
        .execute(conn.conn())?;
    Ok(())
}

pub fn remove(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::delete(m::table.find((org_id, user))).execute(conn.conn())?;
    Ok(())
}

/// Adds a membership unless it exists.
pub fn add(conn: &mut TenantConn<'_>, kind: OrgKind, user: Uuid, role: Role) -> ApiResult<()> {
    let org_id = conn.org_id();
    diesel::insert_into(m::table)
        .values((
            m::organisation_id.eq(org_id),
            m::user_id.eq(user),
            m::organisation_kind.eq(kind),
            m::role.eq(role),
        ))
        .on_conflict_do_nothing()
        .execute(conn.conn())?;
    Ok(())
}

/// Serialises the changes that could leave the organisation without an admin: held until the
/// transaction ends, so two admins demoting each other at the same instant take turns, and
/// the second one counts after the first has committed.
pub fn lock_admins(conn: &mut TenantConn<'_>) -> ApiResult<()> {
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7201))")
        .bind::<diesel::sql_types::Uuid, _>(conn.org_id())
        .execute(conn.conn())?;
    Ok(())
}

/// The role a person holds now in the organisation in scope (None: not a member).
pub fn role_of(conn: &mut TenantConn<'_>, user: Uuid) -> ApiResult<Option<Role>> {
    let org_id = conn.org_id();
    Ok(m::table
        .find((org_id, user))
        .select(m::role)
        .first(conn.conn())
        .optional()?)
}

/// The role of an active person in `org` (the transaction's context must be `org`).
pub fn active_role(conn: &mut PgConnection, org: Uuid, user: Uuid) -> ApiResult<Option<Role>> {
    Ok(m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org))
        .filter(m::user_id.eq(user))
        .filter(users::active.eq(true))
        .select(m::role)
        .first(conn)
        .optional()?)
}

/// Active admins other than `leaving`.
pub fn other_active_admins(conn: &mut TenantConn<'_>, leaving: Uuid) -> ApiResult<i64> {
    let org_id = conn.org_id();
    Ok(m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .filter(m::role.eq(Role::Admin))
        .filter(users::active.eq(true))
        .filter(m::user_id.ne(leaving))
        .count()
        .get_result(conn.conn())?)
}

/// The kind of the organisation and the person's role in it (None: not a member), in one
/// query: the caller's standing, read on every organisation request. None when there is no
/// such organisation. Runs in the person's own door (`memberships_own` policy).
pub fn standing(
    conn: &mut PgConnection,
    org_id: Uuid,
    user_id: Uuid,
) -> ApiResult<Option<(OrgKind, Option<Role>)>> {
    use crate::schema::organisations as o;
    Ok(o::table
        .left_join(m::table.on(m::organisation_id.eq(o::id).and(m::user_id.eq(user_id))))
        .filter(o::id.eq(org_id))
        .select((o::kind, m::role.nullable()))
        .first(conn)
        .optional()?)
}

/// A person's memberships, by organisation name: (id, name, short name, kind, role).
pub fn of_person(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> ApiResult<Vec<(Uuid, String, String, OrgKind, Role)>> {
    use crate::schema::organisations as o;
    Ok(m::table
        .inner_join(o::table)
        .filter(m::user_id.eq(user_id))
        .order(o::name)
        .select((o::id, o::name, o::short_name, o::kind, m::role))
        .load(conn)?)
}

/// Adds the membership, or sets its role when it exists (an accepted invitation). The
/// organisation must be the one in the transaction's context.
pub fn upsert(
    conn: &mut PgConnection,
    org_id: Uuid,
    kind: OrgKind,
    user_id: Uuid,
    role: Role,
) -> ApiResult<()> {
    diesel::insert_into(m::table)
        .values((
            m::organisation_id.eq(org_id),
            m::user_id.eq(user_id),
            m::organisation_kind.eq(kind),
            m::role.eq(role),
        ))
        .on_conflict((m::organisation_id, m::user_id))
        .do_update()
        .set(m::role.eq(role))
        .execute(conn)?;
    Ok(())
}

/// Active people of the organisation in scope among `users`, with their role and name.
pub fn active_people(
    conn: &mut TenantConn<'_>,
    user_ids: &[Uuid],
) -> ApiResult<Vec<(Uuid, Role, String)>> {
    let org_id = conn.org_id();
    Ok(m::table
        .inner_join(users::table)
        .filter(m::organisation_id.eq(org_id))
        .filter(m::user_id.eq_any(user_ids))
        .filter(users::active.eq(true))
        .select((m::user_id, m::role, users::name))
        .load(conn.conn())?)
}
