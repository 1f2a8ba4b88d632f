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
];

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
            member_of: "solidaires_app".into(),
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
