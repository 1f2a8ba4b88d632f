//! Dashboards: a structure's figures equal counts taken here from the raw rows, move at once
//! with the work, and stay inside the structure; the network's are aggregates, masked in
//! every format, behind a door only a coordinator opens.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Uuid as SqlUuid};
use serde_json::{json, Value};
use solidaires_tests::TestApp;
use uuid::Uuid;

use crate::cycles_support::site;
use crate::referrals::{act, family, refer};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = Nullable<BigInt>)]
    n: Option<i64>,
}

/// The period's bounds as SQL (the twelve months ending with this one, Paris time).
const BOUNDS: &str =
    "(date_trunc('month', now() AT TIME ZONE 'Europe/Paris') - interval '11 months')";
const END: &str = "(date_trunc('month', now() AT TIME ZONE 'Europe/Paris') + interval '1 month')";

/// One number counted straight from the tables, as their owner (no wall, no rollup).
fn raw(app: &TestApp, sql: &str, org: Uuid, site: Option<Uuid>) -> i64 {
    let sql = sql.replace("{from}", BOUNDS).replace("{to}", END);
    let row: Count = diesel::sql_query(sql)
        .bind::<SqlUuid, _>(org)
        .bind::<Nullable<SqlUuid>, _>(site)
        .get_result(&mut app.conn())
        .expect("a count");
    row.n.unwrap_or(0)
}

fn paris(column: &str) -> String {
    format!("({column} AT TIME ZONE 'Europe/Paris') >= {BOUNDS} AND ({column} AT TIME ZONE 'Europe/Paris') < {END}")
}

fn keyed(list: &Value, key: &str) -> i64 {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|c| c["key"] == key)
        .map_or(0, |c| c["count"].as_i64().expect("a count"))
}

/// The dashboard against counts taken from the raw rows, for one structure and maybe a site.
fn check(app: &TestApp, d: &Value, org: Uuid, site: Option<Uuid>) {
    let f = &d["figures"];
    let in_period = paris("submitted_at");
    let referrals = |extra: &str| {
        raw(
            app,
            &format!("SELECT count(*) AS n FROM referrals WHERE organisation_id = $1 AND ($2::uuid IS NULL OR site_id = $2) AND {in_period} {extra}"),
            org,
            site,
        )
    };
    assert_eq!(f["referrals"], referrals(""), "referrals");
    for status in [
        "submitted",
        "accepted",
        "declined",
        "enrolled",
        "completed",
        "dropped_out",
        "expired",
        "waitlisted",
    ] {
        assert_eq!(
            keyed(&d["referrals_by_outcome"], status),
            referrals(&format!("AND status = '{status}'")),
            "{status}"
        );
    }
    let own: i64 = d["referrals_by_source"]
        .as_array()
        .expect("sources")
        .iter()
        .filter(|s| s["referrer_org_id"].is_null())
        .map(|s| s["count"].as_i64().expect("count"))
        .sum();
    assert_eq!(
        own,
        referrals("AND referrer_org_id IS NULL"),
        "own referrals"
    );
    let median = raw(
        app,
        &format!("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM decided_at - submitted_at) / 86400))::bigint AS n \
                    FROM referrals WHERE organisation_id = $1 AND ($2::uuid IS NULL OR site_id = $2) AND decided_at IS NOT NULL AND {in_period}"),
        org,
        site,
    );
    assert_eq!(
        f["median_days_to_decision"].as_i64().unwrap_or(0),
        median,
        "median days to decision"
    );
    let held = format!(
        "FROM cycle_sessions s JOIN cycles c ON c.organisation_id = s.organisation_id AND c.id = s.cycle_id \
         WHERE s.organisation_id = $1 AND ($2::uuid IS NULL OR c.site_id = $2) AND NOT s.cancelled \
           AND s.attendance_taken_at IS NOT NULL AND {}",
        paris("s.starts_at")
    );
    assert_eq!(
        f["sessions_held"],
        raw(app, &format!("SELECT count(*) AS n {held}"), org, site),
        "sessions held"
    );
    assert_eq!(
        f["cycles_run"],
        raw(
            app,
            &format!("SELECT count(DISTINCT s.cycle_id) AS n {held}"),
            org,
            site
        ),
        "cycles run"
    );
    let presence = |filter: &str| {
        raw(
            app,
            &format!("SELECT count(*) AS n FROM attendance a WHERE a.organisation_id = $1 {filter} AND a.session_id IN (SELECT s.id {held})"),
            org,
            site,
        )
    };
    let (present, recorded) = (presence("AND a.presence = 'present'"), presence(""));
    let rate = f["attendance_rate"].as_f64();
    if recorded > 0 {
        let expected = (1000.0 * present as f64 / recorded as f64).round() / 10.0;
        assert_eq!(rate, Some(expected), "attendance rate {present}/{recorded}");
    } else {
        assert_eq!(rate, None);
    }
    for state in [
        "received",
        "diagnosed",
        "ready",
        "reserved",
        "handed_over",
        "scrapped",
    ] {
        let n = raw(
            app,
            &format!("SELECT count(*) AS n FROM devices WHERE organisation_id = $1 AND ($2::uuid IS NULL OR site_id = $2) AND state = '{state}'"),
            org,
            site,
        );
        assert_eq!(keyed(&d["devices_by_state"], state), n, "devices {state}");
    }
    let handed = raw(
        app,
        &format!("SELECT count(*) AS n FROM handovers h JOIN devices d ON d.organisation_id = h.organisation_id AND d.id = h.device_id \
                   WHERE h.organisation_id = $1 AND ($2::uuid IS NULL OR d.site_id = $2) \
                     AND h.handed_on >= {BOUNDS}::date AND h.handed_on < {END}::date"),
        org,
        site,
    );
    assert_eq!(f["computers_handed_over"], handed, "handovers");
    let skills = |extra: &str| {
        raw(
            app,
            &format!("SELECT count(*) AS n FROM skills_checks e \
                        JOIN skills_checks s ON s.organisation_id = e.organisation_id AND s.enrolment_id = e.enrolment_id \
                                            AND s.competence = e.competence AND s.moment = 'start' \
                        JOIN enrolments en ON en.organisation_id = e.organisation_id AND en.id = e.enrolment_id \
                        JOIN cycles c ON c.organisation_id = en.organisation_id AND c.id = en.cycle_id \
                       WHERE e.organisation_id = $1 AND ($2::uuid IS NULL OR c.site_id = $2) AND e.moment = 'end' AND {} {extra}",
                paris("e.assessed_at")),
            org,
            site,
        )
    };
    assert_eq!(f["skills_assessed"], skills(""), "skills assessed twice");
    let order = "array_position(ARRAY['accompanied', 'partly_autonomous', 'autonomous'], {}.level)";
    assert_eq!(
        f["skills_improved"],
        skills(&format!(
            "AND {} > {}",
            order.replace("{}", "e"),
            order.replace("{}", "s")
        )),
        "skills up by a level"
    );
    let months = d["months"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    let monthly: i64 = months
        .iter()
        .map(|m| m["referrals"].as_i64().expect("n"))
        .sum();
    assert_eq!(
        monthly,
        f["referrals"].as_i64().expect("n"),
        "months add up"
    );
}

#[actix_web::test]
async fn a_structure_dashboard_equals_the_counts_of_its_raw_rows() {
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let admin = app.login("admin@amqr.test").await;
    let acsrv_admin = app.login("admin@acsrv.test").await;

    let d = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard"), &admin)
        .await;
    assert_eq!(d.status, 200, "{}", String::from_utf8_lossy(&d.body));
    let d = d.json();
    assert!(
        d["figures"]["referrals"].as_i64().expect("n") > 0,
        "the demo has referrals"
    );
    assert!(
        d["figures"]["sessions_held"].as_i64().expect("n") > 0,
        "and sessions held"
    );
    check(&app, &d, amqr, None);

    let sabatier: Uuid = site(&app, &admin, amqr, "Maison de quartier Sabatier")
        .await
        .parse()
        .expect("uuid");
    let at_site = app
        .get(
            &format!("/api/v1/orgs/{amqr}/dashboard?site_id={sabatier}"),
            &admin,
        )
        .await
        .json();
    check(&app, &at_site, amqr, Some(sabatier));

    let other = app
        .get(&format!("/api/v1/orgs/{acsrv}/dashboard"), &acsrv_admin)
        .await
        .json();
    check(&app, &other, acsrv, None);

    // A period before anything happened counts nothing, but today's devices.
    let empty = app
        .get(
            &format!("/api/v1/orgs/{amqr}/dashboard?from=2020-01&to=2020-03"),
            &admin,
        )
        .await
        .json();
    assert_eq!(empty["figures"]["referrals"], 0);
    assert_eq!(empty["figures"]["sessions_held"], 0);
    assert_eq!(empty["months"].as_array().expect("months").len(), 3);

    // Another structure's site is not found; a bad period names its field.
    let foreign_site: Uuid = site(&app, &acsrv_admin, acsrv, "")
        .await
        .parse()
        .expect("uuid");
    let res = app
        .get(
            &format!("/api/v1/orgs/{amqr}/dashboard?site_id={foreign_site}"),
            &admin,
        )
        .await;
    assert_eq!(res.status, 404);
    for (query, field) in [
        ("from=2026-13", "from"),
        ("from=2026-05&to=2026-04", "to"),
        ("from=2020-01&to=2026-01", "from"),
    ] {
        let res = app
            .get(&format!("/api/v1/orgs/{amqr}/dashboard?{query}"), &admin)
            .await;
        assert_eq!(res.status, 422, "{query}");
        assert!(
            res.json()["errors"][field].is_array(),
            "{query} names {field}"
        );
    }
}

#[actix_web::test]
async fn new_referrals_and_decisions_show_at_once_and_only_in_their_structure() {
    let app = TestApp::start().await;
    // The CCAS refers to the AMQR; the ACSRV is the other structure.
    let (acsrv, amqr) = (app.org("AMQR"), app.org("ACSRV"));
    let ccas = app.login("agent@ccas.test").await;
    let acsrv_admin = app.login("admin@amqr.test").await;
    let amqr_admin = app.login("admin@acsrv.test").await;
    let before = app
        .get(&format!("/api/v1/orgs/{acsrv}/dashboard"), &acsrv_admin)
        .await
        .json();
    let amqr_before = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard"), &amqr_admin)
        .await
        .json();
    let ccas_org = app.org("CCAS");

    let mut ids = Vec::new();
    for (i, name) in ["Aline", "Bruno", "Chloé"].iter().enumerate() {
        let res = refer(
            &app,
            &ccas,
            ccas_org,
            family(acsrv, name, &format!("06 11 22 33 4{i}"), true),
            None,
        )
        .await;
        assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
        ids.push(res.json()["id"].as_str().expect("id").to_owned());
    }
    let res = act(
        &app,
        &acsrv_admin,
        acsrv,
        &ids[0],
        "decline",
        json!({"reason": "outside_area"}),
    )
    .await;
    assert!(res.status < 300, "{}", String::from_utf8_lossy(&res.body));

    let after = app
        .get(&format!("/api/v1/orgs/{acsrv}/dashboard"), &acsrv_admin)
        .await
        .json();
    let n = |d: &Value| d["figures"]["referrals"].as_i64().expect("n");
    assert_eq!(n(&after), n(&before) + 3);
    assert_eq!(
        keyed(&after["referrals_by_outcome"], "declined"),
        keyed(&before["referrals_by_outcome"], "declined") + 1
    );
    assert_eq!(
        keyed(&after["referrals_by_outcome"], "submitted"),
        keyed(&before["referrals_by_outcome"], "submitted") + 2
    );
    let from_ccas = |d: &Value| {
        d["referrals_by_source"]
            .as_array()
            .expect("sources")
            .iter()
            .find(|s| s["referrer_org_id"] == ccas_org.to_string())
            .map_or(0, |s| s["count"].as_i64().expect("n"))
    };
    assert_eq!(from_ccas(&after), from_ccas(&before) + 3);
    let this_month = after["months"]
        .as_array()
        .expect("months")
        .last()
        .expect("this month")
        .clone();
    let before_month = before["months"]
        .as_array()
        .expect("months")
        .last()
        .expect("this month")
        .clone();
    assert_eq!(
        this_month["referrals"].as_i64(),
        before_month["referrals"].as_i64().map(|n| n + 3)
    );
    check(&app, &after, acsrv, None);

    // The AMQR sees none of it.
    let amqr_after = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard"), &amqr_admin)
        .await
        .json();
    assert_eq!(amqr_after["figures"], amqr_before["figures"]);
}

/// Every count of the network's answer that is shown is 0 or at least 5, and no sum shown
/// has exactly one hidden part.
fn assert_masked(d: &Value) {
    let shown = |v: &Value| v.as_f64();
    let counts = [
        "referrals",
        "referrals_by_source",
        "referrals_by_outcome",
        "sessions_held",
        "cycles_run",
        "participants",
        "devices_by_state",
        "computers_handed_over",
        "people_trained",
        "competences_validated",
    ];
    let mut all: Vec<&Value> = d["total"].as_array().expect("total").iter().collect();
    for s in d["structures"].as_array().expect("structures") {
        all.extend(s["figures"].as_array().expect("figures"));
    }
    for m in d["months"].as_array().expect("months") {
        all.extend(m["figures"].as_array().expect("figures"));
    }
    for f in &all {
        if counts.contains(&f["figure"].as_str().expect("figure")) {
            if let Some(v) = shown(&f["value"]) {
                assert!(v == 0.0 || v >= 5.0, "{f} shows a small count");
            } else {
                assert!(f["value"] == "< 5" || f["value"] == "masked", "{f}");
            }
        }
    }
    // Columns: a figure across structures, whose total is shown.
    for total in d["total"].as_array().expect("total") {
        if !counts.contains(&total["figure"].as_str().expect("figure"))
            || shown(&total["value"]).is_none()
        {
            continue;
        }
        let hidden = d["structures"]
            .as_array()
            .expect("structures")
            .iter()
            .filter_map(|s| {
                s["figures"]
                    .as_array()
                    .expect("figures")
                    .iter()
                    .find(|f| f["figure"] == total["figure"] && f["key"] == total["key"])
            })
            .filter(|f| shown(&f["value"]).is_none())
            .count();
        assert_ne!(
            hidden, 1,
            "{total}: one hidden structure could be subtracted back"
        );
    }
    // Rows: a structure's referrals by outcome and by source, whose sum is shown.
    for s in d["structures"].as_array().expect("structures") {
        let figures = s["figures"].as_array().expect("figures");
        let total = figures
            .iter()
            .find(|f| f["figure"] == "referrals")
            .expect("referrals");
        if shown(&total["value"]).is_none() {
            continue;
        }
        for breakdown in ["referrals_by_outcome", "referrals_by_source"] {
            let hidden = figures
                .iter()
                .filter(|f| f["figure"] == breakdown && shown(&f["value"]).is_none())
                .count();
            assert_ne!(hidden, 1, "{}: one hidden {breakdown}", s["name"]);
        }
    }
}

#[actix_web::test]
async fn the_network_reads_masked_aggregates_in_every_format() {
    use chrono::Datelike;
    let app = TestApp::start().await;
    let network = app.org("Réseau");
    let coordinator = app.login("coordination@reseau.test").await;
    let year = chrono::Utc::now().year();
    let res = app
        .get(
            &format!("/api/v1/orgs/{network}/network-dashboard?year={year}"),
            &coordinator,
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let text = String::from_utf8_lossy(&res.body).to_string();
    let d = res.json();
    // The demo's structures are small: some counts are below five.
    assert!(text.contains("\"< 5\""), "a masked count: {text}");
    assert_masked(&d);
    let names: Vec<&str> = d["structures"]
        .as_array()
        .expect("structures")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("AMQR")) && names.iter().any(|n| n.starts_with("ACSRV")),
        "{names:?}"
    );
    // No personal field, no family's name.
    for personal in [
        "\"first_name\"",
        "\"last_name\"",
        "\"phone\"",
        "\"email\"",
        "Lucie",
        "Mehdi",
        "household",
    ] {
        assert!(
            !text.contains(personal),
            "{personal} in the network's answer"
        );
    }

    let csv = app
        .get(
            &format!("/api/v1/orgs/{network}/network-dashboard?year={year}&format=csv"),
            &coordinator,
        )
        .await;
    assert_eq!(csv.status, 200);
    let csv_text = String::from_utf8(csv.body.to_vec()).expect("utf-8");
    assert!(csv_text.starts_with('\u{feff}'));
    assert!(csv_text.contains(";< 5"), "masked in the CSV");
    let xlsx = app
        .get(
            &format!("/api/v1/orgs/{network}/network-dashboard?year={year}&format=xlsx"),
            &coordinator,
        )
        .await;
    assert_eq!(xlsx.status, 200);
    let cells = xlsx_cells(&xlsx.body);
    assert!(cells.iter().any(|c| c == "< 5"), "masked in the XLSX");
    for small in ["1", "2", "3", "4"] {
        // No count from 1 to 4 is written as a number in the structures' columns…
        assert!(
            !csv_text
                .lines()
                .skip(2)
                .take(30)
                .any(|l| l.split(';').skip(1).any(|c| c == small) && l.starts_with("Orientations")),
            "a small count in the CSV"
        );
    }
}

/// Every cell of every sheet, as text.
fn xlsx_cells(bytes: &[u8]) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        out.extend(range.rows().flat_map(|r| r.iter().map(|c| c.to_string())));
    }
    out
}

#[actix_web::test]
async fn a_structure_exports_its_dashboard_as_french_csv_and_xlsx() {
    let app = TestApp::start().await;
    let amqr = app.org("AMQR");
    let staff = app.login("animatrice@amqr.test").await;
    let res = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard?format=csv"), &staff)
        .await;
    assert_eq!(res.status, 200);
    assert!(res
        .header("content-disposition")
        .expect("a file")
        .contains(".csv"));
    let text = String::from_utf8(res.body.to_vec()).expect("utf-8");
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let d = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard"), &staff)
        .await
        .json();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let value = |name: &str| {
        rows.iter()
            .find(|r| r.get(0) == Some(name))
            .and_then(|r| r.get(1).map(str::to_owned))
            .expect(name)
    };
    assert_eq!(
        value("Orientations reçues"),
        d["figures"]["referrals"].to_string()
    );
    let rate = d["figures"]["attendance_rate"].as_f64().expect("a rate");
    assert_eq!(
        value("Taux de présence (%)"),
        rate.to_string().replace('.', ","),
        "decimal comma"
    );

    let res = app
        .get(
            &format!("/api/v1/orgs/{amqr}/dashboard?format=xlsx"),
            &staff,
        )
        .await;
    assert_eq!(res.status, 200);
    let cells = xlsx_cells(&res.body);
    assert!(cells.iter().any(|c| c == "Orientations reçues"));
    assert!(cells
        .iter()
        .any(|c| c == &d["figures"]["referrals"].to_string()));
    let res = app
        .get(&format!("/api/v1/orgs/{amqr}/dashboard?format=pdf"), &staff)
        .await;
    assert_eq!(res.status, 422);
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

#[actix_web::test]
async fn the_network_function_has_one_door() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::start().await;
    let (amqr, network) = (app.org("AMQR"), app.org("Réseau"));
    // Members of structures and referrers do not reach the network's dashboard; the
    // coordinator does not reach a structure's.
    let admin = app.login("admin@amqr.test").await;
    let coordinator = app.login("coordination@reseau.test").await;
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{network}/network-dashboard"), &admin)
            .await
            .status,
        404
    );
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{amqr}/dashboard"), &coordinator)
            .await
            .status,
        404
    );

    // The request role cannot call the function nor read its cells, whatever its context.
    let mut conn = app.conn();
    let as_request = format!(
        "BEGIN; SELECT set_config('app.org_id', '{amqr}', true); SET LOCAL ROLE solidaires_app; "
    );
    for sql in [
        "SELECT * FROM network_figures(2026)",
        "SELECT * FROM network_rows",
        "SELECT * FROM refresh_network_rows(2026)",
    ] {
        let refused = conn.batch_execute(&format!("{as_request}{sql}; COMMIT;"));
        assert!(
            refused.is_err(),
            "{sql} must be refused to the request role"
        );
        conn.batch_execute("ROLLBACK").expect("rollback");
    }
    // Through a structure's door, the cells are that structure's only.
    conn.batch_execute(&as_request).expect("in the door");
    let orgs: Vec<Named> = diesel::sql_query(
        "SELECT DISTINCT organisation_id::text AS name FROM dashboard_cells('2020-01-01', '2030-12-01', NULL)",
    )
    .load(&mut conn)
    .expect("cells");
    conn.batch_execute("ROLLBACK").expect("rollback");
    assert_eq!(
        orgs.iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
        vec![amqr.to_string()]
    );
    // The network's role reads no table.
    let refused = conn.batch_execute(
        "BEGIN; SET LOCAL ROLE solidaires_network; SELECT * FROM referrals; COMMIT;",
    );
    assert!(refused.is_err());
    conn.batch_execute("ROLLBACK").expect("rollback");
}

#[actix_web::test]
async fn a_referrer_reads_its_own_referrals_and_only_the_shared_journeys() {
    let app = TestApp::start().await;
    for (email, short) in [
        ("agent@ccas.test", "CCAS"),
        ("agent@bailleur.test", "Bailleur"),
    ] {
        let org = app.org(short);
        let token = app.login(email).await;
        let res = app
            .get(&format!("/api/v1/orgs/{org}/referrer-dashboard"), &token)
            .await;
        assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
        let d = res.json();
        let in_period = paris("submitted_at");
        let count = |extra: &str| {
            raw(
                &app,
                &format!("SELECT count(*) AS n FROM referrals WHERE referrer_org_id = $1 AND ($2::uuid IS NULL OR site_id = $2) AND {in_period} {extra}"),
                org,
                None,
            )
        };
        assert_eq!(d["referrals"], count(""), "{short}");
        let per_structure: i64 = d["structures"]
            .as_array()
            .expect("structures")
            .iter()
            .map(|s| s["referrals"].as_i64().expect("n"))
            .sum();
        assert_eq!(per_structure, count(""));
        let j = &d["journeys"];
        assert_eq!(j["shared"], count("AND share_progress"), "{short} shared");
        assert_eq!(
            j["computers_handed_over"],
            count("AND share_progress AND device_handed_over_on IS NOT NULL")
        );
        assert_eq!(
            j["started_a_cycle"],
            count("AND share_progress AND cycle_start_date IS NOT NULL")
        );
        assert_eq!(
            j["completed"],
            count("AND share_progress AND status = 'completed'")
        );
        assert_eq!(
            j["sessions_attended"],
            raw(&app, &format!("SELECT sum(sessions_attended)::bigint AS n FROM referrals WHERE referrer_org_id = $1 AND $2::uuid IS NULL AND share_progress AND {in_period}"), org, None)
        );
        let csv = app
            .get(
                &format!("/api/v1/orgs/{org}/referrer-dashboard?format=csv"),
                &token,
            )
            .await;
        assert_eq!(csv.status, 200);
        assert!(String::from_utf8_lossy(&csv.body).contains("Parcours partagés"));
    }
    // A structure's staff and the coordinator do not reach it.
    let ccas = app.org("CCAS");
    let staff = app.login("animatrice@amqr.test").await;
    assert_eq!(
        app.get(&format!("/api/v1/orgs/{ccas}/referrer-dashboard"), &staff)
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn a_funder_report_keeps_the_structures_words_and_hides_small_counts() {
    use chrono::Datelike;
    let app = TestApp::start().await;
    let (amqr, acsrv) = (app.org("AMQR"), app.org("ACSRV"));
    let staff = app.login("animatrice@amqr.test").await;
    let year = chrono::Utc::now().year();
    let path = format!("/api/v1/orgs/{amqr}/funder-reports/{year}");
    let empty = app.get(&path, &staff).await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.json()["version"], 0);

    let body = json!({"context": "Quartier prioritaire de Raismes, 40 familles orientées par le CCAS.", "highlights": "Une fête de fin de cycle en juin."});
    let put = |version: Option<&'static str>, body: Value| {
        let app = &app;
        let staff = staff.clone();
        let path = path.clone();
        async move {
            let mut headers = vec![("Content-Type", "application/json")];
            if let Some(v) = version {
                headers.push(("If-Match", v));
            }
            app.send(
                "PUT",
                &path,
                Some(&staff),
                &headers,
                Some(body.to_string().into_bytes()),
            )
            .await
        }
    };
    assert_eq!(put(None, body.clone()).await.status, 428);
    let saved = put(Some("0"), body.clone()).await;
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    assert_eq!(saved.json()["version"], 1);
    assert_eq!(
        put(Some("0"), body.clone()).await.status,
        412,
        "someone saved in between"
    );
    let long = json!({"context": "x".repeat(4001), "highlights": ""});
    let refused = put(Some("1"), long).await;
    assert_eq!(refused.status, 422);
    assert!(refused.json()["errors"]["context"].is_array());

    let pdf = app.get(&format!("{path}/report.pdf"), &staff).await;
    let text = crate::workshop_documents::pdf_text(&pdf);
    assert!(text.contains("Rapport d"), "{text}");
    assert!(text.contains("Quartier prioritaire de Raismes"));
    assert!(text.contains("Une fête de fin de cycle"));
    // The demo's structure is small: some of its counts are hidden.
    assert!(text.contains("< 5"), "{text}");

    // Another structure reads its own, empty texts; volunteers do not write them.
    let other = app.login("admin@acsrv.test").await;
    let theirs = app
        .get(
            &format!("/api/v1/orgs/{acsrv}/funder-reports/{year}"),
            &other,
        )
        .await
        .json();
    assert_eq!(theirs["context"], "");
    let volunteer = app.login("benevole@amqr.test").await;
    let res = app
        .send(
            "PUT",
            &path,
            Some(&volunteer),
            &[("Content-Type", "application/json"), ("If-Match", "1")],
            Some(body.to_string().into_bytes()),
        )
        .await;
    assert_eq!(res.status, 403);
}

#[derive(QueryableByName)]
struct Improved {
    #[diesel(sql_type = Nullable<diesel::sql_types::Bool>)]
    improved: Option<bool>,
}

/// The end check's "improved" follows its start check, whichever is written last.
#[actix_web::test]
async fn a_start_check_changed_after_the_end_one_is_read_again() {
    let app = TestApp::start().await;
    let mut conn = app.conn();
    let end_row = "SELECT e.improved FROM skills_checks e WHERE e.moment = 'end' \
                     AND e.enrolment_id = (SELECT enrolment_id FROM skills_checks WHERE moment = 'end' \
                                           AND level = 'autonomous' ORDER BY enrolment_id, competence LIMIT 1) \
                     AND e.competence = (SELECT competence FROM skills_checks WHERE moment = 'end' \
                                         AND level = 'autonomous' ORDER BY enrolment_id, competence LIMIT 1)";
    let set_start = |conn: &mut diesel::PgConnection, level: &str| {
        diesel::sql_query(format!(
            "UPDATE skills_checks s SET level = '{level}' FROM (SELECT enrolment_id, competence FROM skills_checks \
              WHERE moment = 'end' AND level = 'autonomous' ORDER BY enrolment_id, competence LIMIT 1) k \
              WHERE s.moment = 'start' AND s.enrolment_id = k.enrolment_id AND s.competence = k.competence"
        ))
        .execute(conn)
        .expect("the start check changes");
    };
    set_start(&mut conn, "autonomous");
    let row: Improved = diesel::sql_query(end_row)
        .get_result(&mut conn)
        .expect("the end check");
    assert_eq!(
        row.improved,
        Some(false),
        "no progress from autonomous to autonomous"
    );
    set_start(&mut conn, "accompanied");
    let row: Improved = diesel::sql_query(end_row)
        .get_result(&mut conn)
        .expect("the end check");
    assert_eq!(row.improved, Some(true));
}
