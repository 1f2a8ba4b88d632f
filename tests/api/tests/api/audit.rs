//! The audit journal: writes, reads of a family's file, exports, sign-ins and refusals are
//! journalled without personal content; admins read their organisation's only; nobody
//! changes or deletes an entry but the retention job.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde_json::{json, Value};
use solidaires_tests::TestApp;

fn household() -> Value {
    json!({
        "members": [{"first_name": "Hortense", "last_name": "Journaliste", "birth_year": 1979, "role": "reference"}],
        "commune": "Raismes",
        "preferred_contact": "sms",
        "phone": "06 11 22 33 44",
        "needs": ["no_computer"],
        "languages": ["français"],
        "notes": "Note confidentielle du journal"
    })
}

/// A family registered by `token`; its id.
async fn new_household(app: &TestApp, token: &str, org: uuid::Uuid) -> String {
    let created = app
        .call(
            "POST",
            &format!("/api/v1/orgs/{org}/households"),
            Some(token),
            Some(household()),
        )
        .await;
    assert_eq!(
        created.status,
        201,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    created.json()["id"].as_str().expect("id").to_owned()
}

fn entries(page: &Value) -> Vec<Value> {
    page["items"].as_array().expect("items").clone()
}

fn find<'a>(items: &'a [Value], action: &str, resource_id: &str) -> Option<&'a Value> {
    items
        .iter()
        .find(|e| e["action"] == action && e["resource_id"] == resource_id)
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[actix_web::test]
async fn writes_reads_exports_sign_ins_and_refusals_are_journalled_without_their_content() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let admin = app.login("admin@amqr.test").await;
    let volunteer = app.login("benevole@amqr.test").await;

    let id = new_household(&app, &staff, amqr).await;
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/households/{id}"), &staff)
            .await
            .status,
        200
    );
    // A list is not journalled; an export is; a volunteer's refused read is.
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/households"), &staff)
            .await
            .status,
        200
    );
    let csv = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard?format=csv"), &admin)
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/households/{id}"), &volunteer)
            .await
            .status,
        403
    );
    // A wrong password on a member's account.
    let failed = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "animatrice@amqr.test", "password": "pas le bon mot de passe"})),
        )
        .await;
    assert_eq!(failed.status, 401);

    let page = app
        .get(
            &format!("/api/v1/orgs/{amqr}/audit-entries?limit=100"),
            &admin,
        )
        .await;
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    let items = entries(&page.json());
    let staff_id = app.user("animatrice@amqr.test").to_string();
    let made = find(&items, "create", &id).expect("the creation is journalled");
    assert_eq!(made["resource_type"], "households");
    assert_eq!(made["user_id"], staff_id.as_str(), "{made}");
    assert_eq!(made["person"], "Camille Martin");
    assert_eq!(made["role"], "staff");
    assert_eq!(made["outcome"], "success");
    assert_eq!(made["status"], 201);
    assert!(made["request_id"].is_string());
    let read = items
        .iter()
        .find(|e| {
            e["action"] == "read" && e["resource_id"] == id.as_str() && e["outcome"] == "success"
        })
        .expect("the file's read is journalled");
    assert_eq!(read["user_id"], staff_id.as_str());
    let denied = items
        .iter()
        .find(|e| e["action"] == "read" && e["outcome"] == "denied")
        .expect("the volunteer's refusal is journalled");
    assert_eq!(denied["role"], "volunteer");
    assert_eq!(denied["status"], 403);
    assert!(
        items
            .iter()
            .any(|e| e["action"] == "export" && e["resource_type"] == "dashboard"),
        "the export is journalled"
    );
    assert!(
        items.iter().any(|e| e["action"] == "sign_in"
            && e["outcome"] == "denied"
            && e["user_id"] == staff_id.as_str()),
        "the failed sign-in is journalled for the account"
    );
    assert!(
        items.iter().any(|e| e["action"] == "sign_in"
            && e["outcome"] == "success"
            && e["user_id"] == staff_id.as_str()),
        "the sign-in is journalled"
    );
    assert!(
        !items.iter().any(|e| e["resource_type"] == "households"
            && e["action"] == "read"
            && e["resource_id"].is_null()),
        "the list was not journalled as a read"
    );

    // Nothing of the family, the password or a token is in any entry.
    let lines: Vec<Line> =
        diesel::sql_query("SELECT row_to_json(a)::text AS line FROM audit_entries a")
            .load(&mut app.conn())
            .expect("entries");
    let all = lines
        .into_iter()
        .map(|l| l.line)
        .collect::<Vec<_>>()
        .join("\n");
    for secret in [
        "Hortense",
        "Journaliste",
        "confidentielle",
        "0611",
        "+33611",
        "pas le bon",
        "animatrice@",
        &staff[staff.len() - 20..],
    ] {
        assert!(!all.contains(secret), "{secret} must not be journalled");
    }
}

#[actix_web::test]
async fn admins_read_and_filter_their_own_journal_only() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let staff = app.login("animatrice@amqr.test").await;
    let admin = app.login("admin@amqr.test").await;
    let other_admin = app.login("admin@acsrv.test").await;
    let id = new_household(&app, &staff, amqr).await;
    app.get(&format!("/api/v1/orgs/{amqr}/households/{id}"), &staff)
        .await;

    // Another structure's admin: 404 on AMQR's journal, and nothing of it in theirs.
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/audit-entries"), &other_admin)
            .await
            .status,
        404
    );
    let theirs = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/audit-entries?limit=100"),
            &other_admin,
        )
        .await;
    assert_eq!(theirs.status, 200);
    assert!(!String::from_utf8_lossy(&theirs.body).contains(&id));
    // Staff may not read the journal (and that refusal is itself journalled).
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/audit-entries"), &staff)
            .await
            .status,
        403
    );

    let base = format!("/api/v1/orgs/{amqr}/audit-entries");
    let about = entries(
        &app.get(&format!("{base}?resource_id={id}"), &admin)
            .await
            .json(),
    );
    assert_eq!(about.len(), 2, "{about:?}");
    assert!(about.iter().all(|e| e["resource_id"] == id.as_str()));
    let reads = entries(
        &app.get(
            &format!("{base}?action=read&resource_type=households"),
            &admin,
        )
        .await
        .json(),
    );
    assert!(!reads.is_empty() && reads.iter().all(|e| e["action"] == "read"));
    let staff_id = app.user("animatrice@amqr.test");
    let by_staff = entries(
        &app.get(&format!("{base}?user_id={staff_id}&limit=100"), &admin)
            .await
            .json(),
    );
    assert!(by_staff
        .iter()
        .all(|e| e["user_id"] == staff_id.to_string().as_str()));
    assert!(by_staff
        .iter()
        .any(|e| e["outcome"] == "denied" && e["resource_type"] == "audit-entries"));
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
    assert!(entries(
        &app.get(&format!("{base}?from={tomorrow}"), &admin)
            .await
            .json()
    )
    .is_empty());
    // Pages walk every entry once.
    let first = app.get(&format!("{base}?limit=2"), &admin).await.json();
    let cursor = first["next_cursor"].as_str().expect("more than one page");
    let second = entries(
        &app.get(&format!("{base}?limit=2&cursor={cursor}"), &admin)
            .await
            .json(),
    );
    assert!(second
        .iter()
        .all(|e| !entries(&first).iter().any(|f| f["id"] == e["id"])));
    // Bad filters are named.
    let bad = app
        .get(
            &format!("{base}?resource_type=DROP%20TABLE&from=2026-05-02&to=2026-05-01"),
            &admin,
        )
        .await;
    assert_eq!(bad.status, 422);
    let fields: Vec<String> = bad.json()["errors"]
        .as_object()
        .expect("errors")
        .keys()
        .cloned()
        .collect();
    assert!(
        fields.contains(&"resource_type".to_owned()) && fields.contains(&"to".to_owned()),
        "{fields:?}"
    );

    // The CSV opens in French Excel and is itself journalled as an export.
    let csv = app
        .get(&format!("{base}?format=csv&resource_id={id}"), &admin)
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(csv.body[3..].to_vec()).expect("utf-8");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(&records[1][0], "Date (UTC)");
    assert_eq!(records.len(), 2 + 2, "title, headers and the two entries");
    let exports = entries(
        &app.get(&format!("{base}?action=export"), &admin)
            .await
            .json(),
    );
    assert!(exports
        .iter()
        .any(|e| e["resource_type"] == "audit-entries"));
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection) -> i64 {
    diesel::sql_query("SELECT count(*) AS n FROM audit_entries")
        .get_result::<Count>(conn)
        .expect("count")
        .n
}

#[actix_web::test]
async fn entries_cannot_be_changed_or_deleted_by_the_request_role_nor_the_owner() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    new_household(&app, &staff, amqr).await;
    let mut conn = app.conn();
    let before = count(&mut conn);
    assert!(before > 0);
    let as_request = format!(
        "BEGIN; SELECT set_config('app.org_id', '{amqr}', true); SET LOCAL app.audit_purge = 'on'; SET LOCAL ROLE solidaires_app; "
    );
    for sql in [
        "UPDATE audit_entries SET outcome = 'success'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries",
        "INSERT INTO audit_entries (organisation_id, action, resource_type, route, method, status, outcome) \
         VALUES (gen_random_uuid(), 'read', 'x', '/x', 'GET', 200, 'success')",
    ] {
        let refused = conn.batch_execute(&format!("{as_request}{sql}; COMMIT;"));
        assert!(refused.is_err(), "{sql} must be refused to the request role");
        conn.batch_execute("ROLLBACK").expect("rollback");
    }
    // The owner too: the trigger refuses, whatever the privileges.
    for sql in [
        "UPDATE audit_entries SET outcome = 'success'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries",
    ] {
        assert!(
            conn.batch_execute(sql).is_err(),
            "{sql} must be refused to the owner"
        );
    }
    assert_eq!(count(&mut conn), before, "nothing was changed");
}

#[actix_web::test]
async fn the_retention_job_deletes_entries_past_their_months_only_and_again_nothing() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let now = chrono::Utc::now();
    let mut conn = app.conn();
    for months in [13, 11] {
        diesel::sql_query(
            "INSERT INTO audit_entries (at, organisation_id, action, resource_type, route, method, status, outcome) \
             VALUES (now() - make_interval(months => $1), $2, 'read', 'households', '/orgs/{org_id}/households/{household_id}', 'GET', 200, 'success')",
        )
        .bind::<diesel::sql_types::Integer, _>(months)
        .bind::<diesel::sql_types::Uuid, _>(amqr)
        .execute(&mut conn)
        .expect("old entry");
    }
    let before = count(&mut conn);
    let deleted = solidaires::audit::retention::purge(&mut conn, now, 12).expect("purge");
    assert_eq!(deleted, 1, "only the 13-month-old entry");
    assert_eq!(count(&mut conn), before - 1);
    assert_eq!(
        solidaires::audit::retention::purge(&mut conn, now, 12).expect("again"),
        0
    );
    // Six months on, the 11-month-old one is due too.
    let later = now + chrono::Duration::days(183);
    assert_eq!(
        solidaires::audit::retention::purge(&mut conn, later, 12).expect("later"),
        1
    );
}
