//! Data protection: the registry covers every table linked to a family; the right of access
//! exports all of it; erasure leaves every figure unchanged and the family unrecognisable;
//! retention anonymises after the structure's months without contact, with an injected clock.

use std::collections::BTreeSet;

use chrono::{Months, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde_json::{json, Value};
use solidaires::privacy::REGISTRY;
use solidaires_tests::TestApp;
use uuid::Uuid;

use crate::workshop_documents::pdf_text;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut app.conn())
        .expect("count")
        .n
}

/// Tables that link to a household or a referral but hold nothing of the family: the
/// register of erasures (the structure's proof that a right was exercised).
const LINKED_WITHOUT_PERSONAL_DATA: &[&str] = &["erasure_requests"];

#[actix_web::test]
async fn every_table_linked_to_a_family_is_in_the_registry() {
    let app = TestApp::start().await;
    let linked: Vec<Name> = diesel::sql_query(
        "SELECT DISTINCT c.relname::text AS name FROM pg_constraint con
           JOIN pg_class c ON c.oid = con.conrelid
           JOIN pg_class f ON f.oid = con.confrelid
          WHERE con.contype = 'f' AND f.relname IN ('households', 'referrals', 'enrolments')
         UNION
         SELECT DISTINCT c.relname::text FROM pg_attribute a
           JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          WHERE a.attname IN ('household_id', 'referral_id', 'enrolment_id') AND NOT a.attisdropped",
    )
    .load(&mut app.conn())
    .expect("catalogue");
    let registered: BTreeSet<&str> = REGISTRY
        .iter()
        .flat_map(|h| h.tables.iter().copied())
        .collect();
    assert!(linked.len() >= 10, "the catalogue query finds the links");
    for table in linked {
        assert!(
            registered.contains(table.name.as_str())
                || LINKED_WITHOUT_PERSONAL_DATA.contains(&table.name.as_str()),
            "{} holds rows about a family: register it with privacy/ (its module's PRIVACY)",
            table.name
        );
    }
    for holding in REGISTRY {
        assert!(
            !holding.holds.is_empty() && !holding.tables.is_empty(),
            "{}",
            holding.module
        );
    }
}

/// A demo family of AMQR that went all the way: referred, enrolled, present, given a
/// computer.
fn family_with_a_computer(app: &TestApp) -> (Uuid, String, String) {
    #[derive(QueryableByName)]
    struct Family {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
        #[diesel(sql_type = Text)]
        first_name: String,
        #[diesel(sql_type = Text)]
        last_name: String,
    }
    let f: Family = diesel::sql_query(
        "SELECT h.household_id AS id, m.first_name, m.last_name FROM handovers h
           JOIN organisations o ON o.id = h.organisation_id AND o.short_name = 'AMQR'
           JOIN household_members m ON m.organisation_id = h.organisation_id AND m.household_id = h.household_id AND m.role = 'reference'
           WHERE EXISTS (SELECT 1 FROM referrals r WHERE r.organisation_id = h.organisation_id AND r.household_id = h.household_id AND r.source = 'referrer')
          ORDER BY h.handed_on LIMIT 1",
    )
    .get_result(&mut app.conn())
    .expect("a demo family with a computer");
    (f.id, f.first_name, f.last_name)
}

fn rows_of<'a>(export: &'a Value, table: &str) -> &'a Vec<Value> {
    export["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["table"] == table)
        .unwrap_or_else(|| panic!("no section {table}"))["rows"]
        .as_array()
        .expect("rows")
}

#[actix_web::test]
async fn the_access_export_holds_every_module_s_rows_as_json_and_pdf() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let admin = app.login("admin@amqr.test").await;
    let (household, first, last) = family_with_a_computer(&app);
    let path = format!("/api/v1/orgs/{amqr}/households/{household}/personal-data");
    let res = app.get(&path, &admin).await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let export = res.json();
    let raw = |sql: &str| count(&app, &sql.replace("$H", &household.to_string()));
    let expected = [
        ("household", raw("SELECT count(*) AS n FROM households WHERE id = '$H'")),
        ("household_members", raw("SELECT count(*) AS n FROM household_members WHERE household_id = '$H'")),
        ("referrals", raw("SELECT count(*) AS n FROM referrals WHERE household_id = '$H'")),
        ("referral_events", raw("SELECT count(*) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral_id WHERE r.household_id = '$H'")),
        ("enrolments", raw("SELECT count(*) AS n FROM enrolments WHERE household_id = '$H'")),
        ("attendance", raw("SELECT count(*) AS n FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.household_id = '$H'")),
        ("skills_checks", raw("SELECT count(*) AS n FROM skills_checks s JOIN enrolments e ON e.id = s.enrolment_id WHERE e.household_id = '$H'")),
        ("session_reminders", raw("SELECT count(*) AS n FROM session_reminders WHERE household_id = '$H'")),
        ("reservations", raw("SELECT count(*) AS n FROM reservations WHERE household_id = '$H'")),
        ("handovers", raw("SELECT count(*) AS n FROM handovers WHERE household_id = '$H'")),
    ];
    for (table, n) in expected {
        assert_eq!(rows_of(&export, table).len() as i64, n, "{table}");
    }
    for table in [
        "referrals",
        "referral_events",
        "enrolments",
        "attendance",
        "handovers",
    ] {
        assert!(
            !rows_of(&export, table).is_empty(),
            "this family has {table}"
        );
    }
    let text = export.to_string();
    assert!(text.contains(&first) && text.contains(&last));
    assert!(
        !text.contains("search_text") && !text.contains("folded_name"),
        "search keys are not data"
    );
    // Every registered table is in the export.
    for holding in REGISTRY {
        for table in holding
            .tables
            .iter()
            .filter(|t| **t != "notifications" && **t != "households")
        {
            rows_of(&export, table);
        }
    }

    let pdf = pdf_text(&app.get(&format!("{path}?format=pdf"), &admin).await);
    assert!(pdf.contains("Données personnelles"), "{pdf}");
    assert!(pdf.contains(&last), "the family's name is in the document");
    assert!(pdf.contains("Les ordinateurs remis"));

    // Admins of the structure only; journalled as exports.
    let staff = app.login("animatrice@amqr.test").await;
    assert_eq!(app.get(&path, &staff).await.status, 403);
    let other = app.login("admin@acsrv.test").await;
    assert_eq!(app.get(&path, &other).await.status, 404);
    assert_eq!(
        app.get(
            &format!("/api/v1/orgs/{acsrv}/households/{household}/personal-data"),
            &other
        )
        .await
        .status,
        404,
        "another structure's family is not found through one's own"
    );
    let journal = app
        .get(
            &format!("/api/v1/orgs/{amqr}/audit-entries?action=export&resource_id={household}"),
            &admin,
        )
        .await
        .json();
    let outcomes: Vec<&str> = journal["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["outcome"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == "success").count(),
        2,
        "JSON and PDF exports journalled: {outcomes:?}"
    );
    assert!(
        outcomes.contains(&"denied"),
        "the staff member's attempt too"
    );
}

#[actix_web::test]
async fn erasure_leaves_every_figure_unchanged_and_the_family_unrecognisable() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let admin = app.login("admin@amqr.test").await;
    let (household, first, last) = family_with_a_computer(&app);
    // The referrer that sent this family, and one of its agents.
    let (ccas, referral): (Uuid, Uuid) = {
        use solidaires::schema::referrals as r;
        r::table
            .filter(r::household_id.eq(household))
            .filter(r::source.eq("referrer"))
            .select((r::referrer_org_id.assume_not_null(), r::id))
            .first(&mut app.conn())
            .expect("referral")
    };
    let agent = if ccas == app.org("CCAS") {
        "agent@ccas.test"
    } else {
        "agent@bailleur.test"
    };
    let referrer = app.login(agent).await;
    let from = (Utc::now() - chrono::Duration::days(800))
        .format("%Y-%m")
        .to_string();
    let dashboard = format!("/api/v1/orgs/{amqr}/dashboard?from={from}");
    let referrer_dashboard = format!("/api/v1/orgs/{ccas}/referrer-dashboard?from={from}");
    let before = (
        app.get(&dashboard, &admin).await.json(),
        app.get(&referrer_dashboard, &referrer).await.json(),
    );
    let phone: Option<String> = {
        use solidaires::schema::households as h;
        h::table
            .filter(h::id.eq(household))
            .select(h::phone)
            .first(&mut app.conn())
            .expect("phone")
    };
    let erasure = format!("/api/v1/orgs/{amqr}/households/{household}/erasure");

    // Who may: the structure's admin; a reason is needed.
    let staff = app.login("animatrice@amqr.test").await;
    assert_eq!(
        app.call(
            "POST",
            &erasure,
            Some(&staff),
            Some(json!({"reason": "Demande écrite"}))
        )
        .await
        .status,
        403
    );
    let other = app.login("admin@acsrv.test").await;
    assert_eq!(
        app.call(
            "POST",
            &erasure,
            Some(&other),
            Some(json!({"reason": "Demande écrite"}))
        )
        .await
        .status,
        404
    );
    let blank = app
        .call(
            "POST",
            &erasure,
            Some(&admin),
            Some(json!({"reason": "  "})),
        )
        .await;
    assert_eq!(blank.status, 422);
    assert!(blank.json()["errors"]["reason"].is_array());

    let done = app
        .call(
            "POST",
            &erasure,
            Some(&admin),
            Some(json!({"reason": "Courrier de la famille du 20/11/2026"})),
        )
        .await;
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    assert_eq!(done.json()["household_id"], household.to_string().as_str());

    let after = (
        app.get(&dashboard, &admin).await.json(),
        app.get(&referrer_dashboard, &referrer).await.json(),
    );
    assert_eq!(
        before.0["figures"], after.0["figures"],
        "the structure's figures are unchanged"
    );
    assert_eq!(before.0["months"], after.0["months"]);
    assert_eq!(before.1, after.1, "the referrer's figures are unchanged");

    // Unrecognisable everywhere the registry knows of, and in the referrer's view.
    let export = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}/personal-data"),
            &admin,
        )
        .await
        .json();
    let text = export.to_string();
    for secret in [first.as_str(), last.as_str()]
        .into_iter()
        .chain(phone.as_deref())
    {
        assert!(!text.contains(secret), "{secret} is still held");
    }
    assert!(
        !rows_of(&export, "handovers").is_empty(),
        "the computer keeps its history"
    );
    assert_eq!(rows_of(&export, "household")[0]["status"], "archived");
    let file = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}"),
            &admin,
        )
        .await
        .json();
    assert_eq!(file["members"][0]["first_name"], "Personne");
    assert!(file["anonymised_at"].is_string());
    let found = app
        .get(
            &format!(
                "/api/v1/orgs/{amqr}/households?include_archived=true&q={}",
                urlencoding(&last)
            ),
            &admin,
        )
        .await
        .json();
    assert!(found["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|h| h["id"] != household.to_string().as_str()));
    let seen = app
        .get(
            &format!("/api/v1/orgs/{ccas}/referrals/{referral}"),
            &referrer,
        )
        .await;
    assert!(
        !String::from_utf8_lossy(&seen.body).contains(&last),
        "the referrer no longer reads the name"
    );

    // Recorded with its reason, journalled, and done once.
    assert_eq!(count(&app, &format!("SELECT count(*) AS n FROM erasure_requests WHERE household_id = '{household}' AND reason LIKE 'Courrier%'")), 1);
    let journal = app
        .get(
            &format!("/api/v1/orgs/{amqr}/audit-entries?resource_type=households.erasure"),
            &admin,
        )
        .await
        .json();
    assert!(journal["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|e| e["outcome"] == "success" && e["resource_id"] == household.to_string().as_str()));
    assert_eq!(
        app.call(
            "POST",
            &erasure,
            Some(&admin),
            Some(json!({"reason": "Encore"}))
        )
        .await
        .status,
        409
    );
    let edit = app
        .send("PUT", &format!("/api/v1/orgs/{amqr}/households/{household}"), Some(&admin), &[("Content-Type", "application/json"), ("If-Match", &format!("\"{}\"", file["version"]))],
            Some(json!({"members": [{"first_name": "Re", "last_name": "Nommé", "role": "reference"}], "preferred_contact": "phone", "phone": "0612345678", "needs": ["no_computer"]}).to_string().into_bytes()))
        .await;
    assert_eq!(
        edit.status, 409,
        "an anonymised family cannot be filled in again"
    );
    let eligibility = app
        .get(
            &format!("/api/v1/orgs/{amqr}/households/{household}/eligibility"),
            &admin,
        )
        .await
        .json();
    assert_eq!(eligibility["eligible"], false);
    assert!(eligibility["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .any(|r| r["code"] == "anonymised"));
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Moves a row's dates back, triggers off (as if it had been written then).
fn backdate(app: &TestApp, sql: &str) {
    app.conn()
        .batch_execute(&format!("SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;"))
        .expect("backdated");
}

fn is_anonymised(app: &TestApp, table: &str, id: Uuid) -> bool {
    count(
        app,
        &format!(
            "SELECT count(*) AS n FROM {table} WHERE id = '{id}' AND anonymised_at IS NOT NULL"
        ),
    ) == 1
}

#[actix_web::test]
async fn retention_anonymises_after_the_structure_s_months_without_contact_only() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let now = Utc::now();
    let ago = |months: u32| {
        now.checked_sub_months(Months::new(months))
            .expect("date")
            .to_rfc3339()
    };
    let mut families = Vec::new();
    for name in ["Vingtcinq", "Vingttrois"] {
        let res = app
            .call("POST", &format!("/api/v1/orgs/{amqr}/households"), Some(&staff), Some(json!({
                "members": [{"first_name": "Anne", "last_name": name, "role": "reference"}],
                "preferred_contact": "phone", "phone": "06 55 44 33 22", "needs": ["no_computer"]
            })))
            .await;
        families.push(Uuid::parse_str(res.json()["id"].as_str().expect("id")).expect("uuid"));
    }
    let (quiet_25, quiet_23) = (families[0], families[1]);
    backdate(
        &app,
        &format!(
            "UPDATE households SET updated_at = '{}' WHERE id = '{quiet_25}'",
            ago(25)
        ),
    );
    backdate(
        &app,
        &format!(
            "UPDATE households SET updated_at = '{}' WHERE id = '{quiet_23}'",
            ago(23)
        ),
    );
    // A family whose file has not changed for 25 months but who came to sessions and got a
    // computer lately: in contact.
    let (active, _, _) = family_with_a_computer(&app);
    backdate(
        &app,
        &format!(
            "UPDATE households SET updated_at = '{}' WHERE id = '{active}'",
            ago(25)
        ),
    );
    // Referrals never linked to a family: one quiet for 25 months, one for 23.
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let unlinked: Vec<Id> = diesel::sql_query(format!(
        "SELECT id FROM referrals WHERE organisation_id = '{amqr}' AND household_id IS NULL ORDER BY id LIMIT 2"
    ))
    .load(&mut app.conn())
    .expect("unlinked referrals");
    assert_eq!(
        unlinked.len(),
        2,
        "the demo has referrals without a household"
    );
    for (r, months) in [(unlinked[0].id, 25), (unlinked[1].id, 23)] {
        backdate(&app, &format!("UPDATE referrals SET updated_at = '{0}' WHERE id = '{r}'; UPDATE referral_events SET at = '{0}' WHERE referral_id = '{r}'", ago(months)));
    }

    // Two instances at once: each family is anonymised once.
    let pool = app.state.db.pool().clone();
    let (a, b) = (pool.clone(), pool.clone());
    let first = std::thread::spawn(move || {
        solidaires::privacy::retention::run_once(&a, now).expect("retention")
    });
    let second = std::thread::spawn(move || {
        solidaires::privacy::retention::run_once(&b, now).expect("retention")
    });
    let (first, second) = (
        first.join().expect("thread"),
        second.join().expect("thread"),
    );
    assert_eq!(
        first.households + second.households,
        1,
        "{first:?} {second:?}"
    );
    assert_eq!(
        first.referrals + second.referrals,
        1,
        "{first:?} {second:?}"
    );
    assert!(
        is_anonymised(&app, "households", quiet_25),
        "25 months without contact"
    );
    assert!(
        !is_anonymised(&app, "households", quiet_23),
        "23 months: kept"
    );
    assert!(
        !is_anonymised(&app, "households", active),
        "recent attendance and handover: kept"
    );
    assert!(is_anonymised(&app, "referrals", unlinked[0].id));
    assert!(!is_anonymised(&app, "referrals", unlinked[1].id));
    assert_eq!(
        count(&app, &format!("SELECT count(*) AS n FROM household_members WHERE household_id = '{quiet_25}' AND last_name = 'Vingtcinq'")),
        0
    );
    // Again: nothing more to do.
    assert_eq!(
        solidaires::privacy::retention::run_once(&pool, now).expect("again"),
        Default::default()
    );
    // Two months later the 23-month family is due; a structure keeping 36 months waits.
    app.conn()
        .batch_execute(&format!(
            "UPDATE organisations SET retention_months = 36 WHERE id = '{amqr}'"
        ))
        .expect("setting");
    let later = now.checked_add_months(Months::new(2)).expect("date");
    assert_eq!(
        solidaires::privacy::retention::run_once(&pool, later)
            .expect("later")
            .households,
        0
    );
    app.conn()
        .batch_execute(&format!(
            "UPDATE organisations SET retention_months = 24 WHERE id = '{amqr}'"
        ))
        .expect("setting");
    solidaires::privacy::retention::run_once(&pool, later).expect("later");
    assert!(is_anonymised(&app, "households", quiet_23));
}
