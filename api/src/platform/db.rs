//! The database: the pool, migrations, and the doors through which requests reach data.
//!
//! Every request-time query runs inside one of the doors of [`Db`]: a transaction on a
//! blocking thread that first sets the request's context (`app.org_id`, `app.user_id`,
//! `app.token_hash`, all transaction-local) and then `SET LOCAL ROLE solidaires_app`, a role
//! without BYPASSRLS. Row-level security therefore applies even when `DATABASE_URL` names a
//! superuser, and nothing of the context survives into the next use of the connection.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel::sql_types::{Nullable, Text};
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use uuid::Uuid;

use crate::auth::Actor;
use crate::platform::error::ApiResult;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// The role requests run as (created by the first migration).
pub const REQUEST_ROLE: &str = "solidaires_app";

/// The role the API's pool signs in as: it can log in and enter `REQUEST_ROLE`, nothing else
/// (not superuser, no BYPASSRLS, owns nothing, member of no other role), so even injected SQL
/// that resets the role ends up weaker, not stronger.
pub const API_LOGIN: &str = "solidaires_api";

/// The role that owns the network's figures functions and reads every structure's rows for
/// them: no login, and no role the API can enter is a member of it.
pub const FIGURES_ROLE: &str = "solidaires_figures";

/// The role the `network_tx` door enters: it may execute the network's figures functions
/// and read nothing else.
pub const NETWORK_ROLE: &str = "solidaires_network";

pub type PgPool = Pool<ConnectionManager<PgConnection>>;

/// Applies pending migrations as the connecting (owner) role, after making sure the
/// cluster-wide request role exists and the owner may enter it: roles are not in a database's
/// backup, so a restore on a new server needs them first, whatever migrations say they ran.
pub fn migrate(url: &str) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(url)?;
    ensure_request_role(&mut conn)?;
    conn.run_pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
    Ok(())
}

/// Creates the request role and the pool's login role if missing, and lets the connecting
/// (owner) role and the login role enter the request role. Idempotent: every migrate runs it.
pub fn ensure_request_role(conn: &mut PgConnection) -> anyhow::Result<()> {
    conn.batch_execute(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{REQUEST_ROLE}') THEN
             CREATE ROLE {REQUEST_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
           END IF;
           IF NOT pg_has_role(current_user, '{REQUEST_ROLE}', 'MEMBER') THEN
             EXECUTE format('GRANT {REQUEST_ROLE} TO %I', current_user);
           END IF;
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{API_LOGIN}') THEN
             CREATE ROLE {API_LOGIN} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
           END IF;
           IF NOT pg_has_role('{API_LOGIN}', '{REQUEST_ROLE}', 'MEMBER') THEN
             GRANT {REQUEST_ROLE} TO {API_LOGIN};
           END IF;
           -- The network's figures: owned by a role nobody signs in as, executed by one
           -- the login role may enter (decision 64).
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{FIGURES_ROLE}') THEN
             CREATE ROLE {FIGURES_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
           END IF;
           IF NOT pg_has_role(current_user, '{FIGURES_ROLE}', 'MEMBER') THEN
             EXECUTE format('GRANT {FIGURES_ROLE} TO %I', current_user);
           END IF;
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{NETWORK_ROLE}') THEN
             CREATE ROLE {NETWORK_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
           END IF;
           IF NOT pg_has_role(current_user, '{NETWORK_ROLE}', 'MEMBER') THEN
             EXECUTE format('GRANT {NETWORK_ROLE} TO %I', current_user);
           END IF;
           IF NOT pg_has_role('{API_LOGIN}', '{NETWORK_ROLE}', 'MEMBER') THEN
             GRANT {NETWORK_ROLE} TO {API_LOGIN};
           END IF;
         END $$;"
    ))?;
    Ok(())
}

/// The password the pool's login role signs in with, when the pool's URL names that role
/// with a password and a separate owner URL migrates (`DATABASE_URL` + `SOLIDAIRES_MIGRATE_URL`):
/// the operator writes it once, in the pool's URL, and the owner sets it at every start.
pub fn login_password_in(pool_url: &str) -> Option<String> {
    let parsed = url::Url::parse(pool_url).ok()?;
    if parsed.username() != API_LOGIN {
        return None;
    }
    let password = parsed.password()?;
    let decoded = percent_encoding::percent_decode_str(password)
        .decode_utf8()
        .ok()?
        .into_owned();
    (!decoded.is_empty()).then_some(decoded)
}

/// Sets the login role's password (as the owner). A quoted literal: ALTER ROLE takes no
/// parameters, and the text comes from the operator's own configuration.
pub fn set_login_password(owner_url: &str, password: &str) -> anyhow::Result<()> {
    if password.contains('\0') {
        anyhow::bail!("DATABASE_URL: the password of {API_LOGIN} contains a NUL character");
    }
    let mut conn = PgConnection::establish(owner_url)?;
    let literal = password.replace('\'', "''");
    conn.batch_execute(&format!(
        "SET standard_conforming_strings = on; ALTER ROLE {API_LOGIN} PASSWORD '{literal}'"
    ))?;
    Ok(())
}

/// Per-connection settings: a statement timeout so one slow query cannot hold a worker.
#[derive(Debug)]
struct SessionSettings;

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(
            "SET statement_timeout = '10s'; SET lock_timeout = '5s'; SET TIME ZONE 'UTC'",
        )
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

pub fn pool(url: &str, max_size: u32) -> anyhow::Result<PgPool> {
    let manager = ConnectionManager::<PgConnection>::new(url);
    Ok(Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        // A connection whose server went away (PostgreSQL restarted, a backend killed) is
        // found before a request uses it, at the price of one short round trip per request.
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionSettings))
        .build(manager)?)
}

/// What a transaction may see. Built by the doors below, never by handlers.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub org_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub token_hash: Option<String>,
}

/// What opens an organisation's door: a checked caller (`OrgScope<R>`, whose role was
/// verified by the extractor) or, outside requests, a job or command acting as the system.
pub trait TenantScope {
    fn org_id(&self) -> Uuid;
    fn actor(&self) -> Actor;
}

/// A job or command acting as the system in one organisation (the deadlines job, the seed,
/// tests of the walls). Requests never build one: grep for it when reviewing.
#[derive(Debug, Clone, Copy)]
pub struct SystemScope(pub Uuid);

impl TenantScope for SystemScope {
    fn org_id(&self) -> Uuid {
        self.0
    }

    fn actor(&self) -> Actor {
        Actor::system()
    }
}

/// A connection inside an organisation's door. Repositories of tenant data take this type,
/// so they cannot be called outside a scoped transaction, and filter by `org_id()` too.
pub struct TenantConn<'a> {
    conn: &'a mut PgConnection,
    org_id: Uuid,
    actor: Actor,
}

impl TenantConn<'_> {
    pub fn org_id(&self) -> Uuid {
        self.org_id
    }

    /// The organisation in scope, typed.
    pub fn org(&self) -> crate::platform::ids::OrgId {
        crate::platform::ids::OrgId(self.org_id)
    }

    /// Who acts in this transaction (recorded in histories and `created_by` columns).
    pub fn actor(&self) -> Actor {
        self.actor
    }

    pub fn conn(&mut self) -> &mut PgConnection {
        self.conn
    }
}

#[derive(Clone)]
pub struct Db {
    pool: PgPool,
}

impl Db {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The door to one organisation's data, opened by a checked scope: one transaction, in
    /// which policies recognise the organisation and the caller.
    pub async fn org_tx<S, T, F>(&self, scope: &S, f: F) -> ApiResult<T>
    where
        S: TenantScope,
        T: Send + 'static,
        F: FnOnce(&mut TenantConn<'_>) -> ApiResult<T> + Send + 'static,
    {
        let (org_id, actor) = (scope.org_id(), scope.actor());
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            with_org(&mut conn, org_id, actor, f)
        })
        .await?
    }

    /// The network's door: a coordinator's checked scope enters the role that may only
    /// execute the network's figures functions (aggregates, masked inside them). No tenant
    /// table is readable here.
    pub async fn network_tx<T, F>(
        &self,
        scope: &crate::auth::OrgScope<crate::auth::roles::NetworkCoordinator>,
        f: F,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let user_id = scope.user_id();
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            conn.transaction(|conn| {
                diesel::sql_query(format!(
                    "SELECT set_config('app.user_id', $1, true), set_config('role', '{NETWORK_ROLE}', true)"
                ))
                .bind::<Text, _>(user_id.to_string())
                .execute(conn)?;
                f(conn)
            })
        })
        .await?
    }

    /// The journal's door: one entry written after a request, in the organisation the caller
    /// had standing in (or none: sign-ins), as that person. Only `audit::middleware` uses it.
    pub async fn journal_tx<T, F>(
        &self,
        org_id: Option<Uuid>,
        user_id: Option<Uuid>,
        f: F,
    ) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let ctx = Context {
            org_id,
            user_id,
            token_hash: None,
        };
        self.run(ctx, f).await
    }

    /// A person's own view: their user row and memberships, no organisation's data.
    pub async fn user_tx<T, F>(&self, user_id: Uuid, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let ctx = Context {
            user_id: Some(user_id),
            ..Context::default()
        };
        self.run(ctx, f).await
    }

    /// The door used while redeeming a one-time link: only the row with that hash is visible.
    pub async fn token_tx<T, F>(&self, token_hash: String, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let ctx = Context {
            token_hash: Some(token_hash),
            ..Context::default()
        };
        self.run(ctx, f).await
    }

    /// Work on global tables (accounts, sessions, the organisation directory) with no
    /// tenant in scope: tenant tables are invisible here. Grep for it when reviewing.
    pub async fn system_tx<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        self.run(Context::default(), f).await
    }

    async fn run<T, F>(&self, ctx: Context, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            run_in_context(&mut conn, &ctx, f)
        })
        .await?
    }
}

/// Runs `f` in a transaction entered with `ctx`: the one place the context is set.
pub fn run_in_context<T, F>(conn: &mut PgConnection, ctx: &Context, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut PgConnection) -> ApiResult<T>,
{
    conn.transaction(|conn| {
        enter(conn, ctx)?;
        f(conn)
    })
}

/// The organisation door on a connection already at hand (CLI, seed, jobs, tests).
pub fn with_org<T, F>(conn: &mut PgConnection, org_id: Uuid, actor: Actor, f: F) -> ApiResult<T>
where
    F: FnOnce(&mut TenantConn<'_>) -> ApiResult<T>,
{
    let ctx = Context {
        org_id: Some(org_id),
        user_id: actor.user_id,
        token_hash: None,
    };
    run_in_context(conn, &ctx, |conn| {
        f(&mut TenantConn {
            conn,
            org_id,
            actor,
        })
    })
}

/// Sets the transaction-local context and drops to the request role, in one round trip:
/// `set_config('role', …, true)` is `SET LOCAL ROLE`, evaluated after the settings before it.
pub fn enter(conn: &mut PgConnection, ctx: &Context) -> Result<(), diesel::result::Error> {
    diesel::sql_query(format!(
        "SELECT set_config('app.org_id', coalesce($1, ''), true), \
                set_config('app.user_id', coalesce($2, ''), true), \
                set_config('app.token_hash', coalesce($3, ''), true), \
                set_config('role', '{REQUEST_ROLE}', true)"
    ))
    .bind::<Nullable<Text>, _>(ctx.org_id.map(|id| id.to_string()))
    .bind::<Nullable<Text>, _>(ctx.user_id.map(|id| id.to_string()))
    .bind::<Nullable<Text>, _>(ctx.token_hash.clone())
    .execute(conn)?;
    Ok(())
}

/// Switches the organisation in scope inside an open transaction (redeeming an invitation
/// adds a membership to the organisation the invitation names).
pub fn switch_org(conn: &mut PgConnection, org_id: Uuid) -> Result<(), diesel::result::Error> {
    diesel::sql_query("SELECT set_config('app.org_id', $1, true)")
        .bind::<Text, _>(org_id.to_string())
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_password_is_read_from_the_pool_url_of_the_login_role_only() {
        assert_eq!(
            login_password_in("postgres://solidaires_api:s%40cr%2Bt+x@db:5432/solidaires"),
            Some("s@cr+t+x".to_owned())
        );
        assert_eq!(
            login_password_in("postgres://solidaires:pw@db/solidaires"),
            None
        );
        assert_eq!(
            login_password_in("postgres://solidaires_api@db/solidaires"),
            None
        );
        assert_eq!(login_password_in("not a url"), None);
    }
}

#[derive(diesel::QueryableByName)]
struct JsonRow {
    #[diesel(sql_type = diesel::sql_types::Jsonb)]
    row: serde_json::Value,
}

/// The rows of `sql`, a query selecting one `jsonb` column named `row`, with `$1` the
/// organisation in scope and `$2` a household: what a module holds on a family, as it is
/// stored (the right of access's export).
pub fn json_rows(
    conn: &mut TenantConn<'_>,
    sql: &str,
    household: Uuid,
) -> Result<Vec<serde_json::Value>, diesel::result::Error> {
    let org = conn.org_id();
    let rows: Vec<JsonRow> = diesel::sql_query(sql)
        .bind::<diesel::sql_types::Uuid, _>(org)
        .bind::<diesel::sql_types::Uuid, _>(household)
        .load(conn.conn())?;
    Ok(rows.into_iter().map(|r| r.row).collect())
}

diesel::define_sql_function! {
    /// SQL `lower()`, for case-insensitive email look-ups (matching the unique index).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}
