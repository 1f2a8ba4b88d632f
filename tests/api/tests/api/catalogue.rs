//! The database wall, read from PostgreSQL's catalogue: every tenant table carries
//! `organisation_id NOT NULL`, a primary key leading with it, composite foreign keys to other
//! tenant tables, RLS enabled and forced with a policy; the request role can bypass none of it.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use solidaires_tests::TestApp;

/// Tables without `organisation_id`, each for a stated reason. A new table must either be a
/// tenant table or be added here deliberately.
const GLOBAL_TABLES: &[&str] = &[
    "__diesel_schema_migrations", // diesel's own bookkeeping
    "organisations",              // the tenants themselves (a directory of names)
    "users",                      // a person may belong to several organisations
    "password_resets",            // per person, redeemed before any organisation is known
    "refresh_tokens",             // per person
    "login_failures",             // per email address, before sign-in
    "outbox_emails",              // delivery queue
    "outbox_sms",                 // delivery queue
    "network_snapshots",          // when the network's cells were counted (figures role only)
    "network_rows",               // the network's masked figures (figures role only)
];

/// Tables with `organisation_id` that may be NULL, each for a stated reason: the journal
/// records sign-ins (before any organisation) and attempts on an organisation the caller
/// has no standing in; its key is its append order. RLS is still enabled, forced and
/// given policies.
const NULLABLE_ORG_TABLES: &[&str] = &["audit_entries"];

#[derive(QueryableByName, Debug)]
struct TableFacts {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Bool)]
    has_org_column: bool,
    #[diesel(sql_type = Bool)]
    org_not_null: bool,
    #[diesel(sql_type = Text)]
    pk_first_column: String,
    #[diesel(sql_type = Bool)]
    rls_enabled: bool,
    #[diesel(sql_type = Bool)]
    rls_forced: bool,
    #[diesel(sql_type = BigInt)]
    policies: i64,
}

const FACTS: &str = "
SELECT c.relname::text AS name,
       a.attname IS NOT NULL AS has_org_column,
       coalesce(a.attnotnull, false) AS org_not_null,
       coalesce((SELECT pa.attname::text FROM pg_index i
                  JOIN pg_attribute pa ON pa.attrelid = i.indrelid AND pa.attnum = i.indkey[0]
                 WHERE i.indrelid = c.oid AND i.indisprimary), '') AS pk_first_column,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
 WHERE c.relkind = 'r'
 ORDER BY 1";

#[actix_web::test]
async fn every_tenant_table_has_the_column_the_key_rls_and_a_policy() {
    let app = TestApp::start().await;
    let tables: Vec<TableFacts> = diesel::sql_query(FACTS)
        .load(&mut app.conn())
        .expect("catalogue");
    let tenant: Vec<&TableFacts> = tables.iter().filter(|t| t.has_org_column).collect();
    assert!(
        tenant.iter().any(|t| t.name == "sites") && tenant.iter().any(|t| t.name == "memberships"),
        "the tenant tables of the foundation are seen: {tables:?}"
    );
    for t in &tables {
        if !t.has_org_column {
            assert!(
                GLOBAL_TABLES.contains(&t.name.as_str()),
                "{} has no organisation_id and is not a declared global table",
                t.name
            );
            continue;
        }
        if !NULLABLE_ORG_TABLES.contains(&t.name.as_str()) {
            assert!(
                t.org_not_null,
                "{}.organisation_id must be NOT NULL",
                t.name
            );
            assert_eq!(
                t.pk_first_column, "organisation_id",
                "{}: primary key must lead with organisation_id",
                t.name
            );
        }
        assert!(
            t.rls_enabled,
            "{}: row-level security must be enabled",
            t.name
        );
        assert!(
            t.rls_forced,
            "{}: row-level security must be forced",
            t.name
        );
        assert!(t.policies >= 1, "{}: needs at least one policy", t.name);
    }
}

#[derive(QueryableByName, Debug)]
struct ForeignKey {
    #[diesel(sql_type = Text)]
    constraint_name: String,
    #[diesel(sql_type = Bool)]
    includes_org: bool,
}

/// Keys that link two structures' rows on purpose: a trainee's place, attendance and
/// validations (rows of the trainee's structure) name the course of the structure that
/// organises it (decision 61).
const CROSS_STRUCTURE_KEYS: &[&str] = &[
    "course_invitations_course_fkey",
    "course_trainees_course_fkey",
    "course_attendance_session_fkey",
    "competence_validations_course_fkey",
];

#[actix_web::test]
async fn foreign_keys_between_tenant_tables_include_the_organisation() {
    let app = TestApp::start().await;
    let fks: Vec<ForeignKey> = diesel::sql_query(
        "SELECT con.conname::text AS constraint_name,
                EXISTS (SELECT 1 FROM unnest(con.conkey) k
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k
                         WHERE a.attname = 'organisation_id') AS includes_org
           FROM pg_constraint con
          WHERE con.contype = 'f'
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'organisation_id')
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'organisation_id')",
    )
    .load(&mut app.conn())
    .expect("foreign keys");
    for fk in fks {
        if CROSS_STRUCTURE_KEYS.contains(&fk.constraint_name.as_str()) {
            continue;
        }
        assert!(
            fk.includes_org,
            "{} links two tenant tables without organisation_id",
            fk.constraint_name
        );
    }
}

#[derive(QueryableByName, Debug)]
struct RoleFacts {
    #[diesel(sql_type = Bool)]
    rolsuper: bool,
    #[diesel(sql_type = Bool)]
    rolbypassrls: bool,
    #[diesel(sql_type = BigInt)]
    owned: i64,
}

#[actix_web::test]
async fn the_request_role_is_not_superuser_owns_nothing_and_cannot_bypass_rls() {
    let app = TestApp::start().await;
    let facts: RoleFacts = diesel::sql_query(
        "SELECT r.rolsuper, r.rolbypassrls,
                (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned
           FROM pg_roles r WHERE r.rolname = 'solidaires_app'",
    )
    .get_result(&mut app.conn())
    .expect("request role exists");
    assert!(!facts.rolsuper, "request role must not be superuser");
    assert!(!facts.rolbypassrls, "request role must not have BYPASSRLS");
    assert_eq!(facts.owned, 0, "request role must own no table");
}

#[derive(QueryableByName, Debug, PartialEq)]
struct LoginFacts {
    #[diesel(sql_type = Bool)]
    rolsuper: bool,
    #[diesel(sql_type = Bool)]
    rolbypassrls: bool,
    #[diesel(sql_type = Bool)]
    rolcanlogin: bool,
    #[diesel(sql_type = BigInt)]
    owned: i64,
    #[diesel(sql_type = Text)]
    member_of: String,
}

/// The API's pool signs in as a role that is no superuser, cannot bypass RLS, owns nothing
/// and is a member of the request role only; injected SQL that resets the role gets weaker,
/// not stronger.
#[actix_web::test]
async fn the_pool_signs_in_as_a_role_that_can_become_nothing_stronger() {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let app = TestApp::start().await;
    let facts: LoginFacts = diesel::sql_query(
        "SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin, \
                (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned, \
                coalesce((SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) \
                          FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid \
                          WHERE m.member = r.oid), '') AS member_of \
           FROM pg_roles r WHERE r.rolname = 'solidaires_api'",
    )
    .get_result(&mut app.conn())
    .expect("the login role exists");
    assert_eq!(
        facts,
        LoginFacts {
            rolsuper: false,
            rolbypassrls: false,
            rolcanlogin: true,
            owned: 0,
            // The network's door: it may only execute the masked figures function.
            member_of: "solidaires_app,solidaires_network".into(),
        }
    );

    let mut api = diesel::PgConnection::establish(&app.api_url).expect("signs in");
    let attempts = [
        "RESET ROLE; SELECT count(*) FROM households",
        "SET ROLE solidaires; SELECT 1",
        "SET ROLE postgres; SELECT 1",
        "RESET ROLE; SELECT password_hash FROM users",
    ];
    for sql in attempts {
        let refused = api.batch_execute(sql);
        assert!(refused.is_err(), "{sql} must be refused");
    }
}

/// (table, column) pairs that hold secrets: the request role has no SELECT on any of them.
const SECRET_COLUMNS: &[(&str, &str)] = &[
    ("users", "password_hash"),
    ("refresh_tokens", "token_hash"),
    ("password_resets", "token_hash"),
    ("invitations", "token_hash"),
    ("login_failures", "email"),
    ("login_failures", "ip"),
    ("outbox_emails", "body"),
    ("outbox_emails", "recipient"),
    ("outbox_sms", "body"),
    ("outbox_sms", "recipient"),
    ("calendar_feeds", "token_hash"),
];

/// Columns that decide who someone is: the request role may not write them.
const IDENTITY_COLUMNS: &[(&str, &str)] = &[
    ("users", "password_hash"),
    ("users", "is_superadmin"),
    ("users", "tokens_valid_after"),
    ("users", "membership_count"),
    ("users", "email"),
];

#[derive(QueryableByName, Debug)]
struct Privilege {
    #[diesel(sql_type = Bool)]
    granted: bool,
}

fn has_column_privilege(app: &TestApp, table: &str, column: &str, privilege: &str) -> bool {
    diesel::sql_query("SELECT has_column_privilege('solidaires_app', $1, $2, $3) AS granted")
        .bind::<Text, _>(table)
        .bind::<Text, _>(column)
        .bind::<Text, _>(privilege)
        .get_result::<Privilege>(&mut app.conn())
        .expect("privilege")
        .granted
}

#[actix_web::test]
async fn the_catalogue_keeps_secrets_and_identity_columns_from_the_request_role() {
    let app = TestApp::start().await;
    for (table, column) in SECRET_COLUMNS {
        assert!(
            !has_column_privilege(&app, table, column, "SELECT"),
            "the request role must not read {table}.{column}"
        );
    }
    for (table, column) in IDENTITY_COLUMNS {
        assert!(
            !has_column_privilege(&app, table, column, "UPDATE"),
            "the request role must not write {table}.{column}"
        );
    }
    // What requests need stays granted (the check above would pass on a revoked-everything
    // catalogue otherwise).
    assert!(has_column_privilege(&app, "users", "email", "SELECT"));
    assert!(has_column_privilege(&app, "users", "name", "UPDATE"));
    assert!(has_column_privilege(
        &app,
        "outbox_emails",
        "body",
        "INSERT"
    ));

    // The functions that stand in for those reads run as a role the API cannot become,
    // and nobody but the request role may call them.
    #[derive(QueryableByName, Debug)]
    struct Definer {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        owner: String,
        #[diesel(sql_type = Bool)]
        public_can_execute: bool,
    }
    let definers: Vec<Definer> = diesel::sql_query(
        "SELECT p.proname::text AS name, r.rolname::text AS owner, \
                has_function_privilege('public', p.oid, 'EXECUTE') AS public_can_execute \
           FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner \
           JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public' \
          WHERE p.prosecdef ORDER BY 1",
    )
    .load(&mut app.conn())
    .expect("security definer functions");
    assert!(
        definers.iter().any(|d| d.name == "account_set_password"),
        "{definers:?}"
    );
    for d in &definers {
        assert!(
            !["solidaires_app", "solidaires_api"].contains(&d.owner.as_str()),
            "{} must be owned by the owner, not {}",
            d.name,
            d.owner
        );
        assert!(!d.public_can_execute, "{} is executable by PUBLIC", d.name);
    }
}

#[derive(QueryableByName, Debug)]
struct Id {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: uuid::Uuid,
}

fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    diesel::sql_query("SELECT id FROM users WHERE email = $1")
        .bind::<Text, _>(email)
        .get_result::<Id>(&mut app.conn())
        .expect("demo account")
        .id
}

/// Runs `sql` in a transaction of the API's login role, entered as the request role with
/// `who` as the transaction's person (as a request's door does).
fn as_request(app: &TestApp, who: uuid::Uuid, sql: &str) -> Result<(), String> {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let mut api = diesel::PgConnection::establish(&app.api_url).expect("signs in");
    api.transaction::<_, diesel::result::Error, _>(|conn| {
        conn.batch_execute(&format!(
            "SELECT set_config('app.user_id', '{who}', true); SET LOCAL ROLE solidaires_app; {sql}"
        ))
    })
    .map_err(|e| e.to_string())
}

#[actix_web::test]
async fn a_request_transaction_reads_no_secret_and_cannot_raise_anyone() {
    let app = TestApp::start().await;
    let volunteer = user_id(&app, "benevole@amqr.test");
    let superadmin = user_id(&app, "superadmin@solidaires.test");
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    // Allowed, so that the refusals below are refusals of the secret, not of everything.
    as_request(&app, volunteer, "SELECT id, email, name FROM users")
        .expect("people's names are readable");
    as_request(
        &app,
        volunteer,
        "UPDATE users SET name = name WHERE id = app_user_id()",
    )
    .expect("one's own name is writable");

    let refused = [
        "SELECT password_hash FROM users".to_owned(),
        "SELECT token_hash FROM refresh_tokens".to_owned(),
        "SELECT token_hash FROM password_resets".to_owned(),
        "SELECT token_hash FROM invitations".to_owned(),
        "SELECT * FROM login_failures".to_owned(),
        "SELECT body FROM outbox_emails".to_owned(),
        "DELETE FROM login_failures".to_owned(),
        format!("UPDATE users SET is_superadmin = true WHERE id = '{volunteer}'"),
        format!("UPDATE users SET tokens_valid_after = now() WHERE id = '{superadmin}'"),
        format!("UPDATE users SET password_hash = '{hash}' WHERE id = '{superadmin}'"),
        format!("UPDATE users SET membership_count = 0 WHERE id = '{volunteer}'"),
        format!("SELECT account_set_password('{superadmin}', '{hash}')"),
        format!("SELECT account_invalidate_tokens('{superadmin}')"),
        "SELECT count(*) FROM users WHERE password_hash IS NULL".to_owned(),
    ];
    for sql in &refused {
        let outcome = as_request(&app, volunteer, sql);
        assert!(
            outcome.is_err(),
            "{sql} must be refused to the request role"
        );
    }
    // The person themselves may still set their own password and end their own sessions.
    as_request(
        &app,
        volunteer,
        &format!("SELECT account_set_password('{volunteer}', '{hash}'); SELECT account_invalidate_tokens('{volunteer}')"),
    )
    .expect("one's own password");
}
