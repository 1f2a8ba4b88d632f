//! The data door: a transaction's organisation never leaks into the next use of a pooled
//! connection, and inside an organisation's door a raw query sees only that organisation.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use solidaires::platform::db::{self, Context, Db, SystemScope};
use solidaires::platform::error::ApiResult;
use solidaires_tests::TestApp;
use uuid::Uuid;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct OrgOfRow {
    #[diesel(sql_type = SqlUuid)]
    organisation_id: Uuid,
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Nullable<Text>)]
    value: Option<String>,
}

fn count_sites(conn: &mut PgConnection) -> ApiResult<i64> {
    Ok(diesel::sql_query("SELECT count(*) AS n FROM sites")
        .get_result::<Count>(conn)?
        .n)
}

#[actix_web::test]
async fn a_pooled_connection_keeps_nothing_of_the_previous_organisation() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    // One connection in the pool: every door below reuses it.
    let single = Db::new(db::pool(&app.db_url, 1).expect("pool"));

    let seen_in_a = single
        .org_tx(&SystemScope(amqr), |conn| count_sites(conn.conn()))
        .await
        .expect("A's door");
    assert!(seen_in_a >= 2, "AMQR sees its own sites ({seen_in_a})");

    let (leftover_sites, leftover_org) = single
        .system_tx(|conn| {
            let sites = count_sites(conn)?;
            let org: Setting = diesel::sql_query(
                "SELECT NULLIF(current_setting('app.org_id', true), '') AS value",
            )
            .get_result(conn)?;
            Ok((sites, org.value))
        })
        .await
        .expect("unscoped door");
    assert_eq!(
        leftover_sites, 0,
        "without a scope, no tenant row is visible"
    );
    assert_eq!(
        leftover_org, None,
        "the organisation setting did not survive its transaction"
    );

    // Outside any door the connection is back to the owner role (SET LOCAL ended).
    let mut conn = single.pool().get().expect("same connection");
    let role: Setting = diesel::sql_query("SELECT current_user::text AS value")
        .get_result(&mut conn)
        .expect("role");
    assert_ne!(role.value.as_deref(), Some(db::REQUEST_ROLE));
    drop(conn);

    let rows: Vec<OrgOfRow> = single
        .org_tx(&SystemScope(acsrv), |conn| {
            Ok(diesel::sql_query("SELECT * FROM sites").load(conn.conn())?)
        })
        .await
        .expect("B's door");
    assert!(!rows.is_empty(), "ACSRV sees its sites");
    assert!(
        rows.iter().all(|r| r.organisation_id == acsrv),
        "a raw SELECT * in ACSRV's door returns only ACSRV's rows"
    );

    let members: Vec<OrgOfRow> = single
        .org_tx(&SystemScope(acsrv), |conn| {
            Ok(diesel::sql_query("SELECT organisation_id FROM memberships").load(conn.conn())?)
        })
        .await
        .expect("memberships in B's door");
    assert!(!members.is_empty() && members.iter().all(|r| r.organisation_id == acsrv));
}

#[actix_web::test]
async fn a_door_cannot_write_into_another_organisation() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let outcome = app
        .state
        .db
        .org_tx(&SystemScope(acsrv), move |conn| {
            diesel::sql_query(
                "INSERT INTO sites (organisation_id, id, name) VALUES ($1, $2, 'Intrus')",
            )
            .bind::<SqlUuid, _>(amqr)
            .bind::<SqlUuid, _>(Uuid::now_v7())
            .execute(conn.conn())?;
            Ok(())
        })
        .await;
    assert!(
        outcome.is_err(),
        "RLS refuses a row of another organisation"
    );
    let amqr_sites = app
        .state
        .db
        .org_tx(&SystemScope(amqr), |conn| count_sites(conn.conn()))
        .await
        .expect("count");
    let names: Vec<OrgOfRow> = app
        .state
        .db
        .org_tx(&SystemScope(amqr), |conn| {
            Ok(
                diesel::sql_query("SELECT organisation_id FROM sites WHERE name = 'Intrus'")
                    .load(conn.conn())?,
            )
        })
        .await
        .expect("lookup");
    assert!(
        names.is_empty(),
        "nothing was written ({amqr_sites} AMQR sites)"
    );
}

#[actix_web::test]
async fn the_request_role_without_an_organisation_sees_no_tenant_row() {
    // With the request role entered but no organisation set, even an explicit filter finds nothing.
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let mut conn = app.conn();
    let n = db::run_in_context(&mut conn, &Context::default(), |conn| {
        Ok(
            diesel::sql_query("SELECT count(*) AS n FROM sites WHERE organisation_id = $1")
                .bind::<SqlUuid, _>(amqr)
                .get_result::<Count>(conn)?
                .n,
        )
    })
    .expect("query");
    assert_eq!(n, 0);
}

/// After PostgreSQL drops the pool's connections (a restart, killed backends), requests go on:
/// dead connections are found before use, never answered as a run of 500s.
#[actix_web::test]
async fn killed_connections_are_replaced_before_use() {
    let app = TestApp::start().await;
    let token = app.login("animatrice@amqr.test").await;
    let burst = |n: usize| {
        let (app, token) = (&app, &token);
        futures_util::future::join_all(
            (0..n).map(move |_| async move { app.get("/api/v1/me", token).await.status }),
        )
    };
    // Several requests at once: the pool opens several connections.
    assert!(burst(12).await.iter().all(|s| *s == 200));
    // Kill every other connection of this database (the pool's idle ones).
    diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut app.conn())
    .expect("backends terminated");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let statuses = burst(12).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
}

/// The search functions run as the owner (so that their LIKE reaches the trigram index) and
/// filter by organisation themselves: a name that exists only in ACSRV's households is found
/// by ACSRV and by no one else, through the API and through the functions called directly.
#[actix_web::test]
async fn the_search_functions_answer_only_for_the_organisation_in_scope() {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = SqlUuid)]
        id: Uuid,
    }
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let acsrv_staff = app.login("animateur@acsrv.test").await;
    let amqr_staff = app.login("animatrice@amqr.test").await;
    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{acsrv}/households"),
            Some(&acsrv_staff),
            Some(serde_json::json!({
                "members": [{"first_name": "Zéphyrin", "last_name": "Quintal", "role": "reference"}],
                "preferred_contact": "phone",
                "phone": "06 12 34 98 76",
                "needs": ["no_computer"]
            })),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    for (org, token, expected) in [(acsrv, &acsrv_staff, 1), (amqr, &amqr_staff, 0)] {
        let found = app
            .get(&format!("/api/v1/orgs/{org}/households?q=quintal"), token)
            .await
            .json();
        assert_eq!(found["items"].as_array().map(Vec::len), Some(expected));
    }
    let system = Db::new(db::pool(&app.db_url, 1).expect("pool"));
    for (org, expected) in [(acsrv, 1), (amqr, 0)] {
        let ids = system
            .org_tx(&SystemScope(org), |conn| {
                Ok(diesel::sql_query(
                    "SELECT id FROM household_search_page('%quintal%', true, NULL, NULL, 50)",
                )
                .load::<Id>(conn.conn())?)
            })
            .await
            .expect("search");
        assert_eq!(ids.len(), expected, "household_search_page in {org}");
        let ids = system
            .org_tx(&SystemScope(org), |conn| {
                Ok(
                    diesel::sql_query("SELECT id FROM referral_search_ids('%', false)")
                        .load::<Id>(conn.conn())?,
                )
            })
            .await
            .expect("search");
        let foreign: i64 = diesel::sql_query(
            "SELECT count(*) AS n FROM referrals WHERE id = ANY($1) AND organisation_id <> $2",
        )
        .bind::<diesel::sql_types::Array<SqlUuid>, _>(ids.iter().map(|i| i.id).collect::<Vec<_>>())
        .bind::<SqlUuid, _>(org)
        .get_result::<Count>(&mut app.conn())
        .expect("count")
        .n;
        assert_eq!(foreign, 0, "referral_search_ids stays in {org}");
    }
}
